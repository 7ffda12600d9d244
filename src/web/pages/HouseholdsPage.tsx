import { Flex, type TableColumnsType, Tag, Typography } from "antd";
import type { Household } from "../../shared/registries";
import { householdApi } from "../api/households";
import { HouseholdForm } from "../components/households/HouseholdForm";
import { ArchiveDialog } from "../components/registry/ArchiveDialog";
import { RegistryPage } from "../components/registry/RegistryPage";
import { archiveReasonList } from "../constants";
import { type MessageKey, useT } from "../i18n/messages";

/** Import columns (keys of the report's `converted`) → their label. */
const columnKeys: Record<string, MessageKey> = {
  code: "households.code",
  village: "households.village",
  headName: "households.head",
  address: "households.address",
  members: "households.members",
  phone: "households.phone",
};

export default function HouseholdsPage() {
  const t = useT();

  const head = (h: Household, compact: boolean) => (
    <Flex vertical>
      <span data-testid="household-head-name">{h.headName}</span>
      {compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.code} · {h.village.name} · {h.members} {t("households.members").toLowerCase()}
        </Typography.Text>
      )}
      {h.address && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.address}
        </Typography.Text>
      )}
      {h.archivedAt && (
        <Tag style={{ width: "fit-content" }}>
          {t("households.archivedTag")}
          {h.archivedReason ? ` · ${t(`households.reason.${h.archivedReason}`)}` : ""}
        </Tag>
      )}
    </Flex>
  );
  // On a phone code, village and members fold under the head's name.
  const columns = (compact: boolean): TableColumnsType<Household> =>
    compact
      ? [{ key: "head", title: t("households.head"), render: (_, h) => head(h, true) }]
      : [
          { key: "code", title: t("households.code"), dataIndex: "code", width: 90 },
          { key: "head", title: t("households.head"), render: (_, h) => head(h, false) },
          { key: "village", title: t("households.village"), render: (_, h) => h.village.name },
          { key: "members", title: t("households.members"), dataIndex: "members", align: "right", width: 90 },
        ];

  return (
    <RegistryPage<Household>
      testId="household"
      pageTestId="households-page"
      texts={{
        title: t("households.title"),
        search: t("households.search"),
        showArchived: t("households.showArchived"),
        add: t("households.add"),
        import: t("households.import"),
        export: t("households.export"),
        archive: t("households.archive"),
        importTitle: t("households.importTitle"),
        importHelp: t("households.importHelp"),
        needCommune: t("households.needCommune"),
        empty: t("households.empty"),
        count: (count) => t("households.count", { count }),
      }}
      load={householdApi.list}
      exportUrl={householdApi.exportUrl}
      templateUrl={householdApi.templateUrl}
      upload={householdApi.importFile}
      columnLabel={(key) => {
        const label = columnKeys[key];
        return label ? t(label) : key;
      }}
      columns={columns}
      needsVillage
      renderForm={({ item, scope, villageId, onClose, onDone }) => (
        <HouseholdForm
          household={item}
          villages={scope.villages}
          villageId={villageId}
          onClose={onClose}
          onDone={onDone}
        />
      )}
      renderArchive={({ item, onClose, onDone }) => (
        <ArchiveDialog
          title={t("households.archiveTitle", { name: item.headName })}
          help={t("households.archiveHelp")}
          okText={t("households.archive")}
          doneText={t("households.archived")}
          reasons={archiveReasonList.map((r) => ({ value: r, label: t(`households.reason.${r}`) }))}
          archive={(reason) => householdApi.archive(item.id, reason ?? "moved")}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    />
  );
}
