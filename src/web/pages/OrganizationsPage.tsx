import { Flex, type TableColumnsType, Tag, Typography } from "antd";
import type { Organization } from "../../shared/organizations";
import { organizationApi } from "../api/registries";
import { ArchiveDialog } from "../components/registry/ArchiveDialog";
import { OrganizationForm } from "../components/registry/OrganizationForm";
import { RegistryPage } from "../components/registry/RegistryPage";
import { type MessageKey, useT } from "../i18n/messages";

const columnKeys: Record<string, MessageKey> = {
  code: "organizations.code",
  name: "organizations.name",
  kind: "organizations.kind",
  village: "households.village",
};

/** Agencies, schools and enterprises of a commune and its villages. */
export default function OrganizationsPage() {
  const t = useT();
  const name = (o: Organization, compact: boolean) => (
    <Flex vertical>
      <span data-testid="organization-name">{o.name}</span>
      {compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.code} · {t(`organizations.kind.${o.kind}`)} · {o.unit.name}
        </Typography.Text>
      )}
      {o.archivedAt && <Tag style={{ width: "fit-content" }}>{t("registry.archivedTag")}</Tag>}
    </Flex>
  );
  const columns = (compact: boolean): TableColumnsType<Organization> =>
    compact
      ? [{ key: "name", title: t("organizations.name"), render: (_, o) => name(o, true) }]
      : [
          { key: "code", title: t("organizations.code"), dataIndex: "code", width: 90 },
          { key: "name", title: t("organizations.name"), render: (_, o) => name(o, false) },
          {
            key: "kind",
            title: t("organizations.kind"),
            render: (_, o) => t(`organizations.kind.${o.kind}`),
          },
          { key: "unit", title: t("organizations.unit"), render: (_, o) => o.unit.name },
        ];

  return (
    <RegistryPage<Organization>
      testId="organization"
      pageTestId="organizations-page"
      texts={{
        title: t("organizations.title"),
        search: t("organizations.search"),
        showArchived: t("organizations.showArchived"),
        add: t("organizations.add"),
        import: t("registry.import"),
        export: t("registry.export"),
        archive: t("registry.archive"),
        importTitle: t("organizations.importTitle"),
        importHelp: t("organizations.importHelp"),
        needCommune: t("registry.needCommune"),
        empty: t("organizations.empty"),
        count: (count) => t("organizations.count", { count }),
      }}
      load={organizationApi.list}
      exportUrl={organizationApi.exportUrl}
      templateUrl={organizationApi.templateUrl}
      upload={organizationApi.importFile}
      columnLabel={(key) => {
        const label = columnKeys[key];
        return label ? t(label) : key;
      }}
      columns={columns}
      renderForm={(props) => <OrganizationForm {...props} />}
      renderArchive={({ item, onClose, onDone }) => (
        <ArchiveDialog
          title={t("organizations.archiveTitle", { name: item.name })}
          help={t("organizations.archiveHelp")}
          okText={t("registry.archive")}
          doneText={t("registry.archived")}
          archive={() => organizationApi.archive(item.id)}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    />
  );
}
