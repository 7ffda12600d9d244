/**
 * One award round (đợt trao học bổng) of a fund: its decision, accounts, state and who made, listed, approved,
 * paid or cancelled it; the actions the caller's roles allow (AwardRoundActions); the danh sách ký nhận as XLSX
 * and PDF; while it is a draft nobody approved, the import of its list from a spreadsheet (a dry run first; a file
 * replaces the whole list); and the list itself.
 */
import { FileExcelOutlined, FilePdfOutlined } from "@ant-design/icons";
import { Alert, Card, Descriptions, Flex, Typography } from "antd";
import { useState } from "react";
import { allows } from "../../shared/capabilities";
import { type AwardImportReport, type AwardRoundDetail, awardApi, fundFiles } from "../api/fund";
import { FileImport } from "../components/FileImport";
import { AwardRecipients } from "../components/fund/AwardRecipients";
import { AwardRoundActions, awardReasons } from "../components/fund/AwardRoundActions";
import { AwardStateTag, decisionText } from "../components/fund/AwardRoundParts";
import { accountNames, type FundContext, useLoaded } from "../components/fund/common";
import { useFundContext } from "../components/fund/useFundContext";
import { LoadFailed, PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { formatDate, formatDateTime, formatMoney } from "../format";
import { useT } from "../i18n/messages";
import { communeIn, Link, paths, useLocation } from "../router";

/** The columns an import may convert from TCVN3 or VNI (award-cells.ts), as `converted` names them. */
const textColumns = ["fullName", "kind", "sex", "school", "class", "village", "commune", "note"] as const;
const isTextColumn = (key: string): key is (typeof textColumns)[number] =>
  (textColumns as readonly string[]).includes(key);

function RoundDetails({ context, round }: { context: FundContext; round: AwardRoundDetail }) {
  const t = useT();
  const names = accountNames(context.fund);
  const threshold = context.fund.twoApprovalsAbove;
  const who = (name: string | null, at: string | null) =>
    name ? `${name}, ${formatDateTime(at ?? "")}` : "—";
  const items = [
    { key: "year", label: t("award.schoolYear"), children: round.schoolYear },
    {
      key: "decision",
      label: t("award.decision"),
      children: decisionText(round, t) || t("award.noDecision"),
    },
    {
      key: "signer",
      label: t("award.signer"),
      children: [round.signerTitle, round.signerName].filter(Boolean).join(" "),
    },
    { key: "purpose", label: t("fund.purpose"), children: names.get(round.purposeAccountId) },
    { key: "asset", label: t("fund.payFrom"), children: names.get(round.assetAccountId) },
    {
      key: "total",
      label: t("award.total"),
      children: (
        <span data-testid="award-total">
          <strong>{formatMoney(round.total)}</strong> ·{" "}
          {t("award.count", { count: round.recipientCount, minors: round.minorCount })}
        </span>
      ),
    },
    {
      key: "approvals",
      label: t("award.approvalsNeeded"),
      children: (
        <span data-testid="award-approvals-needed">
          {round.approvalsNeeded === 2
            ? t("award.twoApprovers", { threshold: formatMoney(threshold ?? 0) })
            : threshold === null
              ? t("award.oneApprover")
              : t("award.oneApproverBelow", { threshold: formatMoney(threshold) })}
        </span>
      ),
    },
    { key: "proposed", label: t("award.proposedBy"), children: who(round.proposedBy, round.proposedAt) },
    { key: "list", label: t("award.listBy"), children: who(round.listBy, round.listAt) },
    {
      key: "approved",
      label: t("award.approvedBy"),
      children: (
        <Flex vertical data-testid="award-approvals">
          {round.approvals.length === 0
            ? t("award.noApprovals")
            : round.approvals.map((a) => <span key={a.userId}>{who(a.name, a.at)}</span>)}
        </Flex>
      ),
    },
  ];
  if (round.paidBy)
    items.push({
      key: "paid",
      label: t("award.paidBy"),
      children: (
        <span data-testid="award-paid">
          {t("award.paid", {
            who: round.paidBy,
            date: formatDate(round.paidOn),
            voucher: round.voucherNumber ?? "",
          })}
        </span>
      ),
    });
  if (round.closedBy)
    items.push({
      key: "cancelled",
      label: t("award.cancelledBy"),
      children: `${round.closedBy}: ${round.closedReason ?? ""}`,
    });
  if (round.listHash)
    items.push({
      key: "hash",
      label: t("award.listHash"),
      children: (
        <Typography.Text code copyable={{ text: round.listHash }} style={{ wordBreak: "break-all" }}>
          {round.listHash.slice(0, 16)}…
        </Typography.Text>
      ),
    });
  return <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />;
}

/** The import of the list: FileImport's dry run and report, with the list's total, minors and what it replaces. */
function RoundImport({ context, round }: { context: FundContext; round: AwardRoundDetail }) {
  const t = useT();
  const [report, setReport] = useState<AwardImportReport | null>(null);
  return (
    <Flex vertical gap={8}>
      <FileImport
        title={t("award.importTitle")}
        help={t("award.importHelp")}
        templateUrl={fundFiles.awardTemplate(context.fund)}
        upload={async (file, dryRun) => {
          setReport(null);
          const result = await awardApi.importFile(context.fund, round.id, file, dryRun);
          setReport(result);
          return result;
        }}
        onDone={context.changed}
        columnLabel={(key) => (isTextColumn(key) ? t(`award.column.${key}`) : key)}
        testId="award-import"
      />
      {report && report.errors.length === 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="award-import-summary"
          title={t(report.dryRun ? "award.importWould" : "award.importDid", {
            count: report.total,
            minors: report.minors,
            amount: formatMoney(report.amount),
          })}
          description={
            report.replaced > 0
              ? t(report.dryRun ? "award.importWillReplace" : "award.importReplaced", {
                  count: report.replaced,
                })
              : undefined
          }
        />
      )}
    </Flex>
  );
}

