/** Evidence files of the items of a self-assessment: the list per item and an upload button. */
import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Flex, Typography, Upload } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { RowRef } from "../../api/client";
import { cycleApi, type Evidence } from "../../api/cycle";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";

const ACCEPT = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.txt,.csv";

/** The evidence of a registration, reloaded after each upload; asked for in the registration's commune. */
export function useEvidence({ id, communeId }: RowRef) {
  const [list, setList] = useState<Evidence[]>([]);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    void version;
    cycleApi.evidence({ id, communeId }).then(
      (evidence) => {
        if (live) setList(evidence);
      },
      () => {
        // The sheet still works without the list; the upload shows its own errors.
      },
    );
    return () => {
      live = false;
    };
  }, [id, communeId, version]);
  return { list, reload };
}

function sizeText(size: number | null): string {
  if (size === null) return "";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

type Props = {
  /** The registration, named with its commune on every call. */
  registration: RowRef;
  itemKey: string;
  evidence: Evidence[];
  editable: boolean;
  onAdded: () => void;
};

/** The files attached to one item, each downloadable, and (when editable) a button to attach one more. */
export function ItemEvidence({ registration, itemKey, evidence, editable, onAdded }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const files = evidence.filter((e) => e.itemKey === itemKey && e.fileName);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await cycleApi.addEvidence(registration, { itemKey, file });
      void message.success(t("evidence.added", { name: file.name }));
      onAdded();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (!editable && files.length === 0) return null;
  return (
    <Flex vertical gap={2} data-testid={`evidence-${itemKey}`}>
      {files.map((e) => (
        <Typography.Link
          key={e.id}
          href={cycleApi.evidenceUrl(registration, e.id)}
          target="_blank"
          rel="noreferrer"
          ellipsis
          style={{ maxWidth: "100%" }}
        >
          <PaperClipOutlined /> {e.fileName} {e.size !== null && `(${sizeText(e.size)})`}
        </Typography.Link>
      ))}
      {editable && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={busy}
            data-testid={`evidence-upload-${itemKey}`}
          >
            {t("evidence.upload")}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}
