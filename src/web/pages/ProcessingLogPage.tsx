/** /nhat-ky-xu-ly: the processing log for administrators, filtered by unit, user, kind of data and dates. */
import { Alert, Button, Card, Flex, Form, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import type { UserSummary } from "../../shared/api";
import {
  documentKinds,
  type ProcessingEntry,
  type ProcessingFilter,
  personalKinds,
} from "../../shared/readlog";
import { api } from "../api/client";
import { readlogApi } from "../api/readlog";
import { IsoDateField } from "../components/IsoDateField";
import { PageTitle } from "../components/PageTitle";
import { ProcessingTable, useKindLabel } from "../components/readlog/ProcessingTable";
import { UnitSelect } from "../components/UnitSelect";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";

const PAGE = 50;

export default function ProcessingLogPage() {
  const t = useT();
  const kindLabel = useKindLabel();
  const [filter, setFilter] = useState<ProcessingFilter>({});
  const [entries, setEntries] = useState<ProcessingEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [users, setUsers] = useState<UserSummary[]>([]);

  useEffect(() => {
    api.users().then(setUsers, () => setUsers([]));
  }, []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    readlogApi.log({ ...filter, limit: PAGE }).then(
      (page) => {
        if (!live) return;
        setEntries(page.entries);
        setNext(page.nextBefore);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setEntries([]);
        setError(errorText(err, t));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [filter, t]);

  const more = async () => {
    if (next === null) return;
    setLoading(true);
    try {
      const page = await readlogApi.log({ ...filter, before: next, limit: PAGE });
      setEntries((current) => [...current, ...page.entries]);
      setNext(page.nextBefore);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  };
  const set = (change: Partial<ProcessingFilter>) => setFilter((f) => ({ ...f, ...change }));
  const kinds = [...personalKinds, ...documentKinds];

  return (
    <Flex vertical gap={16} data-testid="processing-log-page">
      <PageTitle>{t("plog.title")}</PageTitle>
      <Typography.Text type="secondary">{t("plog.help")}</Typography.Text>
      <Card size="small">
        <Form layout="vertical">
          <Flex wrap gap={12}>
            <Form.Item label={t("plog.unit")} style={{ marginBottom: 0, flex: "1 1 260px" }}>
              <UnitSelect
                value={filter.unitId ?? null}
                onChange={(id) => set({ unitId: id ?? undefined })}
                testId="plog-unit"
              />
            </Form.Item>
            <Form.Item label={t("plog.user")} style={{ marginBottom: 0, flex: "1 1 200px" }}>
              <Select<number>
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t("plog.any")}
                value={filter.userId}
                onChange={(userId) => set({ userId })}
                options={users.map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
                data-testid="plog-user"
              />
            </Form.Item>
            <Form.Item label={t("plog.kind")} style={{ marginBottom: 0, flex: "1 1 180px" }}>
              <Select<string>
                allowClear
                placeholder={t("plog.any")}
                value={filter.kind}
                onChange={(kind) => set({ kind })}
                options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
                data-testid="plog-kind"
              />
            </Form.Item>
            <Form.Item label={t("plog.from")} style={{ marginBottom: 0, flex: "0 1 160px" }}>
              <IsoDateField value={filter.from} onChange={(from) => set({ from })} />
            </Form.Item>
            <Form.Item label={t("plog.to")} style={{ marginBottom: 0, flex: "0 1 160px" }}>
              <IsoDateField value={filter.to} onChange={(to) => set({ to })} />
            </Form.Item>
          </Flex>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <ProcessingTable entries={entries} loading={loading} testId="plog-table" />
      <Flex justify="center">
        {next !== null ? (
          <Button onClick={() => void more()} loading={loading} data-testid="plog-more">
            {t("plog.more")}
          </Button>
        ) : (
          !loading &&
          entries.length > 0 && <Typography.Text type="secondary">{t("plog.end")}</Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
