import { ArrowLeftOutlined, CheckOutlined, CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { cycleApi, type StoredRubric } from "../api/cycle";
import { forgetRubric, UnconfirmedTag } from "../components/cycle/common";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { LevelsView } from "../components/rubrics/LevelsView";
import { PointsView } from "../components/rubrics/PointsView";
import { RubricEditor } from "../components/rubrics/RubricEditor";
import { effectiveText, legalText } from "../components/rubrics/rubricText";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { useT } from "../i18n/messages";
import { Link, navigate, paths } from "../router";
import { hasRole, useMe } from "../session";

const unitLevels = ["province", "district", "commune", "village"] as const;

/**
 * One version of a criteria set: legal basis, deadlines, criteria and items. System admins (any set) and the
 * province's admins (its provincial variant) confirm it or create a new version from it; others only read.
 */
export default function RubricPage({ id }: { id: number }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [rubric, setRubric] = useState<StoredRubric | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    let live = true;
    cycleApi.rubric(id).then(
      (r) => {
        if (live) setRubric(r);
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [id, t]);

  const confirm = async () => {
    setBusy(true);
    try {
      setRubric(await cycleApi.confirmRubric(id));
      forgetRubric(id);
      void message.success(t("rubrics.confirmed"));
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <Link to={paths.rubrics}>
      <Button icon={<ArrowLeftOutlined />}>{t("rubrics.back")}</Button>
    </Link>
  );
  if (error)
    return (
      <Flex vertical gap={16}>
        <Alert type="error" showIcon title={error} />
        <Flex>{back}</Flex>
      </Flex>
    );
  if (!rubric) return <PageLoading />;
  const canEdit =
    hasRole(me, "system_admin") ||
    (rubric.provinceId !== null &&
      me.grants.some((g) => g.role === "unit_admin" && g.unit?.id === rubric.provinceId));
  const unitLevel = unitLevels.find((level) => level === rubric.unitLevel);
  const deadlines = [...rubric.deadlines].sort(
    (a, b) => (a.yearOffset ?? 0) - (b.yearOffset ?? 0) || a.month - b.month || a.day - b.day,
  );

  return (
    <Flex vertical gap={16} data-testid="rubric-page">
      <Flex>{back}</Flex>
      <PageTitle>{rubric.name}</PageTitle>
      <Flex wrap gap={4} align="center">
        <Tag>{t(`title.${rubric.title}`)}</Tag>
        <Tag>{t("rubrics.version", { version: rubric.version })}</Tag>
        <Tag color="blue">{t(`rubrics.scheme.${rubric.scheme}`)}</Tag>
        {rubric.unconfirmed && <UnconfirmedTag />}
        {rubric.confirmedAt && (
          <Tag color="green">{t("rubrics.confirmedOn", { date: formatDate(rubric.confirmedAt) })}</Tag>
        )}
        {rubric.unconfirmed && canEdit && !editing && (
          <Popconfirm
            title={t("rubrics.confirmText")}
            okText={t("rubrics.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={confirm}
            styles={{ root: { maxWidth: 320 } }}
          >
            <Button size="small" icon={<CheckOutlined />} loading={busy} data-testid="rubric-confirm">
              {t("rubrics.confirm")}
            </Button>
          </Popconfirm>
        )}
        {canEdit && !editing && (
          <Button
            size="small"
            icon={<CopyOutlined />}
            onClick={() => setEditing(true)}
            data-testid="rubric-new-version"
          >
            {t("rubrics.editor.open")}
          </Button>
        )}
      </Flex>
      {editing && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("rubrics.editor.title", { version: rubric.version })}
          </Typography.Title>
          <RubricEditor
            stored={rubric}
            onCancel={() => setEditing(false)}
            onSaved={(created) => {
              setEditing(false);
              navigate(paths.rubric(created.id));
            }}
          />
        </>
      )}
      {!editing && (
        <>
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: "legal", label: t("rubrics.legal"), children: legalText(rubric, t) },
                { key: "effective", label: t("rubrics.effective"), children: effectiveText(rubric, t) },
                ...(unitLevel
                  ? [{ key: "level", label: t("rubrics.unitLevel"), children: t(`level.${unitLevel}`) }]
                  : []),
              ]}
            />
            {rubric.notes && (
              <Alert
                type="info"
                showIcon
                title={t("rubrics.notes")}
                description={rubric.notes}
                style={{ marginTop: 8 }}
              />
            )}
          </Card>
          {deadlines.length > 0 && (
            <Card size="small" title={t("rubrics.deadlines")}>
              <Flex vertical gap={4}>
                {deadlines.map((d) => (
                  <Typography.Text key={`${d.step}-${d.month}-${d.day}`}>
                    <strong>
                      {String(d.day).padStart(2, "0")}/{String(d.month).padStart(2, "0")}
                    </strong>
                    {d.yearOffset === 1 ? ` ${t("rubrics.nextYear")}` : ""}: {d.label}{" "}
                    {d.unconfirmed && <UnconfirmedTag />}
                  </Typography.Text>
                ))}
              </Flex>
            </Card>
          )}
        </>
      )}
      {!editing &&
        (rubric.definition.scheme === "points" ? (
          <PointsView definition={rubric.definition} />
        ) : (
          <LevelsView definition={rubric.definition} />
        ))}
    </Flex>
  );
}
