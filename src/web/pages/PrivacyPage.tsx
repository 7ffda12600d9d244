import { DownloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Grid,
  InputNumber,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import type { RoleName } from "../../shared/api";
import { categories, legalBases, sensitiveKinds } from "../../shared/privacy/declaration";
import { type InventoryAnswer, type InventoryEntryItem, privacyApi } from "../api/privacy";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { errorText } from "../errors";
import { type Translate, useLang, useT } from "../i18n/messages";
import { useMe } from "../session";

type Field = InventoryEntryItem["fields"][number];

/**
 * The personal-data inventory (/du-lieu-ca-nhan): every registry kind and set of data with its purpose, legal
 * basis and retention, and each field's category, children and audience; the .docx for the DPIA. A system
 * administrator changes retention periods here; everyone else reads.
 */
export default function PrivacyPage() {
  const t = useT();
  const me = useMe();
  const [inventory, setInventory] = useState<InventoryAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    privacyApi.inventory().then(
      (answer) => live && setInventory(answer),
      (err: unknown) => live && setError(errorText(err, t)),
    );
    return () => {
      live = false;
    };
  }, [t]);

  const unitId = me.grants.find((g) => g.unit)?.unit?.id;
  const replace = (entry: InventoryEntryItem) =>
    setInventory(
      (old) => old && { ...old, entries: old.entries.map((e) => (e.key === entry.key ? entry : e)) },
    );

  return (
    <Flex vertical gap={16} data-testid="privacy-page">
      <PageTitle>{t("privacy.title")}</PageTitle>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("privacy.intro")}
      </Typography.Paragraph>
      <Flex wrap gap={8}>
        <Button
          icon={<DownloadOutlined />}
          href={privacyApi.documentUrl(unitId)}
          style={{ whiteSpace: "normal", height: "auto", textAlign: "left" }}
          data-testid="privacy-docx"
        >
          {t("privacy.download")}
        </Button>
      </Flex>
      {inventory && !inventory.canEdit && <Alert type="info" showIcon title={t("privacy.readOnly")} />}
      {error && <Alert type="error" showIcon title={error} />}
      {!inventory && !error && <PageLoading />}
      {inventory?.entries.map((entry) => (
        <EntryCard key={entry.key} entry={entry} canEdit={inventory.canEdit} onSaved={replace} />
      ))}
    </Flex>
  );
}

function EntryCard(props: {
  entry: InventoryEntryItem;
  canEdit: boolean;
  onSaved: (entry: InventoryEntryItem) => void;
}) {
  const { entry } = props;
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [years, setYears] = useState<number | null>(entry.retention.years);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { retention } = entry;
  const name = entry.name[lang];

  const save = async () => {
    if (years === null) return;
    setSaving(true);
    setSaveError(null);
    try {
      props.onSaved(await privacyApi.setRetention(entry.key, years));
      void message.success(t("privacy.saved"));
    } catch (err) {
      setSaveError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={name.charAt(0).toUpperCase() + name.slice(1)}
      data-testid={`privacy-entry-${entry.key}`}
    >
      <Flex vertical gap={12}>
        <Descriptions size="small" column={1} bordered layout={mobile ? "vertical" : "horizontal"}>
          <Descriptions.Item label={t("privacy.subjects")}>{entry.subjects[lang]}</Descriptions.Item>
          <Descriptions.Item label={t("privacy.purpose")}>{entry.purpose[lang]}</Descriptions.Item>
          <Descriptions.Item label={t("privacy.basis")}>{legalBases[entry.basis][lang]}</Descriptions.Item>
          <Descriptions.Item label={t("privacy.retention")}>
            <Flex vertical gap={4}>
              <span data-testid={`privacy-retention-${entry.key}`}>
                {t("privacy.years", { years: retention.years })} {retention.from[lang]}
              </span>
              {retention.minimum && (
                <Typography.Text type="secondary">
                  {t("privacy.minimum", { years: retention.minimum.years, source: retention.minimum.source })}
                </Typography.Text>
              )}
              {retention.changed && (
                <Typography.Text type="secondary">
                  {t("privacy.changed", { defaultYears: retention.defaultYears, by: retention.changed.by })}
                </Typography.Text>
              )}
              {props.canEdit && (
                <Flex wrap gap={8} align="center">
                  <InputNumber
                    min={1}
                    max={100}
                    value={years}
                    onChange={setYears}
                    aria-label={t("privacy.retention")}
                    data-testid={`privacy-years-${entry.key}`}
                  />
                  <Button
                    onClick={save}
                    loading={saving}
                    disabled={years === null || years === retention.years}
                    data-testid={`privacy-save-${entry.key}`}
                  >
                    {t("privacy.save")}
                  </Button>
                </Flex>
              )}
              {saveError && <Alert type="error" showIcon title={saveError} />}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t("privacy.tables")}>{entry.tables.join(", ")}</Descriptions.Item>
        </Descriptions>
        <Table<Field>
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={entry.fields}
          columns={[
            { title: t("privacy.field"), key: "label", render: (_, f) => f.label[lang], width: 160 },
            {
              title: t("privacy.category"),
              key: "category",
              render: (_, f) => categoryTag(f, lang),
              width: 170,
            },
            { title: t("privacy.purpose"), key: "purpose", render: (_, f) => f.purpose[lang] },
            {
              title: t("privacy.minors"),
              key: "minors",
              width: 80,
              render: (_, f) => (f.minors ? <Tag color="orange">{t("privacy.minors")}</Tag> : null),
            },
            { title: t("privacy.audience"), key: "roles", render: (_, f) => audienceText(f, t), width: 220 },
          ]}
        />
      </Flex>
    </Card>
  );
}

function categoryTag(field: Field, lang: "vi" | "en") {
  if (field.category === "not_personal") return <Tag>{categories.not_personal[lang]}</Tag>;
  if (field.category === "basic") return <Tag color="blue">{categories.basic[lang]}</Tag>;
  return (
    <Tag color="red">
      {categories.sensitive[lang]}
      {field.sensitive ? `: ${sensitiveKinds[field.sensitive][lang]}` : ""}
    </Tag>
  );
}

function audienceText(field: Field, t: Translate) {
  if (field.roles === "all") return t("privacy.everyone");
  const roles = field.roles.map((role: RoleName) => t(`role.${role}`)).join(", ");
  return field.audience === "keepers" ? t("privacy.keepersOnly", { roles }) : roles;
}
