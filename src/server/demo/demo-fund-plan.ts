/**
 * What the demo ward's learning-promotion fund (quỹ khuyến học) went through, year by year from 2021: who gave and
 * when (families before Tết, businesses in spring and at the year's end, the clans on Ngày Khuyến học 2/10, two
 * donors who asked not to be named), the two award rounds of each school year (prizes for good pupils at the end
 * of the year, scholarships for poor pupils at its start), cash drawn from the bank before a round, a receipt typed
 * ten times too large and corrected by a reversing entry, and each past year closed and made public.
 *
 * Pure and seeded: the same plan on every machine, nothing dated after `today`. The plan keeps the balances the
 * ledger will keep, so that no round spends more than its purpose or the cash box holds (the ledger would refuse).
 */
import { formatDong } from "../modules/fund/money";
import {
  type AssetKey,
  type Award,
  amountIn,
  type CeremonyRecipient,
  ceremonyRecipients,
  hardshipAward,
  type PurposeKey,
  primarySchool,
  prizeRound,
  type SchoolPeople,
  scholarshipRound,
  schoolPeople,
} from "./demo-fund-awards";
import { hash, people, random } from "./demo-names";
import { firstDemoYear } from "./demo-plan";

export type { AssetKey, Award, PurposeKey };

export type DonorPlan = {
  key: string;
  name: string;
  kind: "person" | "organization";
  address: string | null;
  phone: string | null;
};

export type FundStep =
  | {
      step: "receipt";
      on: string;
      /** A donor of the registry (by key), or a giver named on the receipt only. */
      donor: { key: string } | { name: string; kind: "person" | "organization" };
      anonymous: boolean;
      amount: number;
      asset: AssetKey;
      purpose: PurposeKey;
      reason: string;
      /** Names the receipt for the reversal that corrects it. */
      label?: string;
    }
  | { step: "reversal"; on: string; label: string; reason: string }
  | { step: "transfer"; on: string; from: AssetKey; to: AssetKey; amount: number; description: string }
  | { step: "round"; on: string; purpose: PurposeKey; reason: string; awards: Award[] }
  /** An award round: one decision, its list imported, approved once, paid as one transaction from the cash box. */
  | {
      step: "award";
      on: string;
      purpose: PurposeKey;
      name: string;
      schoolYear: number;
      decisionNumber: string;
      decisionDate: string;
      /** The Hội's chair, who signs the decision. */
      signerName: string;
      recipients: CeremonyRecipient[];
    }
  /** Proposed, waiting for approval today. */
  | { step: "pending"; purpose: PurposeKey; reason: string; award: Award }
  | { step: "close"; year: number }
  | { step: "publish"; year: number };

/** The donors, the school's people (pupils, teachers: the beneficiaries list draws on them) and the years. */
export type FundPlan = {
  donors: DonorPlan[];
  school: SchoolPeople;
  years: { year: number; steps: FundStep[] }[];
};

const businesses: DonorPlan[] = [
  ["Công ty TNHH Thương mại Phú Gia", "Số 18 đường Âu Cơ", "0243 718 2266"],
  ["Công ty Cổ phần Xây dựng Hưng Thịnh", "Số 25 đường Lạc Long Quân", "0243 753 4410"],
  ["Công ty TNHH In và Quảng cáo Minh Phát", "Số 7 ngõ 12 đường Xuân La", "0243 758 9031"],
  ["Cửa hàng Vật liệu xây dựng Thành Đạt", "Số 41 đường Võ Chí Công", null],
].map(([name, address, phone], i) => ({
  key: `business:${i}`,
  name: name!,
  kind: "organization" as const,
  address: address!,
  phone: phone ?? null,
}));

