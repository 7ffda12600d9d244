import { Flex, type TableColumnsType, Tag, Typography } from "antd";
import type { Citizen } from "../../shared/citizens";
import { citizenApi } from "../api/registries";
import { ArchiveDialog } from "../components/registry/ArchiveDialog";
import { CitizenForm } from "../components/registry/CitizenForm";
import { RegistryPage } from "../components/registry/RegistryPage";
import { type MessageKey, useT } from "../i18n/messages";

const columnKeys: Record<string, MessageKey> = {
  village: "citizens.village",
  fullName: "citizens.fullName",
  birthYear: "citizens.birthYear",
  group: "citizens.group",
};

/** Citizens (Công dân học tập) of a commune: only name, year of birth, group and village, as the API gives. */
export default function CitizensPage() {
  const t = useT();
  const name = (p: Citizen, compact: boolean) => (
    <Flex vertical>
      <span data-testid="citizen-name">{p.fullName}</span>
      {compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[p.birthYear, t(`citizens.group.${p.group}`), p.village.name].filter(Boolean).join(" · ")}
        </Typography.Text>
      )}
      {p.archivedAt && <Tag style={{ width: "fit-content" }}>{t("registry.archivedTag")}</Tag>}
    </Flex>
  );
  const columns = (compact: boolean): TableColumnsType<Citizen> =>
    compact
      ? [{ key: "name", title: t("citizens.fullName"), render: (_, p) => name(p, true) }]
      : [
          { key: "name", title: t("citizens.fullName"), render: (_, p) => name(p, false) },
          {
            key: "birthYear",
            title: t("citizens.birthYear"),
            align: "right",
            render: (_, p) => p.birthYear ?? "",
          },
          { key: "group", title: t("citizens.group"), render: (_, p) => t(`citizens.group.${p.group}`) },
          { key: "village", title: t("citizens.village"), render: (_, p) => p.village.name },
        ];

  return (
    <RegistryPage<Citizen>
      testId="citizen"
      pageTestId="citizens-page"
      texts={{
        title: t("citizens.title"),
        search: t("citizens.search"),
        showArchived: t("citizens.showArchived"),
        add: t("citizens.add"),
        import: t("registry.import"),
        export: t("registry.export"),
        archive: t("registry.archive"),
        importTitle: t("citizens.importTitle"),
        importHelp: t("citizens.importHelp"),
        needCommune: t("registry.needCommune"),
        empty: t("citizens.empty"),
        count: (count) => t("citizens.count", { count }),
      }}
      load={citizenApi.list}
      exportUrl={citizenApi.exportUrl}
      templateUrl={citizenApi.templateUrl}
      upload={citizenApi.importFile}
      columnLabel={(key) => {
        const label = columnKeys[key];
        return label ? t(label) : key;
      }}
      columns={columns}
      needsVillage
      renderForm={(props) => <CitizenForm {...props} />}
      renderArchive={({ item, onClose, onDone }) => (
        <ArchiveDialog
          title={t("citizens.archiveTitle", { name: item.fullName })}
          help={t("citizens.archiveHelp")}
          okText={t("registry.archive")}
          doneText={t("registry.archived")}
          archive={() => citizenApi.archive(item.id)}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    />
  );
}
