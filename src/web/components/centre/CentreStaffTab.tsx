/**
 * A centre's board and staff today, edited as a whole list (add, remove, role, name, post, since, the appointing
 * decision) by the commune's officers; the server keeps whoever leaves the list in the history. One person a
 * block, so that it reads on a 360 px phone.
 */
import { EditOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Flex, Input, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { type CentreStaffRole, centreStaffRoles } from "../../../shared/centre-org";
import { centreOrgApi } from "../../api/centre-org";
import { ApiRequestError } from "../../api/client";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { WhyNot } from "../Capability";
import { ListEditorBlock, ListEditorErrors, ListEditorFooter, ListEditorRemove } from "../ListEditor";
import type { CentreTabContext } from "./centre-tabs";
import { StaffList } from "./staff-text";

type Draft = {
  key: number;
  role: CentreStaffRole;
  fullName: string;
  post: string;
  since: Dayjs | null;
  decisionId: number | null;
};

let nextKey = 1;

export function CentreStaffTab({ centre, history, canEdit, reload }: CentreTabContext) {
  const t = useT();
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const current = history.staff.filter((s) => !s.removedAt);
  const archived = history.centre.archivedReason !== null;

  const change = (key: number, patch: Partial<Draft>) =>
    setDrafts((list) => list?.map((d) => (d.key === key ? { ...d, ...patch } : d)) ?? null);
  const start = () => {
    setErrors({});
    setError(null);
    setDrafts(
      current.map((s) => ({
        key: nextKey++,
        role: s.role,
        fullName: s.fullName,
        post: s.post ?? "",
        since: s.since ? dayjs(s.since) : null,
        decisionId: s.decisionId,
      })),
    );
  };
  const save = async () => {
    if (!drafts) return;
    const missing: Record<string, string> = {};
    drafts.forEach((d, i) => {
      if (!d.fullName.trim()) missing[`staff.${i}.fullName`] = t("centre.staff.nameRequired");
    });
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setSaving(true);
    setError(null);
    try {
      await centreOrgApi.setStaff(
        centre,
        drafts.map((d) => ({
          role: d.role,
          fullName: d.fullName,
          post: d.post.trim() || null,
          since: d.since ? d.since.format("YYYY-MM-DD") : null,
          decisionId: d.decisionId,
        })),
      );
      void message.success(t("centre.staff.saved"));
      setDrafts(null);
      reload();
    } catch (e) {
      setErrors(e instanceof ApiRequestError ? e.fieldErrors : {});
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const add = () =>
    setDrafts((list) => [
      ...(list ?? []),
      { key: nextKey++, role: "teacher", fullName: "", post: "", since: null, decisionId: null },
    ]);
  const remove = (key: number) => setDrafts((list) => list?.filter((x) => x.key !== key) ?? null);
  const roleOptions = centreStaffRoles.map((r) => ({ value: r, label: t(`centre.staff.role.${r}`) }));
  const decisionOptions = history.decisions.map((d) => ({ value: d.id, label: d.number }));
  const fieldError = (i: number, field: string) => errors[`staff.${i}.${field}`];

  if (!drafts)
    return (
      <Flex vertical gap={8} align="flex-start">
        {current.length === 0 ? (
          <Typography.Text type="secondary">{t("centre.staff.none")}</Typography.Text>
        ) : (
          <StaffList staff={current} testId="staff-list" />
        )}
        {!archived && (
          <WhyNot reason={canEdit ? null : t("centre.editWho")} testId="staff-why">
            <Button icon={<EditOutlined />} disabled={!canEdit} onClick={start} data-testid="staff-edit">
              {t("centre.staff.edit")}
            </Button>
          </WhyNot>
        )}
      </Flex>
    );

  return (
    <Flex vertical gap={8} data-testid="staff-editor">
      {drafts.map((d, i) => (
        <ListEditorBlock key={d.key} testId="staff-person">
          <Flex gap={8} wrap>
            <Select<CentreStaffRole>
              aria-label={t("centre.tab.staff")}
              value={d.role}
              options={roleOptions}
              onChange={(role) => change(d.key, { role })}
              style={{ flex: "1 1 140px", minWidth: 0 }}
              data-testid="staff-role"
            />
            <Input
              aria-label={t("centre.staff.fullName")}
              placeholder={t("centre.staff.fullName")}
              value={d.fullName}
              maxLength={200}
              status={fieldError(i, "fullName") ? "error" : ""}
              onChange={(e) => change(d.key, { fullName: e.target.value })}
              style={{ flex: "2 1 200px", minWidth: 0 }}
              data-testid="staff-name"
            />
          </Flex>
          <Input
            aria-label={t("centre.staff.post")}
            placeholder={t("centre.staff.postPlaceholder")}
            value={d.post}
            maxLength={200}
            onChange={(e) => change(d.key, { post: e.target.value })}
            data-testid="staff-post"
          />
          <Flex gap={8} wrap align="center">
            <DatePicker
              aria-label={t("centre.staff.since")}
              placeholder={t("centre.staff.since")}
              format="DD/MM/YYYY"
              value={d.since}
              onChange={(since) => change(d.key, { since })}
              style={{ flex: "1 1 120px", minWidth: 0 }}
            />
            <Select<number>
              aria-label={t("centre.staff.decision")}
              placeholder={t("centre.staff.decision")}
              allowClear
              value={d.decisionId ?? undefined}
              options={decisionOptions}
              onChange={(decisionId) => change(d.key, { decisionId: decisionId ?? null })}
              style={{ flex: "1 1 140px", minWidth: 0 }}
            />
            <ListEditorRemove label={t("centre.staff.remove")} onClick={() => remove(d.key)} />
          </Flex>
          <ListEditorErrors errors={["fullName", "decisionId"].map((f) => fieldError(i, f))} />
        </ListEditorBlock>
      ))}
      <ListEditorFooter
        add={{ label: t("centre.staff.add"), testId: "staff-add", onClick: add }}
        error={error}
        errorTestId="staff-error"
        save={{ label: t("centre.staff.save"), testId: "staff-save", onClick: () => void save() }}
        saving={saving}
        onCancel={() => setDrafts(null)}
      />
    </Flex>
  );
}