export default function AwardRoundPage({ fundId, roundId }: { fundId: number; roundId: number }) {
  const t = useT();
  const unitId = communeIn(useLocation().search);
  const { context, error, changed } = useFundContext(fundId, unitId, new Date().getFullYear());
  const loaded = useLoaded(`${fundId}-${roundId}-${context?.version ?? 0}`, () =>
    awardApi.get(fundId, context?.fund.unit.id ?? unitId, roundId),
  );
  const round = loaded.data;
  const problem = error ?? loaded.error;
  if (!problem && (!context || !round)) return <PageLoading />;
  const keeper = context ? allows(context.can, "fund.keep") : false;
  const draft = round?.state === "draft";
  const whyImport = round && context ? awardReasons(round, context.me.id, t).import : null;
  return (
    <Flex vertical gap={16} data-testid="award-round-page">
      <Link to={paths.fund(fundId, context?.fund.unit.id ?? unitId, { tab: "rounds" })}>
        ← {context?.fund.name ?? t("fund.title")}
      </Link>
      {problem && <LoadFailed message={problem} onRetry={changed} />}
      {context && round && (
        <>
          <Card size="small">
            <Flex vertical gap={8}>
              <Flex gap={8} wrap align="center">
                <PageTitle data-testid="award-title">{round.name}</PageTitle>
                <AwardStateTag round={round} />
              </Flex>
              <RoundDetails context={context} round={round} />
              <AwardRoundActions context={context} round={round} />
            </Flex>
          </Card>
          <Card size="small" title={t("award.signatureList")}>
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">{t("award.signatureListHint")}</Typography.Text>
              <Flex gap={16} wrap>
                <a
                  href={fundFiles.signatureList(context.fund, roundId, "xlsx")}
                  data-testid="award-signature-xlsx"
                >
                  <FileExcelOutlined /> {t("award.signatureXlsx")}
                </a>
                <a
                  href={fundFiles.signatureList(context.fund, roundId, "pdf")}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="award-signature-pdf"
                >
                  <FilePdfOutlined /> {t("award.signaturePdf")}
                </a>
                {round.state === "paid" && (
                  <a
                    href={fundFiles.roundVoucher(context.fund, roundId)}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="award-voucher-pdf"
                  >
                    <FilePdfOutlined /> {t("award.voucherPdf")}
                  </a>
                )}
              </Flex>
            </Flex>
          </Card>
          {draft &&
            keeper &&
            (whyImport ? (
              <Typography.Text type="secondary" data-testid="award-import-why">
                {whyImport}
              </Typography.Text>
            ) : (
              <RoundImport context={context} round={round} />
            ))}
          <Card size="small" title={t("award.recipientsTitle", { count: round.recipientCount })}>
            <Flex vertical gap={8}>
              {round.minorCount > 0 && (
                <Typography.Text type="secondary">{t("award.minorsHint")}</Typography.Text>
              )}
              <AwardRecipients recipients={round.recipients} />
            </Flex>
          </Card>
        </>
      )}
    </Flex>
  );
}
