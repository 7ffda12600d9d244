import { FileExcelOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Flex, Input, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { Household } from "../../shared/registries";
import { householdApi } from "../api/households";
import { ArchiveDialog } from "../components/households/ArchiveDialog";
import { HouseholdForm } from "../components/households/HouseholdForm";
import { HouseholdImport } from "../components/households/HouseholdImport";
import { HouseholdTable } from "../components/households/HouseholdTable";
import { PageLoading } from "../components/PageLoading";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { useDebounced } from "../components/useDebounced";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";
import { setQuery, useLocation } from "../router";
import { useMe } from "../session";

const PAGE_SIZE = 50;

type Dialog =
  | { kind: "add" }
  | { kind: "edit"; household: Household }
  | { kind: "archive"; household: Household };
type ListState = { households: Household[]; total: number; loading: boolean; error: string | null };

export default function HouseholdsPage() {
  const t = useT();
  const me = useMe();
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const scope = useUnitScope(unitId);
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const [archived, setArchived] = useState(false);
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const [list, setList] = useState<ListState>({ households: [], total: 0, loading: true, error: null });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [importing, setImporting] = useState(false);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  // A new unit, search or filter starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dependencies are the triggers
  useEffect(() => setPage(1), [unitId, q, archived]);

  useEffect(() => {
    if (!unitId) return;
    let live = true;
    void version;
    setList((current) => ({ ...current, loading: true, error: null }));
    householdApi.list({ unitId, q, archived, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (r) => {
        if (live) setList({ households: r.households, total: r.total, loading: false, error: null });
      },
      (err: unknown) => {
        if (live) setList({ households: [], total: 0, loading: false, error: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [unitId, q, archived, page, version, t]);

  const ready = scope.status === "ready" ? scope : null;
  const canWrite = !!ready?.commune && ready.unit.can.write;
  const villageId = unitId && ready?.villages.some((v) => v.id === unitId) ? unitId : null;
  const done = () => {
    setDialog(null);
    reload();
  };

  return (
    <Flex vertical gap={16} data-testid="households-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("households.title")}
      </Typography.Title>
      <Card size="small">
        <UnitScopePicker scope={scope} value={unitId} onChange={(id) => setQuery({ unit: id })} />
        <Flex wrap gap={8} align="center">
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("households.search")}
            data-testid="household-search"
            style={{ flex: "1 1 220px", minWidth: 0 }}
          />
          <Checkbox checked={archived} onChange={(e) => setArchived(e.target.checked)}>
            {t("households.showArchived")}
          </Checkbox>
        </Flex>
      </Card>
      {!unitId && <Alert type="info" showIcon title={t("scope.choose")} />}
      {scope.status === "loading" && <PageLoading />}
      {ready && (
        <Flex wrap gap={8}>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: "add" })}
              disabled={ready.villages.length === 0}
              data-testid="household-add"
            >
              {t("households.add")}
            </Button>
          )}
          {canWrite && (
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting((v) => !v)}
              data-testid="household-import-toggle"
            >
              {t("households.import")}
            </Button>
          )}
          <Button
            icon={<FileExcelOutlined />}
            href={householdApi.exportUrl(ready.unit.id)}
            download
            data-testid="household-export"
          >
            {t("households.export")}
          </Button>
        </Flex>
      )}
      {ready && !ready.commune && <Alert type="info" showIcon title={t("households.needCommune")} />}
      {ready?.commune && ready.villages.length === 0 && canWrite && (
        <Alert type="warning" showIcon title={t("households.noVillages")} />
      )}
      {importing && ready?.commune && canWrite && (
        <HouseholdImport communeId={ready.commune.id} onDone={reload} />
      )}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {unitId && (
        <HouseholdTable
          households={list.households}
          total={list.total}
          loading={list.loading}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          onEdit={canWrite && !archived ? (household) => setDialog({ kind: "edit", household }) : undefined}
          onArchive={
            canWrite && !archived ? (household) => setDialog({ kind: "archive", household }) : undefined
          }
        />
      )}
      {ready && dialog && dialog.kind !== "archive" && (
        <HouseholdForm
          household={dialog.kind === "edit" ? dialog.household : null}
          villages={ready.villages}
          villageId={villageId}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === "archive" && (
        <ArchiveDialog household={dialog.household} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Flex>
  );
}
