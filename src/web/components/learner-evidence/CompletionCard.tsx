/** The public check of a class's completion certificate: name (none for a minor), class, centre, dates. */
import { Card, Descriptions, Result, Typography } from "antd";
import type { CompletionCheck } from "../../../shared/learner-evidence";
import { formatDate } from "../../format";
import { useT } from "../../i18n/messages";

export function CompletionCard({ check: c }: { check: CompletionCheck }) {
  const t = useT();
  const dates = c.endsOn ? `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}` : formatDate(c.startsOn);
  return (
    <Card>
      <Result
        style={{ padding: "8px 0" }}
        status={c.valid ? "success" : "error"}
        title={
          <span data-testid="certificate-verdict">{c.valid ? t("verify.valid") : t("verify.revoked")}</span>
        }
        subTitle={t("completion.title")}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: "holder",
            label: t("completion.holder"),
            children: (
              <strong data-testid="certificate-holder">{c.holderName ?? t("completion.minor")}</strong>
            ),
          },
          { key: "activity", label: t("completion.activity"), children: c.activity },
          { key: "centre", label: t("completion.centre"), children: c.centre },
          { key: "dates", label: t("completion.dates"), children: dates },
          {
            key: "code",
            label: t("verify.code"),
            children: <Typography.Text code>{c.code}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
