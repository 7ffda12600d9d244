/**
 * "Sổ khen thưởng": the commendations of the unit's subtree with filters (form, level, subject kind; the year is
 * the page's), the Excel download, and on a commune recording, editing and deleting for those who may.
 */
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { allows, type Can } from "../../../shared/capabilities";
import { actionOfForm, type CommendationFilter } from "../../../shared/commendations";
import { type Commendation, commendationApi } from "../../api/commendations";
import { errorText } from "../../errors";
import { formatDate } from "../../format";
import { useLang, useT } from "../../i18n/messages";
import { useCompact } from "../useCompact";
import { useSaveErrors } from "../useSubmit";
import { CommendationDialog } from "./CommendationDialog";
import { formLabel, formOptions, kindLabel, kindOptions, levelLabel, levelOptions } from "./labels";

export function RegisterTab({
  unitId,
  communeId,
  year,
  can,
  onChanged,
}: {
  unitId: number;
  /** The commune when the page is on one: recording happens there. */
  communeId: number | null;
  year: number | undefined;
  can: Can;
  onChanged: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const compact = useCompact();
  const { message } = App.useApp();
  const saveFailed = useSaveErrors();
  const [filter, setFilter] = useState<Omit<CommendationFilter, "unitId" | "year">>({});
  const [data, setData] = useState<{ commendations: Commendation[]; more: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Commendation | "new" | null>(null);
  const query: CommendationFilter = { unitId, year, ...filter };
  const key = JSON.stringify(query);

  const load = useCallback(() => {
    setError(null);
    commendationApi.list(JSON.parse(key)).then(setData, (err: unknown) => setError(errorText(err, t)));
  }, [key, t]);
  useEffect(load, [load]);

  const saved = () => {
    setEditing(null);
    load();
    onChanged();
  };
  const remove = async (c: Commendation) => {
    try {
      await commendationApi.remove(c, c.version);
      void message.success(t("commend.deleted"));
      saved();
    } catch (err) {
      saveFailed(err, { reload: load });
    }
  };
  const mayEdit = (c: Commendation) => communeId !== null && allows(can, actionOfForm(c.form));

  const actions = (c: Commendation) =>
    mayEdit(c) && (
      <Flex gap={4} wrap>
        <Button size="small" onClick={() => setEditing(c)} data-testid="commendation-edit">
          {t("commend.edit")}
        </Button>
        <Popconfirm title={t("commend.deleteConfirm")} onConfirm={() => void remove(c)}>
          <Button size="small" danger data-testid="commendation-delete">
            {t("commend.delete")}
          </Button>
        </Popconfirm>
      </Flex>
    );
  const subject = (c: Commendation) => (
    <Flex vertical gap={0}>
      <Typography.Text strong>{c.subjectName}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.subject ? kindLabel(c.subject.kind, lang) : t("commend.freeText")} · {c.communeName}
      </Typography.Text>
    </Flex>
  );
  const decision = (c: Commendation) => `${c.decisionNumber}, ${formatDate(c.decisionDate)}`;
  const columns: TableColumnsType<Commendation> = compact
    ? [
        {
          key: "all",
          render: (_, c) => (
            <Flex vertical gap={2}>
              {subject(c)}
              <span>
                {c.year} · {formLabel(c.form, lang)}
              </span>
              <Typography.Text type="secondary">{decision(c)}</Typography.Text>
              {actions(c)}
            </Flex>
          ),
        },
      ]
    : [
        { key: "year", title: t("commend.year"), render: (_, c) => c.year },
        { key: "subject", title: t("commend.subject"), render: (_, c) => subject(c) },
        { key: "form", title: t("commend.form"), render: (_, c) => formLabel(c.form, lang) },
        { key: "level", title: t("commend.level"), render: (_, c) => levelLabel(c.level, lang) },
        { key: "decision", title: t("commend.decision"), render: (_, c) => decision(c) },
        { key: "reason", title: t("commend.reason"), render: (_, c) => c.reason },
        { key: "actions", render: (_, c) => actions(c) },
      ];

  const mayAdd =
    communeId !== null && (allows(can, "registry.edit") || allows(can, "commendation.association"));
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Select
          allowClear
          placeholder={t("commend.form")}
          options={formOptions(lang)}
          value={filter.form}
          onChange={(form) => setFilter({ ...filter, form })}
          style={{ minWidth: 220, flex: "1 1 220px" }}
          data-testid="filter-form"
        />
        <Select
          allowClear
          placeholder={t("commend.level")}
          options={levelOptions(lang)}
          value={filter.level}
          onChange={(level) => setFilter({ ...filter, level })}
          style={{ minWidth: 160, flex: "1 1 160px" }}
        />
        <Select
          allowClear
          placeholder={t("commend.subjectKind")}
          options={[...kindOptions(lang), { value: "text", label: t("commend.freeText") }]}
          value={filter.subjectKind}
          onChange={(subjectKind) => setFilter({ ...filter, subjectKind })}
          style={{ minWidth: 160, flex: "1 1 160px" }}
        />
        <Button
          icon={<DownloadOutlined />}
          href={commendationApi.exportUrl(query)}
          data-testid="commendations-xlsx"
        >
          {t("commend.export")}
        </Button>
        {mayAdd && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing("new")}
            data-testid="commendation-add"
          >
            {t("commend.add")}
          </Button>
        )}
      </Flex>
      {communeId === null && <Typography.Text type="secondary">{t("commend.communeOnly")}</Typography.Text>}
      {error && <Alert type="error" showIcon title={error} />}
      {data?.more && <Alert type="info" showIcon title={t("commend.more")} />}
      <div data-testid="commendation-list">
        <Table<Commendation>
          rowKey="id"
          loading={!data && !error}
          dataSource={data?.commendations ?? []}
          columns={columns}
          showHeader={!compact}
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={compact ? undefined : { x: "max-content" }}
          locale={{ emptyText: <Empty description={t("commend.none")} /> }}
        />
      </div>
      {editing && communeId !== null && (
        <CommendationDialog
          communeId={communeId}
          editing={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
    </Flex>
  );
}
