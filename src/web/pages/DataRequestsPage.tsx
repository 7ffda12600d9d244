/**
 * Yêu cầu về dữ liệu cá nhân (/yeu-cau-du-lieu): a commune's register of data subjects' requests, for its
 * administrators (`privacy.request`): record one (due 2 working days after receipt), open one to find the person's
 * records, link them, download the copy and answer. `?request=<id>` opens a request (the to-do list links there).
 */
import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Segmented,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { allows } from "../../shared/capabilities";
import { type DataRequest, dataRequestApi } from "../api/privacy-requests";
import { canOn, placed, RoleNote } from "../components/Capability";
import { PageTitle } from "../components/PageTitle";
import { kindLabel, statusColors, statusLabel } from "../components/privacy/labels";
import { RequestDetail } from "../components/privacy/RequestDetail";
import { RequestDialog } from "../components/privacy/RequestDialog";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { useLang, useT } from "../i18n/messages";
import { setQuery, useLocation } from "../router";
import { useMe } from "../session";

export default function DataRequestsPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const compact = useCompact();
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const openId = Number(search.get("request")) || null;
  const all = search.get("status") === "all";
  const scope = useUnitScope(unitId);
  const [requests, setRequests] = useState<DataRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const ready = scope.status === "ready" && scope.unit.id === unitId ? scope : null;
  const commune = ready?.commune ?? null;
  const can = ready ? canOn(ready, "commune") : null;
  const may = can ? allows(can, "privacy.request") : false;
  const communeId = may ? (commune?.id ?? null) : null;

  const load = useCallback(() => {
    if (!communeId) return;
    setError(null);
    dataRequestApi
      .list(communeId, all ? undefined : "open")
      .then(setRequests, (err: unknown) => setError(errorText(err, t)));
  }, [communeId, all, t]);
  useEffect(load, [load]);

  const changed = (r: DataRequest) =>
    setRequests((list) => {
      const rest = (list ?? []).filter((x) => x.id !== r.id);
      return [r, ...rest];
    });
  const selected = requests?.find((r) => r.id === openId) ?? null;

  const due = (r: DataRequest) => (
    <Flex gap={4} wrap>
      <span>{formatDate(r.dueOn)}</span>
      {r.overdue && <Tag color="red">{t("dsr.overdue")}</Tag>}
    </Flex>
  );
  const status = (r: DataRequest) => <Tag color={statusColors[r.status]}>{statusLabel(r.status, lang)}</Tag>;
  const openLink = (r: DataRequest) => (
    <Button size="small" onClick={() => setQuery({ request: r.id })} data-testid="dsr-open">
      {t("dsr.open")}
    </Button>
  );
  const columns: TableColumnsType<DataRequest> = compact
    ? [
        {
          key: "all",
          render: (_, r) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{r.personName}</Typography.Text>
              <span>{kindLabel(r.kind, lang)}</span>
              {due(r)}
              {status(r)}
              {openLink(r)}
            </Flex>
          ),
        },
      ]
    : [
        { key: "person", title: t("dsr.person"), render: (_, r) => r.personName },
        { key: "kind", title: t("dsr.kind"), render: (_, r) => kindLabel(r.kind, lang) },
        { key: "received", title: t("dsr.receivedOn"), render: (_, r) => formatDate(r.receivedOn) },
        { key: "due", title: t("dsr.due"), render: (_, r) => due(r) },
        { key: "status", title: t("dsr.status"), render: (_, r) => status(r) },
        { key: "open", render: (_, r) => openLink(r) },
      ];

  return (
    <Flex vertical gap={16} data-testid="data-requests-page">
      <PageTitle>{t("dsr.title")}</PageTitle>
      <Typography.Text type="secondary">{t("dsr.help")}</Typography.Text>
      <Card size="small">
        <UnitScopePicker
          scope={scope}
          value={unitId}
          onChange={(id) => setQuery({ unit: id, request: null })}
          villages={false}
        />
      </Card>
      {ready && !commune && <Alert type="info" showIcon title={t("dsr.chooseCommune")} />}
      {ready && commune && can && !may && (
        <RoleNote action="privacy.request" can={can} unit={placed(ready, "commune")} />
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {communeId && (
        <Flex gap={8} wrap align="center">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="dsr-add"
          >
            {t("dsr.add")}
          </Button>
          <Segmented
            value={all ? "all" : "open"}
            onChange={(v) => setQuery({ status: v === "all" ? "all" : null })}
            options={[
              { value: "open", label: t("dsr.filter.open") },
              { value: "all", label: t("dsr.filter.all") },
            ]}
          />
        </Flex>
      )}
      {communeId && requests && (
        <div data-testid="dsr-list">
          <Table<DataRequest>
            rowKey="id"
            size="small"
            dataSource={requests}
            columns={columns}
            pagination={false}
            showHeader={!compact}
            scroll={compact ? undefined : { x: "max-content" }}
            locale={{ emptyText: <Empty description={t("dsr.empty")} /> }}
          />
        </div>
      )}
      {selected && <RequestDetail key={selected.id} request={selected} onChanged={changed} />}
      {adding && communeId && ready && (
        <RequestDialog
          communeId={communeId}
          villages={ready.villages}
          onClose={() => setAdding(false)}
          onSaved={(r) => {
            setAdding(false);
            changed(r);
            setQuery({ request: r.id });
          }}
        />
      )}
    </Flex>
  );
}
