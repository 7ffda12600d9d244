/**
 * Hội Khuyến học of a commune: its chapters as a tree, by kind (thôn/tổ dân phố, dòng họ, trường học, cơ quan,
 * doanh nghiệp, ban khuyến học; a village chapter with its village), each with its members on the chosen day,
 * women, collective members and the year's dues; totals per kind and for the commune. A date picker shows the Hội
 * as it stood on a past day. A chapter secretary sees their chapter only. On a phone the counts fold under the
 * chapter's name, beside its number of members.
 */
import { Alert, Col, DatePicker, Flex, Form, Table, type TableColumnsType, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useMemo, useState } from "react";
import type { ChapterCounts, ChapterSummary } from "../../shared/association-lists";
import { chapters as chapterKind } from "../../shared/registry/kinds";
import { foldText } from "../../shared/text";
import { associationApi } from "../api/association";
import type { RowRef } from "../api/client";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { todayIso } from "../format";
import { useLang, useT } from "../i18n/messages";
import { Link, paths, setQuery, useLocation } from "../router";
import { useMe } from "../session";

type TreeRow = {
  key: string;
  name: string;
  /** A chapter's id and commune (group rows have none). */
  chapter?: RowRef;
  village?: string;
  archived?: boolean;
  counts: ChapterCounts;
  children?: TreeRow[];
};

type Loaded =
  | { status: "loading" }
  | { status: "ready"; data: ChapterSummary }
  | { status: "error"; message: string };

const money = (n: number) => n.toLocaleString("vi-VN");

export default function AssociationPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const compact = useCompact();
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const date = search.get("date") ?? undefined;
  const scope = useUnitScope(unitId);
  const commune = scope.status === "ready" ? scope.commune : null;
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });

  useEffect(() => {
    if (!commune) return;
    let live = true;
    setLoaded({ status: "loading" });
    associationApi.chapterSummary(commune.id, date).then(
      (data) => live && setLoaded({ status: "ready", data }),
      (e: unknown) => live && setLoaded({ status: "error", message: errorText(e, t) }),
    );
    return () => {
      live = false;
    };
  }, [commune, date, t]);

  const data = loaded.status === "ready" ? loaded.data : null;
  const rows = useMemo<TreeRow[]>(
    () =>
      data?.groups.map((g) => ({
        key: `kind-${g.kind}`,
        name: chapterKind.fields.kind.options[g.kind][lang],
        counts: g.totals,
        children: g.chapters.map((c) => ({
          key: `chapter-${c.id}`,
          name: c.name,
          chapter: { id: c.id, communeId: data.commune.id },
          // A village chapter's village, unless its name already says it.
          village:
            g.kind === "village" && !foldText(c.name).includes(foldText(c.unit.name))
              ? c.unit.name
              : undefined,
          archived: c.archived,
          counts: c.counts,
        })),
      })) ?? [],
    [data, lang],
  );

  const line = (c: ChapterCounts) =>
    t("tree.line", {
      women: c.women,
      collective: c.collective,
      paid: c.duesPaid,
      collected: money(c.duesCollected),
    });
  const nameCell = (row: TreeRow) => (
    <Flex vertical style={{ minWidth: 0, paddingLeft: row.chapter ? (compact ? 10 : 20) : 0 }}>
      {row.chapter ? (
        <Link to={paths.chapter(row.chapter)} data-testid="tree-chapter">
          {row.name}
        </Link>
      ) : (
        <strong data-testid="tree-group">{row.name}</strong>
      )}
      {(row.village || row.archived) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[row.village, row.archived ? t("tree.archived") : null].filter(Boolean).join(" · ")}
        </Typography.Text>
      )}
      {compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {line(row.counts)}
        </Typography.Text>
      )}
    </Flex>
  );
  const count = (key: keyof ChapterCounts) => (_: unknown, row: TreeRow) =>
    row.chapter ? row.counts[key] : <strong>{row.counts[key]}</strong>;
  const columns: TableColumnsType<TreeRow> = [
    { title: t("tree.chapter"), key: "name", render: (_, row) => nameCell(row) },
    { title: t("tree.members"), key: "members", align: "right", width: 90, render: count("members") },
    ...(compact
      ? []
      : ([
          { title: t("tree.women"), key: "women", align: "right", width: 70, render: count("women") },
          {
            title: t("tree.collective"),
            key: "collective",
            align: "right",
            width: 80,
            render: count("collective"),
          },
          {
            title: t("tree.dues", { year: data?.year ?? "" }),
            key: "dues",
            align: "right",
            width: 200,
            render: (_: unknown, row: TreeRow) =>
              t("tree.duesPaid", { paid: row.counts.duesPaid, collected: money(row.counts.duesCollected) }),
          },
        ] satisfies TableColumnsType<TreeRow>)),
  ];

  return (
    <Flex vertical gap={16} data-testid="association-page" style={{ minWidth: 0 }}>
      <PageTitle>{commune ? `${t("tree.title")} ${commune.name}` : t("tree.title")}</PageTitle>
      <UnitScopePicker
        scope={scope}
        value={unitId}
        onChange={(id) => setQuery({ unit: id })}
        villages={false}
      >
        <Col xs={24} md={8}>
          <Form.Item label={t("tree.date")} htmlFor="tree-date" style={{ marginBottom: 12 }}>
            <DatePicker
              id="tree-date"
              format="DD/MM/YYYY"
              allowClear
              value={dayjs(date || todayIso())}
              onChange={(d) => setQuery({ date: d ? d.format("YYYY-MM-DD") : null })}
              style={{ width: "100%" }}
              data-testid="tree-date"
            />
          </Form.Item>
        </Col>
      </UnitScopePicker>
      {scope.status === "ready" && !commune && <Alert type="info" showIcon title={t("tree.needCommune")} />}
      {scope.status === "loading" && <PageLoading />}
      {loaded.status === "error" && commune && <Alert type="error" showIcon title={loaded.message} />}
      {data?.ownChaptersOnly && <Alert type="info" showIcon title={t("tree.ownOnly")} />}
      {commune && loaded.status !== "error" && (
        <div data-testid="chapter-tree">
          <Table<TreeRow>
            size="small"
            rowKey="key"
            loading={loaded.status === "loading"}
            columns={columns}
            dataSource={rows}
            pagination={false}
            indentSize={compact ? 8 : 16}
            expandable={{ expandedRowKeys: rows.map((r) => r.key), showExpandColumn: false }}
            onRow={(row) => (row.chapter ? {} : { style: { background: "#fafafa" } })}
            locale={{ emptyText: t("tree.empty") }}
            summary={() =>
              data && data.totals.chapters > 0 ? (
                <Table.Summary.Row data-testid="tree-total">
                  <Table.Summary.Cell index={0}>
                    <Flex vertical>
                      <strong>{t("tree.total", { name: data.commune.name })}</strong>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("tree.chapters", { n: data.totals.chapters })}
                        {compact ? ` · ${line(data.totals)}` : ""}
                      </Typography.Text>
                    </Flex>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong data-testid="tree-total-members">{data.totals.members}</strong>
                  </Table.Summary.Cell>
                  {!compact && (
                    <>
                      <Table.Summary.Cell index={2} align="right">
                        <strong>{data.totals.women}</strong>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">
                        <strong>{data.totals.collective}</strong>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">
                        <strong>
                          {t("tree.duesPaid", {
                            paid: data.totals.duesPaid,
                            collected: money(data.totals.duesCollected),
                          })}
                        </strong>
                      </Table.Summary.Cell>
                    </>
                  )}
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
      )}
    </Flex>
  );
}
