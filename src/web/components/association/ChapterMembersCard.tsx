/**
 * The members of a chapter today: number, name, year of birth, where they live and since when they are in the
 * chapter. A caller who may not read the chapter's members (a government clerk, another chapter's secretary) is
 * told so instead of shown an empty list.
 */
import { Alert, Card, Flex, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import type { ChapterMembers } from "../../../shared/association-lists";
import { associationApi } from "../../api/association";
import { ApiRequestError, type RowRef } from "../../api/client";
import { errorText } from "../../errors";
import { formatDate } from "../../format";
import { useT } from "../../i18n/messages";
import { useCompact } from "../useCompact";

type State =
  | { status: "loading" }
  | { status: "ready"; data: ChapterMembers }
  | { status: "hidden" | "error"; message: string };

/** `chapter`: the chapter with its commune (the API looks there alone). */
export function ChapterMembersCard({ chapter, version }: { chapter: RowRef; version: number }) {
  const t = useT();
  const { id, communeId } = chapter;
  const compact = useCompact();
  const [state, setState] = useState<State>({ status: "loading" });

  useEffect(() => {
    let live = true;
    void version;
    associationApi.chapterMembers({ id, communeId }).then(
      (data) => live && setState({ status: "ready", data }),
      (e: unknown) => {
        if (!live) return;
        const hidden = e instanceof ApiRequestError && e.status === 403;
        setState({ status: hidden ? "hidden" : "error", message: errorText(e, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, communeId, version, t]);

  const members = state.status === "ready" ? state.data.members : [];
  type Row = (typeof members)[number];
  const detail = (m: Row) =>
    [
      compact ? m.memberNumber : null,
      m.memberKind === "collective"
        ? t("member.collective")
        : m.birthYear
          ? t("member.born", { year: m.birthYear })
          : null,
      m.unit.name,
      t("chapter.since", { date: formatDate(m.since) }),
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <Card
      size="small"
      title={t("chapter.members")}
      extra={state.status === "ready" ? t("chapter.membersCount", { n: members.length }) : null}
      data-testid="chapter-members"
    >
      {state.status === "hidden" && (
        <Typography.Text type="secondary">{t("chapter.membersHidden")}</Typography.Text>
      )}
      {state.status === "error" && <Alert type="error" showIcon title={state.message} />}
      {(state.status === "loading" || state.status === "ready") && (
        <Table<Row>
          size="small"
          rowKey="id"
          loading={state.status === "loading"}
          dataSource={members}
          locale={{ emptyText: t("chapter.noMembers") }}
          pagination={members.length > 20 ? { pageSize: 20, size: "small", showSizeChanger: false } : false}
          columns={[
            ...(compact ? [] : [{ title: t("member.number"), dataIndex: "memberNumber", width: 80 }]),
            {
              title: t("member.name"),
              key: "name",
              render: (_, m) => (
                <Flex vertical>
                  <span data-testid="chapter-member-name">{m.fullName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {detail(m)}
                  </Typography.Text>
                </Flex>
              ),
            },
            ...(compact
              ? []
              : [
                  {
                    title: t("member.joined"),
                    key: "joined",
                    width: 110,
                    render: (_: unknown, m: Row) => formatDate(m.joinedOn),
                  },
                ]),
          ]}
        />
      )}
    </Card>
  );
}
