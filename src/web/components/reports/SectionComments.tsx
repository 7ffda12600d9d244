/**
 * The level above's comments on one section of a report, under its heading: unhandled ones as warnings with "Đã xử
 * lý" for the unit that writes the report, handled ones with who marked them and when.
 */
import { Alert, Button, Flex, Typography } from "antd";
import type { ReportComment } from "../../api/report-review";
import { formatDateTime } from "../../format";
import { useT } from "../../i18n/messages";

export function SectionComments(props: {
  comments: readonly ReportComment[];
  section: string;
  /** Given to the unit that writes the report: the "Đã xử lý" button. */
  resolve?: (commentId: number) => void;
}) {
  const t = useT();
  const mine = props.comments.filter((c) => c.section === props.section);
  if (mine.length === 0) return null;
  return (
    <Flex vertical gap={6} data-testid={`comments-${props.section}`}>
      {mine.map((c) => (
        <Alert
          key={c.id}
          type={c.resolvedAt ? "success" : "warning"}
          showIcon
          data-testid={`comment-${c.id}`}
          title={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("report.commentBy", {
                author: c.authorName,
                time: formatDateTime(c.createdAt),
                version: c.version,
              })}
            </Typography.Text>
          }
          description={
            <Flex vertical gap={4} align="flex-start">
              <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{c.text}</Typography.Text>
              {c.resolvedAt ? (
                <Typography.Text type="success" style={{ fontSize: 12 }}>
                  {t("report.resolvedBy", { name: c.resolvedBy ?? "", time: formatDateTime(c.resolvedAt) })}
                </Typography.Text>
              ) : (
                props.resolve && (
                  <Button size="small" onClick={() => props.resolve?.(c.id)} data-testid={`resolve-${c.id}`}>
                    {t("report.resolve")}
                  </Button>
                )
              )}
            </Flex>
          }
        />
      ))}
    </Flex>
  );
}
