/**
 * The learning-promotion fund of the demo ward Tây Hồ, kept since 2021 (demo-fund-plan.ts), through the product's
 * own services as the people who keep it: the ward officer adds the donors to the list (the registry's `write`);
 * the Hội's treasurer (thủ quỹ) creates the fund, writes the receipts, moves cash, corrects a mistake with a
 * reversing entry, pays the approved awards and closes each past year; the Hội's accountant (kế toán) proposes the
 * awards; the ward's approver approves them and publishes each closed year. The proposer, the approver and the
 * payer are three people, as the ledger requires, and the voucher shows the payer as the treasurer. The last full
 * year has the Hội's scholarship ceremony: an award round whose list the accountant imports from a sheet, approved
 * by the ward's approver and the Hội's chair (its total is above the fund's threshold), paid by the treasurer.
 *
 * The ward officer also keeps the list of beneficiaries (demo-fund-beneficiaries.ts); a proposal for a pupil or a
 * teacher on it names them from the list.
 *
 * One transaction for the donors, the beneficiaries and the fund, then one per year, in the ledger's date order.
 */
import { fundCreate, receiptCreate, reversalCreate, transferCreate } from "../../shared/fund";
import { awardRoundCreate, schoolYearText } from "../../shared/fund-award";
import { disbursementCreate } from "../../shared/fund-disbursement";
import { donors as donorKind } from "../../shared/registry/kinds";
import { registrySchemas } from "../../shared/registry/schemas";
import type { Db } from "../db/connection";
import { importAwardRecipients } from "../modules/fund/award-import";
import { approveAwardRound, createAwardRound, payAwardRound } from "../modules/fund/award-rounds.service";
import { closeYear } from "../modules/fund/books.close";
import { recordReceipt } from "../modules/fund/books.receipts";
import { recordTransfer, reverseTransaction } from "../modules/fund/books.transactions";
import {
  approveDisbursement,
  payDisbursement,
  proposeDisbursement,
} from "../modules/fund/disbursements.service";
import { publishDisclosure } from "../modules/fund/disclosure.service";
import { createFund } from "../modules/fund/funds.service";
import { createItem } from "../registry/service";
import { demoDonorConsents } from "./demo-consent";
import { type CeremonyRecipient, ceremonyRecipients } from "./demo-fund-awards";
import { addListed, listedFor, listedPlan } from "./demo-fund-beneficiaries";
import { type AssetKey, type Award, type FundStep, fundPlan, type PurposeKey } from "./demo-fund-plan";
import { actorOf } from "./demo-history";
import { hash } from "./demo-names";
import { communeId } from "./demo-territory";

/** Who keeps the demo fund (demo users of demo.ts, loaded with the history only). */
export const demoFundPeople = {
  officer: "tayho",
  treasurer: "thuquy.tayho",
  accountant: "ketoan.tayho",
  approver: "tayho.duyet",
  chair: "hkh.tayho",
} as const;
export const demoFundName = "Quỹ Khuyến học phường Tây Hồ";

/** Eight of the ward's families (their heads, as on the household list) and its clans, read as the owner. */
async function wardPeople(db: Db, ward: number) {
  const homes = await db
    .selectFrom("households as h")
    .innerJoin("admin_units as v", "v.id", "h.village_id")
    .select(["h.code", "h.head_name", "h.address", "v.name as village"])
    .where("h.commune_id", "=", ward)
    .where("h.archived_at", "is", null)
    .orderBy("h.code")
    .execute();
  const families = homes
    .sort((a, b) => hash(`fund:${a.code}`) - hash(`fund:${b.code}`))
    .slice(0, 8)
    .map((h) => ({ name: h.head_name, address: [h.address, h.village].filter(Boolean).join(", ") }));
  const clans = await db
    .selectFrom("clans")
    .select(["name", "head_name"])
    .where("commune_id", "=", ward)
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
  const ceremonyHomes = homes
    .sort((a, b) => hash(`ceremony:${a.code}`) - hash(`ceremony:${b.code}`))
    .slice(0, 12)
    .map((h) => ({ code: h.code, village: h.village }));
  return {
    families,
    clans: clans.map((c) => ({ name: c.name, headName: c.head_name ?? "" })),
    homes: ceremonyHomes,
  };
}

