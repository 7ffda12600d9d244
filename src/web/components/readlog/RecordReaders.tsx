/** "Who has seen my data": a person's record's reads (views, list pages, exports), for the unit's administrators. */
import { Alert, Flex, Modal, Typography } from "antd";
import { useEffect, useState } from "react";
import type { ProcessingEntry } from "../../../shared/readlog";
import { readlogApi } from "../../api/readlog";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { ProcessingTable } from "./ProcessingTable";

export function RecordReaders({
  kind,
  record,
  onClose,
}: {
  kind: string;
  /** `communeId`: the record's commune, so the server reads its commune's log (and the lists above a commune). */
  record: { id: number; name: string; communeId?: number };
  onClose: () => void;
}) {
  const t = useT();
  const [entries, setEntries] = useState<ProcessingEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    readlogApi.readers(kind, record.id, record.communeId).then(
      (list) => live && setEntries(list.entries),
      (err: unknown) => live && setError(errorText(err, t)),
    );
    return () => {
      live = false;
    };
  }, [kind, record.id, record.communeId, t]);
  return (
    <Modal
      open
      title={t("plog.readersTitle", { name: record.name })}
      onCancel={onClose}
      footer={null}
      width={960}
      data-testid="record-readers"
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t("plog.readersHelp")}</Typography.Text>
        {error && <Alert type="error" showIcon title={error} />}
        <ProcessingTable
          entries={entries ?? []}
          loading={entries === null && !error}
          testId="record-readers-table"
        />
      </Flex>
    </Modal>
  );
}
