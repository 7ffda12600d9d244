/**
 * The page of any registry kind (hộ, dòng họ, cơ quan, công dân, …), driven by its declaration: unit picker,
 * search without diacritics, archived filter, add / import / export toolbar, Excel import with a dry run (and the
 * rows it would change), the paged table with edit and archive buttons, and the form and archive dialogs.
 */
import {
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  FileExcelOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { RegistryImportReport } from "../../../shared/api";
import { allows, editAction } from "../../../shared/capabilities";
import { type ConsentKind, purposesOf } from "../../../shared/consent";
import { isPersonalKind } from "../../../shared/readlog";
import type { KindDeclaration } from "../../../shared/registry/declaration";
import { type RegistryItem, registryApi } from "../../api/registries";
import { errorText } from "../../errors";
import { useLang, useT } from "../../i18n/messages";
import { Link, setQuery, useLocation } from "../../router";
import { useMe } from "../../session";
import { canOn, placed, RoleNote } from "../Capability";
import { ConsentDialog } from "../consent/ConsentDialog";
import { FileImport } from "../FileImport";
import { PageLoading } from "../PageLoading";
import { PageTitle } from "../PageTitle";
import { RecordReaders } from "../readlog/RecordReaders";
import { defaultUnitId, type UnitScope, UnitScopePicker, useUnitScope } from "../UnitScope";
import { useCompact } from "../useCompact";
import { useDebounced } from "../useDebounced";
import { ArchiveDialog } from "./ArchiveDialog";
import { cellText, itemName, labelOf, listColumns, pageTexts } from "./derive";
import { ImportChanges } from "./ImportChanges";
import { RegistryForm } from "./RegistryForm";

const PAGE_SIZE = 50;

export type ReadyScope = Extract<UnitScope, { status: "ready" }>;

type Dialog =
  | { kind: "add" }
  | { kind: "edit"; item: RegistryItem }
  | { kind: "archive"; item: RegistryItem }
  | { kind: "consent"; item: RegistryItem };
type ListState = { items: RegistryItem[]; total: number; loading: boolean; error: string | null };

export default function RegistryPage({ kind }: { kind: KindDeclaration }) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const compact = useCompact();
  const api = useMemo(() => registryApi(kind), [kind]);
  const texts = pageTexts(kind, lang);
  const testId = kind.entity;
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const scope = useUnitScope(unitId);
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const [archived, setArchived] = useState(false);
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const [list, setList] = useState<ListState>({ items: [], total: 0, loading: true, error: null });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [readers, setReaders] = useState<RegistryItem | null>(null);
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<RegistryImportReport | null>(null);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  // A new unit, search or filter starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dependencies are the triggers
  useEffect(() => setPage(1), [unitId, q, archived]);

  useEffect(() => {
    if (!unitId) return;
    let live = true;
    void version;
    setList((current) => ({ ...current, loading: true, error: null }));
    api.list({ unitId, q, archived, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }).then(
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
  }, [api, unitId, q, archived, page, version, t]);

  const ready = scope.status === "ready" ? scope : null;
  // The Hội's kinds are written with its permission, or by a secretary of a chapter of this commune.
  const communeId = ready?.commune?.id;
  const secretary =
    !!kind.access?.chapter &&
    me.grants.some((g) => g.role === "chapter_secretary" && g.unit?.id === communeId);
  const edit = editAction(kind.access?.write ?? "write");
  const canWrite = !!ready?.commune && (allows(ready.unit.can, edit) || secretary);
  // A file goes into the whole commune: a grant on one village adds and edits rows there, but does not import.
  const canImport = canWrite && !!ready && (allows(canOn(ready, "commune"), edit) || secretary);
  const villageId = unitId && ready?.villages.some((v) => v.id === unitId) ? unitId : null;
  // Rows of a village cannot be added before the commune has one.
  const needsVillage = !kind.unit.levels.includes("commune");
  const noVillage = needsVillage && !!ready && ready.villages.length === 0;
  const done = () => {
    setDialog(null);
    reload();
  };

  const specs = listColumns(kind, lang);
  // Above a commune, villages of the same name in different communes are told apart by the commune's name.
  const aboveCommune = !!ready && !ready.commune;
  const cell = (key: string, item: RegistryItem) => cellText(kind, key, item, lang, aboveCommune);
  const reasonLabel = (item: RegistryItem) =>
    item.archivedReason && kind.archive
      ? ` · ${kind.archive.reasons[item.archivedReason]?.[lang] ?? ""}`
      : "";
  const title = (item: RegistryItem) => (
    <Flex vertical>
      {kind.web.detail ? (
        <Link to={`${kind.web.path}/${item.id}?xa=${item.communeId}`} data-testid={`${testId}-name`}>
          {itemName(kind, item)}
        </Link>
      ) : (
        <span data-testid={`${testId}-name`}>{itemName(kind, item)}</span>
      )}
      {compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {specs
            .filter((s) => s.role !== "title")
            .map((s) => cell(s.key, item))
            .filter(Boolean)
            .join(" · ")}
        </Typography.Text>
      )}
      {kind.list.detail && item[kind.list.detail] ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {cell(kind.list.detail, item)}
        </Typography.Text>
      ) : null}
      {item.archivedAt && (
        <Tag style={{ width: "fit-content" }}>
          {t("registry.archivedTag")}
          {reasonLabel(item)}
        </Tag>
      )}
    </Flex>
  );
  // On a phone the other columns fold under the title.
  const columns: TableColumnsType<RegistryItem> = compact
    ? [
        {
          key: kind.list.title,
          title: labelOf(kind, kind.list.title, lang),
          render: (_, item) => title(item),
        },
      ]
    : specs.map((s) => ({
        key: s.key,
        title: s.title,
        align: s.align,
        render: (_, item: RegistryItem) => (s.role === "title" ? title(item) : cell(s.key, item)),
      }));
  const onEdit =
    canWrite && !archived ? (item: RegistryItem) => setDialog({ kind: "edit", item }) : undefined;
  const onArchive =
    canWrite && !archived ? (item: RegistryItem) => setDialog({ kind: "archive", item }) : undefined;
  // "Who has seen" a person's record: the unit's administrators (the processing log).
  const onReaders =
    isPersonalKind(kind.name) && ready && allows(ready.unit.can, "privacy.log")
      ? (item: RegistryItem) => setReaders(item)
      : undefined;
  // The people of a kind asked for consent (donors, members, beneficiaries): the "Đồng ý" panel, for every reader.
  const onConsent =
    purposesOf(kind.name).length > 0
      ? (item: RegistryItem) => setDialog({ kind: "consent", item })
      : undefined;
  if (onEdit || onArchive || onReaders || onConsent)
    columns.push({
      key: "actions",
      title: compact ? "" : t("common.actions"),
      width: 112,
      render: (_, item) => (
        <Flex gap={4}>
          {onReaders && (
            <Button
              size="small"
              icon={<EyeOutlined />}
              aria-label={t("plog.readers")}
              title={t("plog.readers")}
              onClick={() => onReaders(item)}
              data-testid={`${testId}-readers`}
            />
          )}
          {onConsent && (
            <Button
              size="small"
              icon={<SafetyCertificateOutlined />}
              aria-label={t("consent.open")}
              title={t("consent.open")}
              onClick={() => onConsent(item)}
              data-testid={`${testId}-consent`}
            />
          )}
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
              aria-label={t("registry.archive")}
              onClick={() => onArchive(item)}
              data-testid={`${testId}-archive`}
            />
          )}
        </Flex>
      ),
    });

  return (
    <Flex vertical gap={16} data-testid={`${kind.name}-page`} style={{ minWidth: 0 }}>
      <PageTitle>{texts.title}</PageTitle>
      <Card size="small">
        <UnitScopePicker
          scope={scope}
          value={unitId}
          onChange={(id) => setQuery({ unit: id })}
          villages={kind.unit.levels.includes("village")}
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
          {canImport && (
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting((v) => !v)}
              data-testid={`${testId}-import-toggle`}
            >
              {t("registry.import")}
            </Button>
          )}
          <Button
            icon={<FileExcelOutlined />}
            href={api.exportUrl(ready.unit.id)}
            download
            data-testid={`${testId}-export`}
          >
            {t("registry.export")}
          </Button>
        </Flex>
      )}
      {/* The kind's own write permission (the Hội's kinds: association); a chapter secretary writes anyway. */}
      {ready?.commune && !canWrite && (
        <RoleNote action={edit} can={ready.unit.can} unit={placed(ready, "unit")} />
      )}
      {ready && !ready.commune && <Alert type="info" showIcon title={t("registry.needCommune")} />}
      {ready?.commune && noVillage && canWrite && (
        <Alert type="warning" showIcon title={t("registry.noVillages")} />
      )}
      {importing && ready?.commune && canImport && (
        <>
          <FileImport
            title={texts.importTitle}
            help={texts.importHelp}
            templateUrl={api.templateUrl}
            upload={async (file, dryRun) => {
              setReport(null);
              const result = await api.importFile(ready.commune!.id, file, dryRun);
              setReport(result);
              return result;
            }}
            onDone={reload}
            columnLabel={(key) => labelOf(kind, key, lang)}
            testId={`${testId}-import`}
          />
          {report && report.changes.length > 0 && <ImportChanges report={report} />}
        </>
      )}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {unitId && (
        <div data-testid={`${testId}-list`}>
          <Table<RegistryItem>
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
      {ready && (dialog?.kind === "add" || dialog?.kind === "edit") && (
        <RegistryForm
          key={dialog.kind === "edit" ? `${dialog.item.id}-${dialog.item.version}` : "add"}
          kind={kind}
          api={api}
          item={dialog.kind === "edit" ? dialog.item : null}
          onReload={
            dialog.kind === "edit"
              ? async () => setDialog({ kind: "edit", item: await api.get(dialog.item) })
              : undefined
          }
          scope={ready}
          villageId={villageId}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === "consent" && (
        <ConsentDialog
          kind={kind.name as ConsentKind}
          id={dialog.item.id}
          communeId={dialog.item.communeId}
          name={itemName(kind, dialog.item)}
          onClose={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === "archive" && (
        <ArchiveDialog
          title={texts.archiveTitle(itemName(kind, dialog.item))}
          help={texts.archiveHelp}
          okText={t("registry.archive")}
          doneText={t("registry.archived")}
          reasons={
            kind.archive
              ? Object.entries(kind.archive.reasons).map(([value, label]) => ({ value, label: label[lang] }))
              : undefined
          }
          archive={(reason) => api.archive(dialog.item, reason)}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {readers && (
        <RecordReaders
          kind={kind.name}
          record={{ id: readers.id, name: itemName(kind, readers), communeId: readers.communeId }}
          onClose={() => setReaders(null)}
        />
      )}
    </Flex>
  );
}
