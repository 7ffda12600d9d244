/**
 * The report's sections on /bao-cao, under the title: per section its heading, the level above's comments, the
 * prompt, the text box and the live figures (sentences, tables and notes computed by the server, or why a figure
 * failed).
 */
import { Alert, Card, Flex, Input, Table, Tag, Typography } from "antd";
import type { BlockResult } from "../../../shared/reports";
import type { ReportComment } from "../../api/report-review";
import type { ReportPreview } from "../../api/reports";
import { useT } from "../../i18n/messages";
import { SectionComments } from "./SectionComments";

function Block({ block }: { block: BlockResult }) {
  const t = useT();
  if (!block.ok)
    return <Alert type="warning" showIcon title={t("report.blockFailed")} description={block.reason} />;
  const columns = (block.table?.columns ?? []).map((c, i) => ({
    key: String(i),
    title: c.title,
    align: c.align,
    render: (_: unknown, row: { cells: string[]; bold?: boolean }) =>
      row.bold ? <strong>{row.cells[i]}</strong> : row.cells[i],
  }));
  return (
    <Flex vertical gap={6} data-testid={`block-${block.id}`}>
      {block.sentences.map((s) => (
        <Typography.Paragraph key={s} style={{ margin: 0 }}>
          {s}
        </Typography.Paragraph>
      ))}
      {block.table && (
        <Table
          size="small"
          bordered
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={columns}
          dataSource={block.table.rows.map((row, i) => ({ ...row, key: i }))}
        />
      )}
      {block.notes.map((note) => (
        <Typography.Text key={note} type="secondary" italic>
          {note}
        </Typography.Text>
      ))}
    </Flex>
  );
}

export function ReportSections(props: {
  preview: ReportPreview;
  comments: readonly ReportComment[];
  /** Given to the unit that writes the report: the "Đã xử lý" button of a comment. */
  resolve?: (commentId: number) => void;
  narratives: Record<string, string>;
  /** A section's text as typed. */
  onChange: (section: string, text: string) => void;
  /** Leaving a text box. */
  onBlur: () => void;
  editable: boolean;
}) {
  const t = useT();
  const { preview, narratives, editable } = props;
  return (
    <Flex vertical gap={12} data-testid="report-sections">
      <Typography.Title level={2} style={{ margin: 0, fontSize: 18, textAlign: "center" }}>
        {preview.typeName}: {preview.summary}
      </Typography.Title>
      {preview.sections.map((section) => (
        <Card
          key={section.key}
          size="small"
          title={section.heading}
          extra={section.required ? <Tag color="orange">{t("report.required")}</Tag> : null}
          data-testid={`section-${section.key}`}
        >
          <Flex vertical gap={8}>
            <SectionComments comments={props.comments} section={section.key} resolve={props.resolve} />
            {section.prompt && <Typography.Text type="secondary">{section.prompt}</Typography.Text>}
            <Input.TextArea
              aria-label={`${t("report.narrative")}: ${section.heading}`}
              autoSize={{ minRows: 2, maxRows: 12 }}
              value={narratives[section.key] ?? ""}
              onChange={(e) => props.onChange(section.key, e.target.value)}
              onBlur={props.onBlur}
              readOnly={!editable}
              data-testid={`narrative-${section.key}`}
            />
            {section.blocks.map((block) => (
              <Block key={block.id} block={block} />
            ))}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