const pad = (n: number) => String(n).padStart(2, "0");
/** A day between two dates of a year (month, day), drawn from `next`. */
function dayIn(next: () => number, year: number, from: [number, number], to: [number, number]): string {
  const start = Date.UTC(year, from[0] - 1, from[1]);
  const days = Math.round((Date.UTC(year, to[0] - 1, to[1]) - start) / 86_400_000);
  const d = new Date(start + Math.floor(next() * (days + 1)) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
const nextDay = (date: string) => {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

export function fundPlan(input: {
  today: string;
  families: { name: string; address: string }[];
  clans: { name: string; headName: string }[];
  /** Households of the ward (code and village) the ceremony's pupils come from. */
  homes: { code: string; village: string }[];
}): FundPlan {
  const { today } = input;
  const lastYear = Number(today.slice(0, 4));
  const families: DonorPlan[] = input.families.map((f, i) => ({
    key: `family:${i}`,
    name: f.name,
    kind: "person",
    address: f.address,
    phone: null,
  }));
  const clans: DonorPlan[] = input.clans.map((c, i) => ({
    key: `clan:${i}`,
    name: c.name,
    kind: "organization",
    address: `Trưởng họ: ông ${c.headName}`,
    phone: null,
  }));
  const named = new Set([...families, ...clans].map((d) => d.name));
  const anonymous: DonorPlan[] = people(hash("fund:anonymous"), 6, 0.5)
    .filter((p) => !named.has(p.name))
    .slice(0, 2)
    .map((p, i) => ({
      key: `anonymous:${i}`,
      name: p.name,
      kind: "person",
      address: null,
      phone: null,
    }));
  const donors = [...businesses, ...families, ...clans, ...anonymous];
  const school = schoolPeople(new Set(donors.map((d) => d.name)), lastYear);
  const balance = { cash: 0, bank: 0, general: 0, scholarship: 0 };
  const years: FundPlan["years"] = [];
  for (let year = firstDemoYear; year <= lastYear; year++) {
    const next = random(hash(`fund:${year}`));
    const k = year - firstDemoYear;
    const family = (j: number) => ({ key: families[(2 * k + j) % families.length]!.key });
    const events: FundStep[] = [];
    const receipt = (
      on: string,
      donor: { key: string } | { name: string; kind: "person" | "organization" },
      amount: number,
      asset: AssetKey,
      purpose: PurposeKey,
      reason: string,
      anonymousGift = false,
    ) =>
      events.push({ step: "receipt", on, donor, anonymous: anonymousGift, amount, asset, purpose, reason });
    // Before Tết: two families, in cash. In 2023 the first was typed ten times too large and corrected.
    for (let j = 0; j < Math.min(2, families.length); j++) {
      const on = dayIn(next, year, [1, 8], [2, 5]);
      const amount = amountIn(next, 500_000, 3_000_000, 100_000);
      const reason = "Gia đình ủng hộ Quỹ khuyến học nhân dịp Tết Nguyên đán";
      if (year === 2023 && j === 0) {
        events.push({
          step: "receipt",
          on,
          donor: family(j),
          anonymous: false,
          amount: amount * 10,
          asset: "cash",
          purpose: "general",
          reason,
          label: "typo",
        });
        const fixed = nextDay(on);
        events.push({
          step: "reversal",
          on: fixed,
          label: "typo",
          reason: `Ghi nhầm số tiền (${formatDong(amount * 10)} thay vì ${formatDong(amount)} đồng), lập lại phiếu thu`,
        });
        receipt(fixed, family(j), amount, "cash", "general", reason);
      } else receipt(on, family(j), amount, "cash", "general", reason);
    }
    // Spring: a business sponsors the scholarships, by bank transfer.
    receipt(
      dayIn(next, year, [3, 5], [4, 10]),
      { key: businesses[k % 2]!.key },
      amountIn(next, 3_000_000, 8_000_000, 1_000_000),
      "bank",
      "scholarship",
      "Tài trợ học bổng học sinh nghèo vượt khó",
    );
    receipt(
      dayIn(next, year, [4, 11], [5, 15]),
      { key: anonymous[k % 2]!.key },
      amountIn(next, 1_000_000, 5_000_000, 500_000),
      "cash",
      k % 2 === 0 ? "scholarship" : "general",
      "Ủng hộ Quỹ khuyến học (xin không nêu tên)",
      true,
    );
    // End of the school year: prizes from the general purpose.
    events.push({
      step: "round",
      on: dayIn(next, year, [5, 25], [6, 5]),
      purpose: "general",
      ...prizeRound(school, year, next),
    });
    // Before the new school year: a family gives for the scholarships.
    receipt(
      dayIn(next, year, [8, 1], [8, 25]),
      family(2),
      amountIn(next, 1_000_000, 3_000_000, 500_000),
      "cash",
      "scholarship",
      "Ủng hộ học bổng học sinh nghèo vượt khó năm học mới",
    );
    // The last full year: the Hội's ceremony, sponsored by a business, with a few dozen scholarships.
    if (year === lastYear - 1) {
      const recipients = ceremonyRecipients(
        new Set([...donors.map((d) => d.name), ...school.pupils.map((p) => p.name)]),
        year,
        input.homes,
      );
      const sum = recipients.reduce((s, r) => s + r.amount, 0);
      receipt(
        dayIn(next, year, [8, 26], [8, 31]),
        { key: businesses[0]!.key },
        Math.ceil(sum / 1_000_000) * 1_000_000 + 2_000_000,
        "bank",
        "scholarship",
        `Tài trợ Lễ trao học bổng năm học ${year}–${year + 1}`,
      );
      events.push({
        step: "award",
        on: dayIn(next, year, [9, 12], [9, 20]),
        purpose: "scholarship",
        name: `Lễ trao học bổng năm học ${year}–${year + 1}`,
        schoolYear: year,
        decisionNumber: `${pad(k + 1)}/QĐ-HKH`,
        decisionDate: `${year}-09-11`,
        signerName: school.chair,
        recipients,
      });
    }
    // At the start of the school year: scholarships for poor pupils.
    events.push({
      step: "round",
      on: dayIn(next, year, [9, 3], [9, 10]),
      purpose: "scholarship",
      ...scholarshipRound(school, year),
    });
    // Ngày Khuyến học Việt Nam (2/10): a clan (each in turn), and the primary school's teachers by name only.
    const dayOfLearning = dayIn(next, year, [10, 1], [10, 5]);
    if (clans.length > 0)
      receipt(
        dayOfLearning,
        { key: clans[k % clans.length]!.key },
        amountIn(next, 1_000_000, 5_000_000, 500_000),
        "cash",
        "general",
        "Dòng họ ủng hộ Quỹ khuyến học nhân Ngày Khuyến học Việt Nam 2/10",
      );
    receipt(
      dayOfLearning,
      { name: `Tập thể cán bộ, giáo viên ${primarySchool}`, kind: "organization" },
      amountIn(next, 1_000_000, 3_000_000, 500_000),
      "cash",
      "general",
      "Ủng hộ Quỹ khuyến học nhân Ngày Khuyến học Việt Nam 2/10",
    );
    // The year's end: another business, by bank transfer, and a family every other year.
    receipt(
      dayIn(next, year, [11, 15], [12, 10]),
      { key: businesses[2 + (k % 2)]!.key },
      amountIn(next, 3_000_000, 10_000_000, 1_000_000),
      "bank",
      "general",
      "Ủng hộ Quỹ khuyến học phường cuối năm",
    );
    if (k % 2 === 1)
      receipt(
        dayIn(next, year, [12, 11], [12, 24]),
        family(3),
        amountIn(next, 200_000, 1_000_000, 100_000),
        "cash",
        "general",
        "Ủng hộ Quỹ khuyến học",
      );
    const dated = events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => dateOf(a.e).localeCompare(dateOf(b.e)) || a.i - b.i)
      .map(({ e }) => e)
      .filter((e) => dateOf(e) <= today);
    const steps = keepBalances(dated, balance);
    // The cash box is kept small: from 5 million on, all but 2 million goes to the bank before the year closes.
    const deposit = `${year}-12-28`;
    if (deposit <= today && balance.cash >= 5_000_000) {
      const amount = Math.floor((balance.cash - 2_000_000) / 1_000_000) * 1_000_000;
      steps.push({
        step: "transfer",
        on: deposit,
        from: "cash",
        to: "bank",
        amount,
        description: "Nộp tiền mặt vào tài khoản ngân hàng của Quỹ",
      });
      balance.cash -= amount;
      balance.bank += amount;
    }
    if (year < lastYear) steps.push({ step: "close", year }, { step: "publish", year });
    else if (today >= `${year}-11-15`)
      steps.push({
        step: "pending",
        purpose: "general",
        reason: "Hỗ trợ đột xuất học sinh có hoàn cảnh đặc biệt khó khăn",
        award: hardshipAward(school, year),
      });
    years.push({ year, steps });
  }
  return { donors, school, years };
}

const dateOf = (s: FundStep) => ("on" in s ? s.on : "");

/**
 * Follows the balances through a year's steps. Pupils and teachers are paid in cash (drawn from the bank first for
 * the scholarships, or when the cash box is short), schools by bank transfer; a round gives only what its purpose
 * and the accounts hold.
 */
function keepBalances(steps: FundStep[], balance: Record<AssetKey | PurposeKey, number>): FundStep[] {
  const out: FundStep[] = [];
  const receipts = new Map<string, { amount: number; asset: AssetKey; purpose: PurposeKey }>();
  for (const s of steps) {
    if (s.step === "receipt") {
      balance[s.asset] += s.amount;
      balance[s.purpose] += s.amount;
      if (s.label) receipts.set(s.label, s);
    } else if (s.step === "reversal") {
      const original = receipts.get(s.label)!;
      balance[original.asset] -= original.amount;
      balance[original.purpose] -= original.amount;
    } else if (s.step === "award") {
      // Paid in cash at the ceremony, drawn from the bank (where the sponsor's money came) the same day.
      const total = s.recipients.reduce((sum, r) => sum + r.amount, 0);
      if (total > balance[s.purpose] || total > balance.cash + balance.bank)
        throw new Error(`demo fund plan: ${s.name} does not fit the balances`);
      const draw = Math.min(balance.bank, Math.ceil(total / 1_000_000) * 1_000_000);
      if (draw > 0)
        out.push({
          step: "transfer",
          on: s.on,
          from: "bank",
          to: "cash",
          amount: draw,
          description: `Rút tiền gửi ngân hàng về quỹ tiền mặt để chi ${s.name.charAt(0).toLowerCase()}${s.name.slice(1)}`,
        });
      balance.bank -= draw;
      balance.cash += draw - total;
      balance[s.purpose] -= total;
      out.push(s);
      continue;
    } else if (s.step === "round") {
      const after = { ...balance };
      const awards: Award[] = [];
      let cash = 0;
      for (const a of s.awards) {
        if (a.amount > after[s.purpose]) continue;
        if (a.asset === "bank") {
          // The cash box's shortfall is drawn from the bank: keep it there.
          if (a.amount > after.bank - Math.max(0, cash - after.cash)) continue;
          after.bank -= a.amount;
        } else if (cash + a.amount > after.cash + after.bank) continue;
        else cash += a.amount;
        after[s.purpose] -= a.amount;
        awards.push(a);
      }
      if (awards.length === 0) continue;
      // The sponsors' scholarship money came by bank transfer: it is drawn in cash for the ceremony.
      const short = s.purpose === "scholarship" ? cash : cash - after.cash;
      if (short > 0) {
        const amount = Math.min(after.bank, Math.ceil(short / 1_000_000) * 1_000_000);
        out.push({
          step: "transfer",
          on: s.on,
          from: "bank",
          to: "cash",
          amount,
          description: `Rút tiền gửi ngân hàng về quỹ tiền mặt để chi ${s.reason.charAt(0).toLowerCase()}${s.reason.slice(1)}`,
        });
        after.bank -= amount;
        after.cash += amount;
      }
      after.cash -= cash;
      Object.assign(balance, after);
      out.push({ ...s, awards });
      continue;
    }
    out.push(s);
  }
  return out;
}
