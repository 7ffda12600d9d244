/**
 * The year's end: its books as workbooks (sổ quỹ tiền mặt, sổ tiền gửi), closing the year (keepers; nothing is
 * posted into it afterwards, its balances sealed with the chain head) and publishing its disclosure (approvers, once
 * closed; a frozen snapshot anyone can read), with the public page, its JSON and CSV.
 */
import { FileExcelOutlined, GlobalOutlined, LockOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, Popconfirm, Typography } from "antd";
import { useState } from "react";
import { allows } from "../../../shared/capabilities";
import { fundApi, fundFiles } from "../../api/fund";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { useT } from "../../i18n/messages";
import { Link, paths } from "../../router";
import { RoleNote, WhyNot } from "../Capability";
import { assetAccounts, type FundContext } from "./common";

export function FundYear({ context }: { context: FundContext }) {
  const t = useT();
  const { fund, year, can } = context;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const closed = fund.closedYears.find((p) => p.year === year);
  const thisYear = new Date().getFullYear();
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      context.changed();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const whyClose = closed ? t("fund.why.closedAlready") : year > thisYear ? t("fund.why.yearAhead") : null;
  const whyPublish = !closed
    ? t("fund.why.closeFirst")
    : closed.publishedAt
      ? t("fund.why.publishedAlready", { when: formatDateTime(closed.publishedAt) })
      : null;

  return (
    <Flex vertical gap={12} data-testid="fund-year-panel">
      <Card size="small" title={t("fund.books", { year })}>
        <Flex vertical gap={6}>
          {assetAccounts(fund).map((a) => (
            <a key={a.id} href={fundFiles.book(fund, a.id, year)} data-testid={`book-${a.kind}`}>
              <FileExcelOutlined /> {t(`fund.book.${a.kind}`)}: {a.name}
            </a>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t("fund.closeYearTitle", { year })}>
        <Flex vertical gap={8} align="flex-start">
          {closed ? (
            <Descriptions
              size="small"
              column={1}
              data-testid="fund-year-closed"
              items={[
                {
                  key: "by",
                  label: t("fund.closedAt"),
                  children: `${closed.closedBy} · ${formatDateTime(closed.closedAt)}`,
                },
                {
                  key: "head",
                  label: t("fund.chainHead"),
                  children: (
                    <Typography.Text code copyable style={{ wordBreak: "break-all" }}>
                      {closed.headHash || "—"}
                    </Typography.Text>
                  ),
                },
                {
                  key: "seal",
                  label: t("fund.seal"),
                  children: (
                    <Typography.Text code copyable style={{ wordBreak: "break-all" }}>
                      {closed.seal}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">{t("fund.yearOpen")}</Typography.Text>
          )}
          {allows(can, "fund.keep") && (
            <WhyNot reason={whyClose} testId="fund-close-why">
              <Popconfirm
                title={t("fund.closeConfirm", { year })}
                description={year === thisYear ? t("fund.closeThisYear") : undefined}
                okText={t("fund.closeYear")}
                cancelText={t("common.cancel")}
                onConfirm={() => act(() => fundApi.closeYear(fund, year))}
                disabled={whyClose !== null}
              >
                <Button
                  icon={<LockOutlined />}
                  loading={busy}
                  disabled={whyClose !== null}
                  data-testid="fund-close"
                >
                  {t("fund.closeYear")}
                </Button>
              </Popconfirm>
            </WhyNot>
          )}
        </Flex>
      </Card>
      <Card size="small" title={t("fund.disclosureTitle", { year })}>
        <Flex vertical gap={8} align="flex-start">
          {allows(can, "fund.approve") ? (
            <WhyNot reason={whyPublish} testId="fund-publish-why">
              <Popconfirm
                title={t("fund.publishConfirm", { year })}
                description={t("fund.publishFrozen")}
                okText={t("fund.publish")}
                cancelText={t("common.cancel")}
                onConfirm={() => act(() => fundApi.publish(fund, year))}
                disabled={whyPublish !== null}
              >
                <Button
                  type="primary"
                  icon={<GlobalOutlined />}
                  loading={busy}
                  disabled={whyPublish !== null}
                  data-testid="fund-publish"
                >
                  {t("fund.publish")}
                </Button>
              </Popconfirm>
            </WhyNot>
          ) : (
            <RoleNote action="fund.approve" can={can} unit={context.place} />
          )}
          {closed?.publishedAt && (
            <Flex gap={12} wrap data-testid="fund-disclosure-links">
              <Link to={paths.disclosure(fund.id, year, fund.unit.id)} data-testid="fund-disclosure-page">
                <GlobalOutlined /> {t("fund.disclosurePage")}
              </Link>
              <a
                href={fundFiles.disclosureJson(fund.id, year, fund.unit.id)}
                target="_blank"
                rel="noreferrer"
              >
                JSON
              </a>
              <a href={fundFiles.disclosureCsv(fund.id, year, fund.unit.id)}>CSV</a>
            </Flex>
          )}
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="fund-year-error" />}
    </Flex>
  );
}
