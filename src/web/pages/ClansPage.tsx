import { Flex, type TableColumnsType, Tag, Typography } from "antd";
import type { Clan } from "../../shared/clans";
import { clanApi } from "../api/registries";
import { ArchiveDialog } from "../components/registry/ArchiveDialog";
import { ClanForm } from "../components/registry/ClanForm";
import { RegistryPage } from "../components/registry/RegistryPage";
import { type MessageKey, useT } from "../i18n/messages";

const columnKeys: Record<string, MessageKey> = { name: "clans.name", headName: "clans.head" };

/** The clans (dòng họ) of a commune. */
export default function ClansPage() {
  const t = useT();
  const name = (c: Clan, compact: boolean) => (
    <Flex vertical>
      <span data-testid="clan-name">{c.name}</span>
      {compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.headName} · {t("clans.householdCount", { count: c.householdIds.length })}
        </Typography.Text>
      )}
      {c.archivedAt && <Tag style={{ width: "fit-content" }}>{t("registry.archivedTag")}</Tag>}
    </Flex>
  );
  const columns = (compact: boolean): TableColumnsType<Clan> =>
    compact
      ? [{ key: "name", title: t("clans.name"), render: (_, c) => name(c, true) }]
      : [
          { key: "name", title: t("clans.name"), render: (_, c) => name(c, false) },
          { key: "head", title: t("clans.head"), dataIndex: "headName" },
          {
            key: "households",
            title: t("clans.households"),
            align: "right",
            render: (_, c) => c.householdIds.length,
          },
        ];

  return (
    <RegistryPage<Clan>
      testId="clan"
      pageTestId="clans-page"
      texts={{
        title: t("clans.title"),
        search: t("clans.search"),
        showArchived: t("clans.showArchived"),
        add: t("clans.add"),
        import: t("registry.import"),
        export: t("registry.export"),
        archive: t("registry.archive"),
        importTitle: t("clans.importTitle"),
        importHelp: t("clans.importHelp"),
        needCommune: t("registry.needCommune"),
        empty: t("clans.empty"),
        count: (count) => t("clans.count", { count }),
      }}
      load={clanApi.list}
      exportUrl={clanApi.exportUrl}
      templateUrl={clanApi.templateUrl}
      upload={clanApi.importFile}
      columnLabel={(key) => {
        const label = columnKeys[key];
        return label ? t(label) : key;
      }}
      columns={columns}
      communeOnly
      renderForm={(props) => <ClanForm {...props} />}
      renderArchive={({ item, onClose, onDone }) => (
        <ArchiveDialog
          title={t("clans.archiveTitle", { name: item.name })}
          help={t("clans.archiveHelp")}
          okText={t("registry.archive")}
          doneText={t("registry.archived")}
          archive={() => clanApi.archive(item.id)}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    />
  );
}
