/**
 * Open data (/du-lieu-mo), for everyone without signing in: the published figures of the learning titles by
 * province, or by commune of one province, year and title; their definitions; the same rows as CSV and JSON.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import type { OpenDataQuery, OpenDataResponse, OpenDataRow } from "../../shared/lists";
import { type RecognitionTitle, recognitionTitles } from "../../shared/rubric";
import { listsApi } from "../api/lists";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { PublicFrame } from "../components/PublicFrame";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";

const number = (n: number) => n.toLocaleString("vi-VN");
const rate = (r: number | null) =>
  r === null ? "" : r.toLocaleString("vi-VN", { minimumFractionDigits: 2 });

export default function OpenDataPage() {
  const t = useT();
  const compact = useCompact();
  const [query, setQuery] = useState<OpenDataQuery>({});
  const [state, setState] = useState<{ data?: OpenDataResponse; error?: string } | null>(null);

  useEffect(() => {
    let live = true;
    setState(null);
    listsApi.openData(query).then(
      (data) => live && setState({ data }),
      (err: unknown) => live && setState({ error: errorText(err, t) }),
    );
    return () => {
      live = false;
    };
  }, [query, t]);

  const data = state?.data;
  const unitName = (r: OpenDataRow) => (r.level === "commune" ? r.communeName : r.provinceName);
  const figures: TableColumnsType<OpenDataRow> = [
    {
      key: "registered",
      title: t("openData.registered"),
      align: "right",
      render: (_, r) => number(r.registered),
    },
    {
      key: "recognized",
      title: t("openData.recognized"),
      align: "right",
      render: (_, r) => number(r.recognized),
    },
    { key: "total", title: t("openData.total"), align: "right", render: (_, r) => number(r.total) },
    { key: "rate", title: t("openData.rate"), align: "right", render: (_, r) => rate(r.rate) },
  ];
  const columns: TableColumnsType<OpenDataRow> = compact
    ? [
        {
          key: "unit",
          title: t("openData.unit"),
          render: (_, r) => (
            <Flex vertical>
              <Typography.Text strong={r.level === "province"}>{unitName(r)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {`${r.year} · ${r.titleLabel}`}
              </Typography.Text>
              <Typography.Text style={{ fontSize: 12 }}>
                {`${t("openData.recognized")} ${number(r.recognized)}/${number(r.total)}${r.rate === null ? "" : ` (${rate(r.rate)}%)`}`}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        {
          key: "unit",
          title: t("openData.unit"),
          render: (_, r) => <Typography.Text strong={r.level === "province"}>{unitName(r)}</Typography.Text>,
        },
        { key: "year", title: t("openData.year"), dataIndex: "year" },
        { key: "title", title: t("openData.titleField"), dataIndex: "titleLabel" },
        ...figures,
        { key: "communes", title: t("openData.communes"), align: "right", dataIndex: "communes" },
      ];

  return (
    <PublicFrame maxWidth={1100} testId="open-data-page">
      <PageTitle>{t("openData.title")}</PageTitle>
      <Typography.Paragraph>{t("openData.intro")}</Typography.Paragraph>
      <Card size="small">
        <Form layout="vertical">
          <Row gutter={8}>
            <Col xs={12} md={5}>
              <Form.Item label={t("openData.year")} htmlFor="open-data-year" style={{ marginBottom: 8 }}>
                <Select<number | "">
                  id="open-data-year"
                  value={query.year ?? ""}
                  onChange={(year) => setQuery((q) => ({ ...q, year: year === "" ? undefined : year }))}
                  options={[
                    { value: "", label: t("openData.allYears") },
                    ...(data?.years ?? []).map((y) => ({ value: y, label: String(y) })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                label={t("openData.titleField")}
                htmlFor="open-data-title"
                style={{ marginBottom: 8 }}
              >
                <Select<RecognitionTitle | "">
                  id="open-data-title"
                  value={query.title ?? ""}
                  onChange={(title) => setQuery((q) => ({ ...q, title: title === "" ? undefined : title }))}
                  options={[
                    { value: "", label: t("openData.allTitles") },
                    ...recognitionTitles.map((value) => ({ value, label: t(`title.${value}`) })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={11}>
              <Form.Item
                label={t("openData.province")}
                htmlFor="open-data-province"
                style={{ marginBottom: 8 }}
              >
                <Select<string>
                  id="open-data-province"
                  showSearch
                  optionFilterProp="label"
                  value={query.province ?? ""}
                  onChange={(province) => setQuery((q) => ({ ...q, province: province || undefined }))}
                  options={[
                    { value: "", label: t("openData.allProvinces") },
                    ...(data?.provinces ?? []).map((p) => ({ value: p.code, label: p.name })),
                  ]}
                  data-testid="open-data-province"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Flex wrap gap={8}>
          <Button href={listsApi.openDataUrl("csv", query)}>{t("openData.csv")}</Button>
          <Button href={listsApi.openDataUrl("json", query)} target="_blank" rel="noopener">
            {t("openData.json")}
          </Button>
        </Flex>
      </Card>
      {state?.error && <Alert type="error" showIcon title={state.error} />}
      {!state && <PageLoading />}
      {data && (
        <Table<OpenDataRow>
          size="small"
          rowKey={(r) => `${r.level}-${r.provinceCode}-${r.communeCode}-${r.year}-${r.title}`}
          columns={columns}
          dataSource={data.rows}
          pagination={data.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          scroll={compact ? undefined : { x: "max-content" }}
          locale={{ emptyText: t("openData.empty") }}
          data-testid="open-data-table"
        />
      )}
      {data && (
        <Card size="small" title={t("openData.definitions")}>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {Object.entries(data.definitions).map(([key, text]) => (
              <li key={key}>{text}</li>
            ))}
          </ul>
        </Card>
      )}
    </PublicFrame>
  );
}
