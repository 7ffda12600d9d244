/**
 * A province's choice of where its report's title figures come from (docs/REPORTS.md, "Nguồn số liệu của báo cáo
 * tỉnh"): the accepted commune reports' snapshots, or the live statistics. Kept in the draft by the page.
 */
import { Flex, Segmented, Typography } from "antd";
import type { ReportSource } from "../../../shared/reports";
import { useT } from "../../i18n/messages";

export function SourceChoice(props: {
  value: ReportSource;
  onChange: (source: ReportSource) => void;
  disabled: boolean;
}) {
  const t = useT();
  return (
    <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
      <Typography.Text id="report-source-label">{t("report.source")}:</Typography.Text>
      <Segmented<ReportSource>
        aria-labelledby="report-source-label"
        value={props.value}
        onChange={props.onChange}
        disabled={props.disabled}
        options={[
          { value: "accepted", label: t("report.sourceAccepted") },
          { value: "live", label: t("report.sourceLive") },
        ]}
        data-testid="report-source"
      />
    </Flex>
  );
}
