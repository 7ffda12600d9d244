/**
 * A chapter's executive committee (ban chấp hành): read by all who open the chapter; edited as a whole list (add,
 * remove, name, post, term) by those the API lets set it: the Hội Khuyến học on the chapter's unit and the chapter's
 * own secretary. Others see the edit button disabled with the reason. One officer a block, so that it reads on a
 * 360 px phone.
 */
import { EditOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Flex, Input, List, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { type Officer, type OfficerPost, officerPosts } from "../../../shared/association";
import { associationApi } from "../../api/association";
import { ApiRequestError, type RowRef } from "../../api/client";
import { errorText } from "../../errors";
import { formatDate, todayIso } from "../../format";
import { useT } from "../../i18n/messages";
import { WhyNot } from "../Capability";
import { ListEditorBlock, ListEditorErrors, ListEditorFooter, ListEditorRemove } from "../ListEditor";

type Draft = {
  key: number;
  fullName: string;
  post: OfficerPost;
  termFrom: Dayjs | null;
  termTo: Dayjs | null;
};

const iso = (d: Dayjs | null) => (d ? d.format("YYYY-MM-DD") : null);
let nextKey = 1;
const draftOf = (o: Omit<Officer, "id">): Draft => ({
  key: nextKey++,
  fullName: o.fullName,
  post: o.post,
  termFrom: dayjs(o.termFrom),
  termTo: o.termTo ? dayjs(o.termTo) : null,
});

type Props = {
  /** The chapter, with its commune (the API looks there alone). */
  chapter: RowRef;
  officers: Officer[];
  /** Whether the caller may set the committee; false shows why not. */
  canEdit: boolean;
  onSaved: () => void;
};

export function CommitteeCard({ chapter, officers, canEdit, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const change = (key: number, patch: Partial<Draft>) =>
    setDrafts((list) => list?.map((d) => (d.key === key ? { ...d, ...patch } : d)) ?? null);
  // A new officer usually serves the same term as the others.
  const add = () =>
    setDrafts((list) => {
      const last = list?.at(-1);
      const term = { termFrom: last?.termFrom ?? dayjs(todayIso()), termTo: last?.termTo ?? null };
      return [...(list ?? []), { key: nextKey++, fullName: "", post: "member", ...term }];
    });

  const save = async () => {
    if (!drafts) return;
    const missing: Record<string, string> = {};
    drafts.forEach((d, i) => {
      if (!d.fullName.trim()) missing[`officers.${i}.fullName`] = t("chapter.officerNameRequired");
      if (!d.termFrom) missing[`officers.${i}.termFrom`] = t("chapter.termFromRequired");
    });
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setSaving(true);
    setError(null);
    try {
      await associationApi.setCommittee(
        chapter,
        drafts.map((d) => ({
          fullName: d.fullName,
          post: d.post,
          termFrom: iso(d.termFrom)!,
          termTo: iso(d.termTo),
        })),
      );
      void message.success(t("chapter.committeeSaved"));
      setDrafts(null);
      onSaved();
    } catch (e) {
      setErrors(e instanceof ApiRequestError ? e.fieldErrors : {});
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const editButton = (
    <WhyNot reason={canEdit ? null : t("chapter.committeeWho")} testId="committee-why">
      <Button
        size="small"
        icon={<EditOutlined />}
        disabled={!canEdit}
        onClick={() => {
          setErrors({});
          setError(null);
          setDrafts(officers.map(draftOf));
        }}
        data-testid="committee-edit"
      >
        {t("chapter.editCommittee")}
      </Button>
    </WhyNot>
  );
  const fieldError = (i: number, field: string) => errors[`officers.${i}.${field}`];
  const postOptions = officerPosts.map((p) => ({ value: p, label: t(`chapter.post.${p}`) }));

  return (
    <Card title={t("chapter.committee")} size="small" data-testid="committee">
      {drafts ? (
        <Flex vertical gap={8} data-testid="committee-editor">
          {drafts.map((d, i) => (
            <ListEditorBlock key={d.key} testId="officer">
              <Flex gap={8} wrap>
                <Input
                  aria-label={t("chapter.officerName")}
                  placeholder={t("chapter.officerName")}
                  value={d.fullName}
                  maxLength={200}
                  status={fieldError(i, "fullName") ? "error" : ""}
                  onChange={(e) => change(d.key, { fullName: e.target.value })}
                  style={{ flex: "2 1 200px", minWidth: 0 }}
                  data-testid="officer-name"
                />
                <Select<OfficerPost>
                  aria-label={t("chapter.officerPost")}
                  value={d.post}
                  options={postOptions}
                  onChange={(post) => change(d.key, { post })}
                  style={{ flex: "1 1 140px", minWidth: 0 }}
                  data-testid="officer-post"
                />
              </Flex>
              <Flex gap={8} wrap align="center">
                {(["termFrom", "termTo"] as const).map((field) => (
                  <DatePicker
                    key={field}
                    aria-label={t(`chapter.${field}`)}
                    placeholder={t(`chapter.${field}`)}
                    format="DD/MM/YYYY"
                    value={d[field]}
                    status={fieldError(i, field) ? "error" : ""}
                    onChange={(v) => change(d.key, { [field]: v })}
                    style={{ flex: "1 1 120px", minWidth: 0 }}
                    data-testid={field === "termFrom" ? "officer-from" : "officer-to"}
                  />
                ))}
                <ListEditorRemove
                  label={t("chapter.removeOfficer")}
                  onClick={() => setDrafts((list) => list?.filter((x) => x.key !== d.key) ?? null)}
                  testId="officer-remove"
                />
              </Flex>
              <ListEditorErrors errors={["fullName", "termFrom", "termTo"].map((f) => fieldError(i, f))} />
            </ListEditorBlock>
          ))}
          <ListEditorFooter
            add={{ label: t("chapter.addOfficer"), testId: "officer-add", onClick: add }}
            error={error}
            errorTestId="committee-error"
            save={{ label: t("chapter.saveCommittee"), testId: "committee-save", onClick: () => void save() }}
            saving={saving}
            onCancel={() => setDrafts(null)}
          />
        </Flex>
      ) : (
        <Flex vertical gap={8} align="flex-start">
          {officers.length === 0 ? (
            <Typography.Text type="secondary">{t("chapter.noCommittee")}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={officers}
              data-testid="committee-list"
              style={{ alignSelf: "stretch" }}
              renderItem={(o) => (
                <List.Item>
                  <Flex vertical>
                    <strong>{o.fullName}</strong>
                    <Typography.Text type="secondary">
                      {t(`chapter.post.${o.post}`)} · {t("chapter.term")} {formatDate(o.termFrom)}
                      {o.termTo ? ` – ${formatDate(o.termTo)}` : ""}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          {editButton}
        </Flex>
      )}
    </Card>
  );
}
