/**
 * The page skeleton every registry of candidates shares (hộ, dòng họ, cơ quan, công dân): unit picker, search
 * without diacritics, archived filter, add / import / export toolbar, Excel import with a dry run, the paged
 * table with edit and archive buttons, and the dialogs the page supplies.
 */
import {
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  PlusOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Flex, Input, Table, type TableColumnsType, Typography } from "antd";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import type {
  RegistryPage as ListPage,
  RegistryImportReport,
  RegistryListParams,
} from "../../api/registries";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { setQuery, useLocation } from "../../router";
import { useMe } from "../../session";
import { FileImport } from "../FileImport";
import { PageLoading } from "../PageLoading";
import { defaultUnitId, type UnitScope, UnitScopePicker, useUnitScope } from "../UnitScope";
import { useCompact } from "../useCompact";
import { useDebounced } from "../useDebounced";

const PAGE_SIZE = 50;

export type ReadyScope = Extract<UnitScope, { status: "ready" }>;

/** What the form dialog of a registry gets: the row to edit (null to add) and where the page stands. */
export type RegistryFormProps<Item> = {
  item: Item | null;
  scope: ReadyScope;
  /** The village chosen on the page, if a village is chosen. */
  villageId: number | null;
  onClose: () => void;
  onDone: () => void;
};

export type RegistryArchiveProps<Item> = { item: Item; onClose: () => void; onDone: () => void };

/** Texts of the page, already translated. */
export type RegistryTexts = {
  title: string;
  search: string;
  showArchived: string;
  add: string;
  import: string;
  export: string;
  archive: string;
  importTitle: string;
  importHelp: string;
  /** Shown above the commune level, where nothing can be added or imported. */
  needCommune: string;
  empty: string;
  count: (count: number) => string;
};

type Props<Item extends { id: number }> = {
  /** Prefix of the test ids: `{testId}-list`, `-search`, `-add`, `-import-toggle`, `-import`, `-export`, `-edit`, `-archive`. */
  testId: string;
  /** Test id of the whole page. */
  pageTestId: string;
  texts: RegistryTexts;
  load: (params: RegistryListParams) => Promise<ListPage<Item>>;
  exportUrl: (unitId: number) => string;
  templateUrl: string;
  upload: (communeId: number, file: File, dryRun: boolean) => Promise<RegistryImportReport>;
  /** The label of a column key in an import report's `converted`. */
  columnLabel?: (key: string) => string;
  /** The table columns; on a phone (`compact`) they fold into one. */
  columns: (compact: boolean) => TableColumnsType<Item>;
  /** Adding needs a village of the commune (households, citizens): warn when the commune has none. */
  needsVillage?: boolean;
  /** The row belongs to the commune itself (clans): no village picker. */
  communeOnly?: boolean;
  renderForm: (props: RegistryFormProps<Item>) => ReactNode;
  renderArchive: (props: RegistryArchiveProps<Item>) => ReactNode;
};

type Dialog<Item> = { kind: "add" } | { kind: "edit"; item: Item } | { kind: "archive"; item: Item };
type ListState<Item> = { items: Item[]; total: number; loading: boolean; error: string | null };

export function RegistryPage<Item extends { id: number }>(props: Props<Item>) {
  const { testId, texts, load } = props;
  const t = useT();
  const me = useMe();
  const compact = useCompact();
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const scope = useUnitScope(unitId);
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const [archived, setArchived] = useState(false);
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const [list, setList] = useState<ListState<Item>>({ items: [], total: 0, loading: true, error: null });
  const [dialog, setDialog] = useState<Dialog<Item> | null>(null);
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
    load({ unitId, q, archived, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (r) => {
        if (live) setList({ items: r.items, total: r.total, loading: false, error: null });
      },
      (err: unknown) => {
        if (live) setList({ items: [], total: 0, loading: false, error: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, unitId, q, archived, page, version, t]);

  const ready = scope.status === "ready" ? scope : null;
  const canWrite = !!ready?.commune && ready.unit.can.write;
  const villageId = unitId && ready?.villages.some((v) => v.id === unitId) ? unitId : null;
  const noVillage = !!props.needsVillage && !!ready && ready.villages.length === 0;
  const done = () => {
    setDialog(null);
    reload();
  };

  const onEdit = canWrite && !archived ? (item: Item) => setDialog({ kind: "edit", item }) : undefined;
  const onArchive = canWrite && !archived ? (item: Item) => setDialog({ kind: "archive", item }) : undefined;
  const columns = props.columns(compact);
  if (onEdit || onArchive)
    columns.push({
      key: "actions",
      title: compact ? "" : t("common.actions"),
      width: 80,
      render: (_, item) => (
        <Flex gap={4}>
          {onEdit && (
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t("common.edit")}
              onClick={() => onEdit(item)}
              data-testid={`${testId}-edit`}
            />
          )}
          {onArchive && (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={texts.archive}
              onClick={() => onArchive(item)}
              data-testid={`${testId}-archive`}
            />
          )}
        </Flex>
      ),
    });

  return (
    <Flex vertical gap={16} data-testid={props.pageTestId} style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {texts.title}
      </Typography.Title>
      <Card size="small">
        <UnitScopePicker
          scope={scope}
          value={unitId}
          onChange={(id) => setQuery({ unit: id })}
          villages={!props.communeOnly}
        />
        <Flex wrap gap={8} align="center">
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={texts.search}
            data-testid={`${testId}-search`}
            style={{ flex: "1 1 220px", minWidth: 0 }}
          />
          <Checkbox checked={archived} onChange={(e) => setArchived(e.target.checked)}>
            {texts.showArchived}
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
              disabled={noVillage}
              data-testid={`${testId}-add`}
            >
              {texts.add}
            </Button>
          )}
          {canWrite && (
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting((v) => !v)}
              data-testid={`${testId}-import-toggle`}
            >
              {texts.import}
            </Button>
          )}
          <Button
            icon={<FileExcelOutlined />}
            href={props.exportUrl(ready.unit.id)}
            download
            data-testid={`${testId}-export`}
          >
            {texts.export}
          </Button>
        </Flex>
      )}
      {ready && !ready.commune && <Alert type="info" showIcon title={texts.needCommune} />}
      {ready?.commune && noVillage && canWrite && (
        <Alert type="warning" showIcon title={t("households.noVillages")} />
      )}
      {importing && ready?.commune && canWrite && (
        <FileImport
          title={texts.importTitle}
          help={texts.importHelp}
          templateUrl={props.templateUrl}
          upload={(file, dryRun) => props.upload(ready.commune!.id, file, dryRun)}
          onDone={reload}
          columnLabel={props.columnLabel}
          testId={`${testId}-import`}
        />
      )}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {unitId && (
        <div data-testid={`${testId}-list`}>
          <Table<Item>
            size="small"
            rowKey="id"
            loading={list.loading}
            columns={columns}
            dataSource={list.items}
            scroll={compact ? undefined : { x: "max-content" }}
            locale={{ emptyText: texts.empty }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.total,
              showSizeChanger: false,
              size: "small",
              showTotal: (n) => texts.count(n),
              onChange: setPage,
            }}
          />
        </div>
      )}
      {ready &&
        dialog &&
        dialog.kind !== "archive" &&
        props.renderForm({
          item: dialog.kind === "edit" ? dialog.item : null,
          scope: ready,
          villageId,
          onClose: () => setDialog(null),
          onDone: done,
        })}
      {dialog?.kind === "archive" &&
        props.renderArchive({ item: dialog.item, onClose: () => setDialog(null), onDone: done })}
    </Flex>
  );
}
