/**
 * What "Làm mới số liệu" found: on the draft's first refresh, that there is nothing earlier to compare; otherwise the
 * figure lines (sentences, table rows) that changed since the previous refresh, grouped by section, "trước → nay".
 */
import { Alert, Flex, Typography } from "antd";
import type { RefreshResult } from "../../api/report-review";
import { formatDateTime } from "../../format";
import { useT } from "../../i18n/messages";

export function RefreshChanges({ refreshed }: { refreshed: RefreshResult | null }) {
  const t = useT();
  if (!refreshed) return null;
  const { changes, previousAt } = refreshed;
  if (changes === null || previousAt === null)
    return <Alert type="info" showIcon title={t("report.refreshFirst")} data-testid="refresh-changes" />;
  const time = formatDateTime(previousAt);
  if (changes.length === 0)
    return (
      <Alert
        type="success"
        showIcon
        title={t("report.refreshSame", { time })}
        data-testid="refresh-changes"
      />
    );
  const sections = [...new Set(changes.map((c) => c.heading))];
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="refresh-changes"
      title={t("report.refreshChanged", { count: changes.length, time })}
      description={
        <Flex vertical gap={8}>
          {sections.map((heading) => (
            <Flex vertical gap={2} key={heading}>
              <Typography.Text strong>{heading}</Typography.Text>
              {changes
                .filter((c) => c.heading === heading)
                .map((c) => (
                  <Typography.Text key={`${c.before}→${c.after}`}>
                    <del>{c.before || "—"}</del> → {c.after || "—"}
                  </Typography.Text>
                ))}
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}
