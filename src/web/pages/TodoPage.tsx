import { Card, Empty, Flex, Form, Select, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { cycleApi, type TodoItem } from "../api/cycle";
import { LoadFailed, PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { kindLabel } from "../components/privacy/labels";
import { BreachTodo } from "../components/readlog/BreachTodo";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { reasonText } from "../i18n/deadlines";
import { useLang, useT } from "../i18n/messages";
import { Link, paths, setQuery, useLocation } from "../router";

/** The step of the titles page where a to-do item is done (a fund's disclosure: the year's tab of its page). */
const tabOf: Record<TodoItem["step"], string> = {
  self_assessment: "assess",
  review: "review",
  decision: "decision",
  issue: "decision",
  fund_disclosure: "year",
  fund_approve: "disbursements",
  fund_pay: "disbursements",
  data_request: "",
  deadline: "",
};

/**
 * Where a deadline is met: the TT 25 self-assessment and the decisions of its data year on the titles page; a
 * province's or the nation's count, and what the product has no page for yet, in the "Ai trễ hạn" table.
 */
function deadlineLink(item: TodoItem): string {
  const d = item.deadline!;
  if (!d.communes && (d.key === "tt25_dossier" || d.key === "recognition")) {
    const params = new URLSearchParams({ unit: String(item.unit.id), year: String(d.dataYear) });
    if (d.key === "tt25_dossier") params.set("title", "learning_community_commune");
    params.set("tab", d.key === "tt25_dossier" ? "assess" : "decision");
    return `${paths.titles}?${params.toString()}`;
  }
  const params = new URLSearchParams({ year: String(d.dataYear), key: d.key });
  if (item.unit.id > 0) params.set("unit", String(item.unit.id));
  return `${paths.deadlines}?${params.toString()}`;
}

function linkOf(item: TodoItem, year: number): string {
  if (item.request)
    return `${paths.dataRequests}?${new URLSearchParams({ unit: String(item.unit.id), request: String(item.request.id) })}`;
  if (item.deadline) return deadlineLink(item);
  if (item.fund) {
    // Waiting award rounds only: their tab.
    const tab = item.fund.waiting?.disbursements === 0 ? "rounds" : tabOf[item.step];
    return paths.fund(item.fund.id, item.unit.id, { year: item.fund.year, tab });
  }
  const params = new URLSearchParams({
    unit: String(item.unit.id),
    year: String(year),
    title: item.title ?? "",
    tab: tabOf[item.step],
  });
  return `${paths.titles}?${params.toString()}`;
}

/** What the signed-in officer has to do this year, over the units they work for, with deadlines. */
export default function TodoPage() {
  const t = useT();
  const { lang } = useLang();
  const compact = useCompact();
  const { search } = useLocation();
  const thisYear = new Date().getFullYear();
  const year = Number(search.get("year")) || thisYear;
  const [loaded, setLoaded] = useState<{ year: number; items: TodoItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void version;
    setError(null);
    cycleApi.todo(year).then(
      (items) => {
        if (live) setLoaded({ year, items });
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [year, version, t]);
  const items = loaded?.year === year ? loaded.items : null;

  const due = (item: TodoItem) => (
    <Flex wrap gap={4} align="center">
      <span>{item.due ? formatDate(item.due) : t("todo.noDue")}</span>
      {item.overdue && <Tag color="red">{t("todo.overdue")}</Tag>}
    </Flex>
  );
  /** What the item is about: a title of the cycle, or a fund. */
  const subject = (item: TodoItem) =>
    item.request
      ? `${t("todo.request")}: ${item.request.personName}`
      : item.deadline
        ? t("todo.deadline.subject")
        : item.fund
          ? item.fund.name
          : item.title
            ? t(`title.${item.title}`)
            : "";
  /** What to do: a step of the cycle, closing and publishing a fund's year, or its payments waiting for the caller. */
  const what = (item: TodoItem) => {
    if (item.request) return `${t("todo.step.data_request")} (${kindLabel(item.request.kind, lang)})`;
    if (item.deadline) {
      const counted = item.deadline.communes;
      return (
        <Flex vertical gap={2}>
          <span>
            {t(`deadlines.key.${item.deadline.key}`)} ({item.deadline.dataYear})
          </span>
          {counted ? (
            <Typography.Text type="secondary">{t("todo.deadline.communes", counted)}</Typography.Text>
          ) : (
            item.deadline.reasons.map((r) => (
              <Typography.Text key={`${r.code}-${r.name ?? ""}`} type="secondary" style={{ fontSize: 12 }}>
                {reasonText(t, r, item.deadline!.dataYear)}
              </Typography.Text>
            ))
          )}
        </Flex>
      );
    }
    if (item.fund?.waiting) {
      const rounds = item.fund.waiting.rounds > 0;
      const key = item.step === "fund_approve" ? "approve" : "pay";
      return t(`todo.fund.${key}${rounds ? "Rounds" : "Disbursements"}`, { count: item.count });
    }
    if (item.fund)
      return t(item.fund.closed ? "todo.fund.publish" : "todo.fund.closeAndPublish", {
        year: item.fund.year,
      });
    return t(`todo.step.${item.step}`);
  };
  const open = (item: TodoItem) => (
    <Link to={linkOf(item, year)} data-testid="todo-open">
      {t("todo.open")}
    </Link>
  );

  const columns: TableColumnsType<TodoItem> = compact
    ? [
        {
          key: "all",
          render: (_, item) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{item.unit.name}</Typography.Text>
              <span>{subject(item)}</span>
              <span>
                {item.fund || item.request || item.deadline ? what(item) : `${what(item)} (${item.count})`}
              </span>
              {due(item)}
              {open(item)}
            </Flex>
          ),
        },
      ]
    : [
        { key: "unit", title: t("todo.unit"), render: (_, item) => item.unit.name },
        { key: "title", title: t("todo.subject"), render: (_, item) => subject(item) },
        { key: "what", title: t("todo.what"), render: (_, item) => what(item) },
        {
          key: "count",
          title: t("todo.count"),
          align: "right",
          render: (_, item) =>
            (item.fund && !item.fund.waiting) || item.request || item.deadline ? "" : item.count,
        },
        { key: "due", title: t("todo.due"), render: (_, item) => due(item) },
        { key: "open", title: "", render: (_, item) => open(item) },
      ];

  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  return (
    <Flex vertical gap={16} data-testid="todo-page">
      <PageTitle>{t("todo.title")}</PageTitle>
      <BreachTodo />
      <Card size="small">
        <Flex wrap gap={12} align="center" justify="space-between">
          <Form.Item label={t("todo.year")} style={{ marginBottom: 0 }}>
            <Select<number>
              value={year}
              onChange={(y) => setQuery({ year: y })}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 120 }}
              data-testid="todo-year"
            />
          </Form.Item>
          <Link to={paths.deadlines} data-testid="todo-deadlines">
            {t("nav.deadlines")}
          </Link>
        </Flex>
      </Card>
      {error && <LoadFailed message={error} onRetry={() => setVersion((v) => v + 1)} />}
      {!error && !items && <PageLoading />}
      {items && (
        <div data-testid="todo-list">
          <Table<TodoItem>
            rowKey={(item) =>
              `${item.unit.id}-${item.title ?? item.fund?.id ?? item.request?.id}-${item.step}-${item.fund?.waiting?.rounds ?? ""}-${
                item.deadline ? `${item.deadline.key}-${item.deadline.dataYear}` : ""
              }`
            }
            dataSource={items}
            columns={columns}
            pagination={false}
            showHeader={!compact}
            size="small"
            scroll={compact ? undefined : { x: "max-content" }}
            locale={{ emptyText: <Empty description={t("todo.empty")} /> }}
          />
        </div>
      )}
    </Flex>
  );
}