export async function loadDemoFund(db: Db, options: { today: string; log: (line: string) => void }) {
  const started = performance.now();
  const ward = await communeId(db, "00103", false);
  const [officer, treasurer, accountant, approver, chair] = await Promise.all(
    [
      demoFundPeople.officer,
      demoFundPeople.treasurer,
      demoFundPeople.accountant,
      demoFundPeople.approver,
      demoFundPeople.chair,
    ].map((u) => actorOf(db, u)),
  );
  const people = await wardPeople(db, ward);
  const plan = fundPlan({ today: options.today, ...people });
  const listed = listedPlan(plan, options.today, people.homes);
  let listedIds = new Map<string, number>();
  const donorIds = new Map<string, number>();
  const donorInput = registrySchemas(donorKind).input;
  const fund = await db.transaction().execute(async (tx) => {
    for (const d of plan.donors) {
      const body = donorInput.parse({
        communeId: ward,
        name: d.name,
        kind: d.kind,
        address: d.address,
        phone: d.phone,
      });
      donorIds.set(d.key, (await createItem(tx, officer!, donorKind, body)).id);
    }
    await demoDonorConsents(tx, officer!, plan.donors, donorIds, options.today);
    listedIds = await addListed(tx, officer!, ward, listed);
    return createFund(
      tx,
      treasurer!,
      fundCreate.parse({
        unitId: ward,
        name: demoFundName,
        ownerKind: "association",
        ownerName: "Hội Khuyến học phường Tây Hồ",
        mode: "association",
        twoApprovalsAbove: 10_000_000,
        accounts: [
          { kind: "cash", name: "Tiền mặt" },
          {
            kind: "bank",
            name: "Tiền gửi ngân hàng",
            bankName: "Ngân hàng Nông nghiệp và Phát triển Nông thôn, chi nhánh Tây Hồ",
            accountNumber: "1400205123456",
          },
        ],
        purposes: [
          { kind: "unrestricted", name: "Quỹ chung (không hạn định mục đích)" },
          {
            kind: "restricted",
            name: "Học bổng học sinh nghèo vượt khó",
            condition:
              "Chỉ chi học bổng cho học sinh có hoàn cảnh khó khăn, học lực khá trở lên, do nhà trường và tổ dân phố đề nghị",
          },
        ],
      }),
    );
  });
  const account = (kind: AssetKey | PurposeKey) =>
    fund.accounts.find(
      (a) =>
        a.kind === { cash: "cash", bank: "bank", general: "unrestricted", scholarship: "restricted" }[kind],
    )!.id;
  const tally = { receipts: 0, reversals: 0, paid: 0, published: 0, awarded: 0, listed: 0 };
  const receiptsByLabel = new Map<string, number>();

  // A pupil or teacher on the list is named by id (the proposal copies the rest), anyone else typed in.
  const propose = (tx: Db, purpose: PurposeKey, reason: string, a: Award) => {
    const beneficiaryId = listedFor(listedIds, a);
    if (beneficiaryId) tally.listed++;
    return proposeDisbursement(
      tx,
      accountant!,
      fund.id,
      disbursementCreate.parse({
        amount: a.amount,
        assetAccountId: account(a.asset),
        purposeAccountId: account(purpose),
        ...(beneficiaryId
          ? { beneficiaryId }
          : {
              beneficiaryKind: a.kind,
              beneficiaryName: a.name,
              beneficiaryMinor: a.minor,
              beneficiarySchool: a.school,
              beneficiaryClass: a.class,
            }),
        recipientName: a.recipientName,
        reason: a.reason ?? reason,
      }),
    );
  };

  const run = async (tx: Db, s: FundStep) => {
    switch (s.step) {
      case "receipt": {
        const donor =
          "key" in s.donor
            ? { donorId: donorIds.get(s.donor.key)! }
            : { donorName: s.donor.name, donorKind: s.donor.kind };
        const made = await recordReceipt(
          tx,
          treasurer!,
          fund.id,
          receiptCreate.parse({
            receivedOn: s.on,
            ...donor,
            anonymous: s.anonymous,
            reason: s.reason,
            amount: s.amount,
            assetAccountId: account(s.asset),
            purposeAccountId: account(s.purpose),
          }),
        );
        if (s.label) receiptsByLabel.set(s.label, made.transactionId);
        tally.receipts++;
        return;
      }
      case "reversal": {
        const input = reversalCreate.parse({ postedOn: s.on, reason: s.reason });
        await reverseTransaction(tx, treasurer!, fund.id, receiptsByLabel.get(s.label)!, input);
        tally.reversals++;
        return;
      }
      case "transfer":
        await recordTransfer(
          tx,
          treasurer!,
          fund.id,
          transferCreate.parse({
            postedOn: s.on,
            fromAccountId: account(s.from),
            toAccountId: account(s.to),
            amount: s.amount,
            description: s.description,
          }),
        );
        return;
      case "round":
        for (const award of s.awards) {
          const proposed = await propose(tx, s.purpose, s.reason, award);
          await approveDisbursement(tx, approver!, fund.id, proposed.id);
          await payDisbursement(tx, treasurer!, fund.id, proposed.id, s.on);
          tally.paid++;
        }
        return;
      case "award": {
        const round = await createAwardRound(
          tx,
          accountant!,
          fund.id,
          awardRoundCreate.parse({
            name: s.name,
            schoolYear: `${s.schoolYear}–${s.schoolYear + 1}`,
            decisionNumber: s.decisionNumber,
            decisionDate: s.decisionDate,
            signerName: s.signerName,
            purposeAccountId: account(s.purpose),
            assetAccountId: account("cash"),
          }),
        );
        const file = {
          bytes: new TextEncoder().encode(ceremonySheet(s.recipients)),
          name: "danh-sach-hoc-bong.csv",
        };
        const report = await importAwardRecipients(tx, accountant!, fund.id, round.id, file, false);
        if (report.errors.length > 0)
          throw new Error(`demo award round: ${JSON.stringify(report.errors[0])}`);
        const approved = await approveAwardRound(tx, approver!, fund.id, round.id);
        if (approved.state !== "approved") await approveAwardRound(tx, chair!, fund.id, round.id);
        await payAwardRound(tx, treasurer!, fund.id, round.id, s.on);
        tally.awarded += report.created;
        return;
      }
      case "pending":
        await propose(tx, s.purpose, s.reason, s.award);
        return;
      case "close":
        await closeYear(tx, treasurer!, fund.id, s.year);
        return;
      case "publish":
        await publishDisclosure(tx, approver!, fund.id, s.year);
        tally.published++;
        return;
    }
  };

  for (const { steps } of plan.years)
    await db.transaction().execute(async (tx) => {
      for (const s of steps) await run(tx, s);
    });
  // Today's work: this school year's first-term prizes, the list imported, waiting for an approver.
  const schoolYear = Number(options.today.slice(0, 4)) - (options.today.slice(5, 7) >= "09" ? 0 : 1);
  await db.transaction().execute(async (tx) => {
    const round = await createAwardRound(
      tx,
      accountant!,
      fund.id,
      awardRoundCreate.parse({
        name: `Khen thưởng học sinh giỏi học kỳ I năm học ${schoolYearText(schoolYear)}`,
        schoolYear: schoolYearText(schoolYear),
        purposeAccountId: account("scholarship"),
        assetAccountId: account("cash"),
      }),
    );
    const taken = new Set(plan.donors.map((d) => d.name));
    const prizes = ceremonyRecipients(taken, schoolYear + 1, people.homes)
      .slice(0, 12)
      .map((r) => ({ ...r, amount: 300_000 }));
    const file = { bytes: new TextEncoder().encode(ceremonySheet(prizes)), name: "khen-thuong-hk1.csv" };
    const report = await importAwardRecipients(tx, accountant!, fund.id, round.id, file, false);
    if (report.errors.length > 0) throw new Error(`demo draft round: ${JSON.stringify(report.errors[0])}`);
  });
  options.log(
    `  ${demoFundName}: ${plan.donors.length} nhà hảo tâm, ${listed.length} người nhận trong danh sách (${tally.listed} khoản chi chọn từ danh sách), ${tally.receipts} phiếu thu (${tally.reversals} bút toán đảo), ${tally.paid} phiếu chi, ${tally.awarded} suất học bổng trong đợt trao, ${tally.published} năm đã công khai (${Math.round(performance.now() - started)} ms)`,
  );
}

/** The ceremony's list as the Hội's accountant keeps it: a CSV with the sheet's headers. */
function ceremonySheet(recipients: CeremonyRecipient[]): string {
  const rows = recipients.map((r) =>
    [r.name, r.sex, r.birthYear, r.school, r.class, r.household ?? "", r.village ?? "", r.amount].join(","),
  );
  return ['Họ và tên,Giới tính,Năm sinh,Trường,Lớp,Mã hộ,"Thôn, tổ dân phố",Số tiền', ...rows].join("\n");
}
