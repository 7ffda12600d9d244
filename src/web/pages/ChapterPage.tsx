/**
 * A chapter of the Hội Khuyến học: its executive committee (edited by those who may), its members today, and its
 * dues for a year — who paid and who did not, with "Thu" on each unpaid member (the chapter's amount, today), the
 * totals and the XLSX list. Built for a chapter secretary on a phone: one column of cards, the tables folding to
 * name and status at 360 px. The address may name the chapter's commune (`?xa=`, as the links to it do): the chapter
 * is then asked for in that commune alone, and every call after it names the commune the chapter was found in
 * (docs/SCALE-OUT.md); an older link with the id alone still opens it.
 */
import { FileExcelOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, InputNumber, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { DuesList, Officer } from "../../shared/association";
import type { Chapter } from "../../shared/registry/kinds";
import { associationApi } from "../api/association";
import { ApiRequestError, api } from "../api/client";
import { ChapterMembersCard } from "../components/association/ChapterMembersCard";
import { CommitteeCard } from "../components/association/CommitteeCard";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { formatDate, todayIso } from "../format";
import { useT } from "../i18n/messages";
import { communeIn, Link, useLocation } from "../router";
import { useMe } from "../session";

type Loaded = {
  chapter: Chapter;
  officers: Officer[];
  dues: DuesList | null;
  canEdit: boolean;
  /** Why the committee, members and dues are not shown (403), or null. */
  hidden: string | null;
};

export default function ChapterPage({ id }: { id: number }) {
  const t = useT();
  const compact = useCompact();
  const [year, setYear] = useState(new Date().getFullYear());
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const me = useMe();
  const communeId = communeIn(useLocation().search);
  // The committee is set by the Hội on the chapter's unit or by the chapter's own secretary (as the API decides).
  const secretary = me.grants.some((g) => g.role === "chapter_secretary" && g.chapter?.id === id);

  const load = useCallback(async () => {
    try {
      const chapter = await associationApi.chapter(id, communeId);
      try {
        const [committee, dues] = await Promise.all([
          associationApi.committee(chapter),
          associationApi.dues(chapter, year),
        ]);
        const unit = await api.unit(chapter.unit.id);
        const canEdit = secretary || unit.can.association;
        setData({ chapter, officers: committee.officers, dues, canEdit, hidden: null });
        setAmount(dues.amount);
      } catch (e) {
        // A reader of the territory who may not read the Hội's members (a government clerk): the chapter, and why
        // nothing more.
        if (!(e instanceof ApiRequestError && e.status === 403)) throw e;
        setData({ chapter, officers: [], dues: null, canEdit: false, hidden: e.message });
      }
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  }, [id, communeId, year, t, secretary]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      await load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (!data && !error) return <PageLoading />;
  const dues = data?.dues;
  // The chapter as found: its commune names it on the calls below (the dues list's members are of it too).
  const chapter = data?.chapter;
  return (
    <Flex vertical gap={16}>
      <Link to="/chi-hoi">← {t("chapter.back")}</Link>
      {data && <PageTitle data-testid="chapter-title">{data.chapter.name}</PageTitle>}
      {error && <Alert type="error" showIcon title={error} data-testid="chapter-error" />}
      {data?.hidden && <Alert type="info" showIcon title={data.hidden} data-testid="chapter-hidden" />}
      {data && !data.hidden && (
        <CommitteeCard
          chapter={data.chapter}
          officers={data.officers}
          canEdit={data.canEdit}
          onSaved={() => {
            void load();
            setVersion((v) => v + 1);
          }}
        />
      )}
      {data && !data.hidden && <ChapterMembersCard chapter={data.chapter} version={version} />}
      {dues && chapter && (
        <Card
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              {t("chapter.dues")}
              <InputNumber
                aria-label={t("chapter.dues")}
                value={year}
                min={1990}
                max={2100}
                onChange={(v) => v && setYear(v)}
                style={{ width: 96 }}
                data-testid="dues-year"
              />
            </Flex>
          }
        >
          <Flex vertical gap={12}>
            <Flex gap={8} align="center" wrap>
              <span>{t("chapter.duesAmount")}</span>
              <InputNumber
                aria-label={t("chapter.duesAmount")}
                value={amount}
                min={0}
                step={10000}
                onChange={(v) => setAmount(v)}
                style={{ width: 140 }}
                data-testid="dues-amount"
              />
              <Button
                disabled={busy || amount === null}
                onClick={() => amount !== null && run(() => associationApi.setDues(chapter, year, amount))}
                data-testid="dues-set-amount"
              >
                {t("chapter.setAmount")}
              </Button>
            </Flex>
            {dues.amount === null && <Alert type="info" showIcon title={t("chapter.noAmount")} />}
            <Typography.Text strong data-testid="dues-totals">
              {t("chapter.totals", {
                paid: dues.totals.paid,
                members: dues.totals.members,
                collected: dues.totals.collected.toLocaleString("vi-VN"),
              })}
            </Typography.Text>
            <Table
              size="small"
              rowKey="memberId"
              pagination={false}
              dataSource={dues.members}
              data-testid="dues-list"
              columns={[
                ...(compact ? [] : [{ title: t("chapter.memberNumber"), dataIndex: "memberNumber" }]),
                { title: t("chapter.fullName"), dataIndex: "fullName" },
                {
                  title: t("chapter.status"),
                  key: "status",
                  render: (_, m) =>
                    m.paid > 0 ? (
                      <Flex vertical>
                        <Tag color="green" data-testid="dues-paid">
                          {t("chapter.paid")} {m.paid.toLocaleString("vi-VN")}
                        </Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDate(m.paidOn)}
                        </Typography.Text>
                      </Flex>
                    ) : (
                      <Flex gap={8} align="center" wrap>
                        <Tag data-testid="dues-unpaid">{t("chapter.unpaid")}</Tag>
                        <Button
                          size="small"
                          type="primary"
                          disabled={busy || dues.amount === null}
                          data-testid={`dues-pay-${m.memberNumber}`}
                          onClick={() =>
                            run(() =>
                              associationApi.payDues(
                                { id: m.memberId, communeId: chapter.communeId },
                                { year, paidOn: todayIso() },
                              ),
                            )
                          }
                        >
                          {t("chapter.pay")}
                        </Button>
                      </Flex>
                    ),
                },
              ]}
            />
            <a href={associationApi.duesXlsxUrl(chapter, year)} data-testid="dues-xlsx">
              <FileExcelOutlined /> {t("chapter.download")}
            </a>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
