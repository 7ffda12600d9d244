/**
 * What the list of award rounds and a round's page share: the state's tag (a draft half approved says so) and the
 * dialog that makes a round or edits one nobody has approved yet (its name, school year, decision and signer, the
 * purpose it is paid from and the account it is paid with).
 */
import { DatePicker, Flex, Form, Input, Select, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type AwardRound, awardApi } from "../../api/fund";
import { formatDate, todayIso } from "../../format";
import { type Translate, useT } from "../../i18n/messages";
import {
  ActionDialog,
  accountOptions,
  assetAccounts,
  type FundContext,
  isoOf,
  purposeAccounts,
} from "./common";

const stateColors: Record<AwardRound["state"], string> = {
  draft: "gold",
  approved: "blue",
  paid: "green",
  cancelled: "default",
};

export function AwardStateTag({ round }: { round: AwardRound }) {
  const t = useT();
  const approving = round.state === "draft" && round.approvals.length > 0;
  return (
    <Tag color={stateColors[round.state]} data-testid="award-state">
      {approving
        ? t("award.state.approving", { done: round.approvals.length, needed: round.approvalsNeeded })
        : t(`award.state.${round.state}`)}
    </Tag>
  );
}

/** "Số 15/QĐ-HKH ngày 01/09/2026", or "" without a number. */
export function decisionText(
  round: Pick<AwardRound, "decisionNumber" | "decisionDate">,
  t: Translate,
): string {
  if (!round.decisionNumber) return "";
  return round.decisionDate
    ? t("award.decisionDated", { number: round.decisionNumber, date: formatDate(round.decisionDate) })
    : t("award.decisionNumberOnly", { number: round.decisionNumber });
}

/** The school year a round made today most likely belongs to: from August on, the one starting this year. */
function currentSchoolYear(): string {
  const now = dayjs(todayIso());
  const first = now.month() >= 7 ? now.year() : now.year() - 1;
  return `${first}–${first + 1}`;
}

type Values = {
  name: string;
  schoolYear: string;
  decisionNumber?: string;
  decisionDate?: Dayjs | null;
  signerTitle?: string;
  signerName?: string;
  purposeAccountId: number;
  assetAccountId: number;
};

/** Makes a round (without `round`) or edits it. */
export function AwardRoundDialog({
  context,
  round,
  onClose,
  onSaved,
}: {
  context: FundContext;
  round?: AwardRound;
  onClose: () => void;
  onSaved?: (round: AwardRound) => void;
}) {
  const t = useT();
  const { fund } = context;
  const assets = assetAccounts(fund).filter((a) => a.kind !== "in_kind");
  const purposes = purposeAccounts(fund);
  const schoolYear = round?.schoolYear ?? currentSchoolYear();
  const initialValues: Partial<Values> = round
    ? {
        ...round,
        decisionNumber: round.decisionNumber ?? undefined,
        decisionDate: round.decisionDate ? dayjs(round.decisionDate) : null,
        signerName: round.signerName ?? undefined,
      }
    : {
        name: t("award.defaultName", { year: schoolYear }),
        schoolYear,
        signerTitle: t("award.defaultSignerTitle"),
        assetAccountId: assets[0]?.id,
        purposeAccountId: purposes.find((p) => p.kind === "restricted")?.id ?? purposes[0]?.id,
      };
  const submit = async (v: Values) => {
    const body = {
      ...v,
      decisionNumber: v.decisionNumber?.trim() || null,
      decisionDate: v.decisionDate ? isoOf(v.decisionDate) : null,
      signerTitle: v.signerTitle?.trim() || null,
      signerName: v.signerName?.trim() || null,
    };
    const saved = round
      ? (await awardApi.update(fund, round.id, { ...body, version: round.version })).awardRound
      : await awardApi.create(fund, body);
    onSaved?.(saved);
  };
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  const half = { flex: "1 1 160px" };
  return (
    <ActionDialog<Values>
      title={round ? t("award.editTitle") : t("award.create")}
      okText={round ? undefined : t("award.create")}
      done={round ? t("award.saved") : t("award.created")}
      context={context}
      testId="award-form"
      onClose={onClose}
      onSubmit={submit}
      initialValues={initialValues}
    >
      <Form.Item name="name" label={t("award.name")} rules={required("award.nameRequired")}>
        <Input maxLength={300} data-testid="award-name" />
      </Form.Item>
      <Form.Item
        name="schoolYear"
        label={t("award.schoolYear")}
        rules={required("award.schoolYearRequired")}
        extra={round && round.recipientCount > 0 ? t("award.schoolYearFrozen") : t("award.schoolYearHint")}
      >
        <Input maxLength={11} style={{ maxWidth: 160 }} data-testid="award-school-year" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="decisionNumber" label={t("award.decisionNumber")} style={half}>
          <Input
            maxLength={50}
            placeholder={t("award.decisionNumberPlaceholder")}
            data-testid="award-decision-number"
          />
        </Form.Item>
        <Form.Item name="decisionDate" label={t("award.decisionDate")} style={half}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} data-testid="award-decision-date" />
        </Form.Item>
      </Flex>
      <Flex gap={8} wrap>
        <Form.Item name="signerTitle" label={t("award.signerTitle")} style={half}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="signerName" label={t("award.signerName")} style={half}>
          <Input maxLength={200} data-testid="award-signer-name" />
        </Form.Item>
      </Flex>
      <Flex gap={8} wrap>
        <Form.Item
          name="purposeAccountId"
          label={t("fund.purpose")}
          style={half}
          rules={[{ required: true, message: t("fund.accountRequired") }]}
        >
          <Select<number> options={accountOptions(purposes)} data-testid="award-purpose" />
        </Form.Item>
        <Form.Item
          name="assetAccountId"
          label={t("fund.payFrom")}
          style={half}
          rules={[{ required: true, message: t("fund.accountRequired") }]}
        >
          <Select<number> options={accountOptions(assets)} data-testid="award-asset" />
        </Form.Item>
      </Flex>
    </ActionDialog>
  );
}
