import { SearchOutlined } from "@ant-design/icons";
import type { TreeDataNode, TreeProps } from "antd";
import { Alert, Card, Col, DatePicker, Empty, Flex, Input, Row, Spin, Tag, Tree, Typography } from "antd";
import dayjs from "dayjs";
import { type Key, useCallback, useEffect, useState } from "react";
import type { UnitSearchHit, UnitSummary } from "../../shared/api";
import { api } from "../api/client";
import { PageTitle } from "../components/PageTitle";
import { useDebounced } from "../components/useDebounced";
import { errorText } from "../errors";
import { formatDate, todayIso } from "../format";
import { useT } from "../i18n/messages";
import { Link, navigate, paths, useLocation } from "../router";

type UnitNode = TreeDataNode & { key: string; unit: UnitSummary; children?: UnitNode[] };

function toNode(unit: UnitSummary): UnitNode {
  return {
    key: String(unit.id),
    unit,
    title: unit.name,
    isLeaf: unit.childCount === 0 || unit.level === "village",
  };
}

function withChildren(nodes: UnitNode[], key: string, children: UnitNode[]): UnitNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

function setQuery(date: string, q: string): void {
  const params = new URLSearchParams();
  if (date !== todayIso()) params.set("ngay", date);
  if (q.trim()) params.set("q", q);
  const qs = params.toString();
  navigate(qs ? `${paths.units}?${qs}` : paths.units, { replace: true });
}

export default function UnitsPage() {
  const t = useT();
  const { search } = useLocation();
  const dateParam = search.get("ngay");
  const date = dateParam && /^\d{4}-\d{2}-\d{2}$/.test(dateParam) ? dateParam : todayIso();
  const [query, setQueryText] = useState(() => search.get("q") ?? "");
  const settledQuery = useDebounced(query, 300);

  useEffect(() => {
    setQuery(date, settledQuery);
  }, [date, settledQuery]);

  return (
    <Flex vertical gap={16}>
      <PageTitle>{t("units.title")}</PageTitle>
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>{t("units.asOf")}</Typography.Text>
        <DatePicker
          value={dayjs(date)}
          format="DD/MM/YYYY"
          allowClear={false}
          inputReadOnly
          data-testid="units-date"
          onChange={(value) => {
            if (value) setQuery(value.format("YYYY-MM-DD"), query);
          }}
        />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t("units.search")} size="small">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t("units.searchPlaceholder")}
              value={query}
              onChange={(e) => setQueryText(e.target.value)}
              size="large"
              data-testid="unit-search"
              aria-label={t("units.search")}
            />
            <SearchHits query={settledQuery} date={date} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t("units.tree")} size="small">
            <UnitTree key={date} date={date} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function SearchHits({ query, date }: { query: string; date: string }) {
  const t = useT();
  const q = query.trim();
  const [state, setState] = useState<{ hits: UnitSearchHit[]; error: string | null; loading: boolean }>({
    hits: [],
    error: null,
    loading: false,
  });

  useEffect(() => {
    if (q.length < 2) {
      setState({ hits: [], error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api.searchUnits(q, date).then(
      (hits) => {
        if (live) setState({ hits, error: null, loading: false });
      },
      (err: unknown) => {
        if (live) setState({ hits: [], error: errorText(err, t), loading: false });
      },
    );
    return () => {
      live = false;
    };
  }, [q, date, t]);

  if (q.length < 2) {
    return (
      <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
        {t("units.searchHint")}
      </Typography.Paragraph>
    );
  }
  if (state.error) return <Alert type="error" showIcon title={state.error} style={{ marginTop: 8 }} />;
  return (
    <Spin spinning={state.loading}>
      {state.hits.length === 0 ? (
        state.loading ? (
          <div style={{ minHeight: 48 }} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("units.noHits")} />
        )
      ) : (
        <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="unit-hits">
          <Typography.Text type="secondary">
            {t("units.hitCount", { count: state.hits.length })}
          </Typography.Text>
          {state.hits.map((hit) => (
            <Link
              key={hit.id}
              to={paths.unit(hit.id)}
              data-testid="unit-hit"
              style={{
                display: "block",
                padding: "8px 4px",
                borderBottom: "1px solid #f0f0f0",
                color: "inherit",
              }}
            >
              <Flex wrap gap={4} align="baseline">
                <Typography.Text strong>{hit.name}</Typography.Text>
                <Typography.Text type="secondary">({hit.code})</Typography.Text>
                {hit.validTo && (
                  <Tag color="default">{t("units.ended", { date: formatDate(hit.validTo) })}</Tag>
                )}
              </Flex>
              {hit.path && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {hit.path}
                </Typography.Text>
              )}
            </Link>
          ))}
        </Flex>
      )}
    </Spin>
  );
}

function NodeTitle({ unit }: { unit: UnitSummary }) {
  return (
    <span>
      {unit.name} <Typography.Text type="secondary">{unit.code}</Typography.Text>
    </span>
  );
}

function UnitTree({ date }: { date: string }) {
  const t = useT();
  const [nodes, setNodes] = useState<UnitNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.unitRoots(date).then(
      (units) => {
        if (live) setNodes(units.map(toNode));
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [date, t]);

  const loadData = useCallback(
    async (node: { key: Key; children?: unknown }) => {
      if (node.children) return;
      const key = String(node.key);
      try {
        const children = await api.unitChildren(Number(key), date);
        setNodes((current) => (current ? withChildren(current, key, children.map(toNode)) : current));
      } catch (err) {
        setError(errorText(err, t));
      }
    },
    [date, t],
  );

  const onSelect: TreeProps<UnitNode>["onSelect"] = (_keys, info) => {
    navigate(paths.unit(info.node.unit.id));
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!nodes) return <Spin />;
  if (nodes.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("units.emptyTree")} />;
  return (
    <div className="hh-tree" data-testid="unit-tree">
      <Tree<UnitNode>
        treeData={nodes}
        loadData={loadData}
        onSelect={onSelect}
        selectedKeys={[]}
        showLine
        blockNode
        titleRender={(node) => <NodeTitle unit={node.unit} />}
      />
    </div>
  );
}
