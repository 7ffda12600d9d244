/**
 * Tìm hội viên: one search box over every commune the user may read members in (a chapter secretary: their
 * chapter), without diacritics ("nguyen thi lan" finds "Nguyễn Thị Lan"), narrowed by year of birth or a unit. Each
 * hit names the member's village, commune and chapter, with a link to the chapter's page. The search text stays in
 * the address, so that coming back from a chapter shows the same list.
 */
import { Alert, Card, Col, Flex, Form, Input, InputNumber, Row, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import type { MemberHit, MemberSearch } from "../../shared/association-lists";
import { foldText } from "../../shared/text";
import { associationApi } from "../api/association";
import { PageTitle } from "../components/PageTitle";
import { UnitSelect } from "../components/UnitSelect";
import { useCompact } from "../components/useCompact";
import { useDebounced } from "../components/useDebounced";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { useT } from "../i18n/messages";
import { Link, paths, setQuery, useLocation } from "../router";

type Result =
  | { status: "idle" | "loading" }
  | { status: "ready"; data: MemberSearch }
  | { status: "error"; message: string };

export default function MemberSearchPage() {
  const t = useT();
  const compact = useCompact();
  const { search } = useLocation();
  const [text, setText] = useState(search.get("q") ?? "");
  const [birthYear, setBirthYear] = useState<number | null>(Number(search.get("nam")) || null);
  const [unitId, setUnitId] = useState<number | null>(Number(search.get("unit")) || null);
  const q = useDebounced(text.trim(), 300);
  const [result, setResult] = useState<Result>({ status: "idle" });
  const enough = foldText(q).replace(/[^a-z0-9]/g, "").length >= 2;

  useEffect(() => {
    setQuery({ q: q || null, nam: birthYear, unit: unitId });
    if (!enough) {
      setResult({ status: "idle" });
      return;
    }
    let live = true;
    setResult({ status: "loading" });
    associationApi.searchMembers({ q, birthYear, unitId }).then(
      (data) => live && setResult({ status: "ready", data }),
      (e: unknown) => live && setResult({ status: "error", message: errorText(e, t) }),
    );
    return () => {
      live = false;
    };
  }, [q, enough, birthYear, unitId, t]);

  const hits = result.status === "ready" ? result.data.members : [];
  const place = (m: MemberHit) =>
    m.unit.id === m.commune.id ? m.commune.name : `${m.unit.name}, ${m.commune.name}`;
  const facts = (m: MemberHit) =>
    [
      m.memberNumber,
      m.memberKind === "collective"
        ? t("member.collective")
        : m.birthYear
          ? t("member.born", { year: m.birthYear })
          : null,
      compact ? place(m) : null,
    ]
      .filter(Boolean)
      .join(" · ");
  const status = (m: MemberHit) =>
    m.leftOn ? (
      <Tag data-testid="member-hit-left">{t("member.left", { date: formatDate(m.leftOn) })}</Tag>
    ) : (
      <Tag color="green">{t("member.active")}</Tag>
    );
  const chapterLink = (m: MemberHit) => (
    <Link to={paths.chapter({ id: m.chapter.id, communeId: m.commune.id })} data-testid="member-hit-chapter">
      {m.chapter.name}
    </Link>
  );

  return (
    <Flex vertical gap={16} data-testid="member-search-page" style={{ minWidth: 0 }}>
      <PageTitle>{t("memberSearch.title")}</PageTitle>
      <Card size="small">
        <Form layout="vertical" component={false}>
          <Row gutter={[12, 0]}>
            <Col xs={24} md={12}>
              <Form.Item label={t("memberSearch.q")} htmlFor="member-search-q" style={{ marginBottom: 12 }}>
                <Input.Search
                  id="member-search-q"
                  allowClear
                  autoFocus
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={t("memberSearch.placeholder")}
                  data-testid="member-search-q"
                />
              </Form.Item>
            </Col>
            <Col xs={10} md={4}>
              <Form.Item
                label={t("member.birthYear")}
                htmlFor="member-search-year"
                style={{ marginBottom: 12 }}
              >
                <InputNumber
                  id="member-search-year"
                  min={1900}
                  max={2100}
                  precision={0}
                  inputMode="numeric"
                  value={birthYear}
                  onChange={(v) => setBirthYear(v ?? null)}
                  style={{ width: "100%" }}
                  data-testid="member-search-year"
                />
              </Form.Item>
            </Col>
            <Col xs={14} md={8}>
              <Form.Item
                label={t("memberSearch.unit")}
                htmlFor="member-search-unit"
                style={{ marginBottom: 12 }}
              >
                <UnitSelect
                  value={unitId}
                  onChange={setUnitId}
                  placeholder={t("memberSearch.wholeScope")}
                  testId="member-search-unit"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {result.status === "idle" && (
        <Typography.Text type="secondary">{t("memberSearch.hint")}</Typography.Text>
      )}
      {result.status === "error" && <Alert type="error" showIcon title={result.message} />}
      {result.status === "ready" && result.data.more && (
        <Alert type="info" showIcon title={t("memberSearch.more")} data-testid="member-search-more" />
      )}
      {(result.status === "loading" || result.status === "ready") && (
        <div data-testid="member-search-results">
          <Table<MemberHit>
            size="small"
            rowKey="id"
            loading={result.status === "loading"}
            dataSource={hits}
            pagination={false}
            scroll={compact ? undefined : { x: "max-content" }}
            locale={{ emptyText: t("memberSearch.empty") }}
            footer={hits.length > 0 ? () => t("memberSearch.count", { n: hits.length }) : undefined}
            columns={[
              {
                title: t("member.name"),
                key: "name",
                render: (_, m) => (
                  <Flex vertical gap={2}>
                    <strong data-testid="member-hit-name">{m.fullName}</strong>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {facts(m)}
                    </Typography.Text>
                    {compact && (
                      <Flex gap={4} wrap align="center">
                        {chapterLink(m)}
                        {m.leftOn && status(m)}
                      </Flex>
                    )}
                  </Flex>
                ),
              },
              ...(compact
                ? []
                : [
                    {
                      title: t("member.place"),
                      key: "place",
                      render: (_: unknown, m: MemberHit) => place(m),
                    },
                    {
                      title: t("member.chapter"),
                      key: "chapter",
                      render: (_: unknown, m: MemberHit) => chapterLink(m),
                    },
                    {
                      title: t("member.joined"),
                      key: "joined",
                      render: (_: unknown, m: MemberHit) => formatDate(m.joinedOn),
                    },
                    {
                      title: t("member.status"),
                      key: "status",
                      render: (_: unknown, m: MemberHit) => status(m),
                    },
                  ]),
            ]}
          />
        </div>
      )}
    </Flex>
  );
}
