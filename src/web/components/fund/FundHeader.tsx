/** The fund's heading: its name, keeper, mode and licence, approval threshold, and the chain head with a check. */
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, Tag, Typography } from "antd";
import { useState } from "react";
import type { VerifyResult } from "../../../shared/fund";
import { fundApi } from "../../api/fund";
import { errorText } from "../../errors";
import { formatDate, formatMoney } from "../../format";
import { useT } from "../../i18n/messages";
import { PageTitle } from "../PageTitle";
import type { FundContext } from "./common";

export function FundHeader({ context }: { context: FundContext }) {
  const t = useT();
  const { fund } = context;
  const [check, setCheck] = useState<{ result?: VerifyResult; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    try {
      setCheck({ result: await fundApi.verify(fund) });
    } catch (err) {
      setCheck({ error: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <PageTitle data-testid="fund-title">{fund.name}</PageTitle>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "owner", label: t("fund.ownerKind"), children: fund.ownerName },
            {
              key: "mode",
              label: t("fund.mode"),
              children: (
                <Flex vertical>
                  <Tag style={{ width: "fit-content" }}>{t(`fund.mode.${fund.mode}`)}</Tag>
                  {fund.mode === "licensed" && (
                    <span>
                      {t("fund.licence", {
                        number: fund.licenceNumber ?? "",
                        date: formatDate(fund.licenceDate),
                      })}
                    </span>
                  )}
                </Flex>
              ),
            },
            { key: "unit", label: t("fund.unit"), children: fund.unit.name },
            {
              key: "approvals",
              label: t("fund.twoApprovalsAbove"),
              children:
                fund.twoApprovalsAbove === null ? t("fund.oneApproval") : formatMoney(fund.twoApprovalsAbove),
            },
            {
              key: "chain",
              label: t("fund.chainHead"),
              children: (
                <Flex vertical style={{ minWidth: 0 }}>
                  <span data-testid="fund-chain-seq">
                    {t("fund.chainSeq", { seq: fund.chain.seq })}
                    {fund.chain.lastPostedOn ? ` · ${formatDate(fund.chain.lastPostedOn)}` : ""}
                  </span>
                  {fund.chain.hash && (
                    <Typography.Text
                      code
                      copyable={{ text: fund.chain.hash }}
                      style={{ wordBreak: "break-all" }}
                      data-testid="fund-chain-hash"
                    >
                      {fund.chain.hash.slice(0, 16)}…
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
          ]}
        />
        <Flex gap={8} wrap align="center">
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={busy}
            onClick={verify}
            data-testid="fund-verify"
          >
            {t("fund.verify")}
          </Button>
          {check?.result && (
            <Alert
              type={check.result.broken ? "error" : "success"}
              showIcon
              data-testid="fund-verify-result"
              title={
                check.result.broken
                  ? t("fund.verifyBroken", {
                      seq: check.result.broken.seq,
                      reason: check.result.broken.reason,
                    })
                  : t("fund.verifyOk", {
                      transactions: check.result.transactions,
                      entries: check.result.entries,
                    })
              }
            />
          )}
          {check?.error && <Alert type="error" showIcon title={check.error} />}
        </Flex>
      </Flex>
    </Card>
  );
}
