/**
 * What the demo wards' Hội Khuyến học looks like, decided before anything is written: its chapters (of every kind
 * in Tây Hồ), their committees term by term, the members with their join dates, transfers and leaving, the yearly
 * dues and who paid them when. Pure functions of the ward's registry and the last day (nothing is dated after it),
 * drawn from seeded generators: the same Hội comes out on every machine. demo-association.ts writes it through
 * the services.
 */
import type { ChapterKind } from "../../shared/registry/kinds/chapters";
import type { Member } from "../../shared/registry/kinds/members";
import { addDays } from "../modules/territory/dates";
import { hash, people, random, type Sex } from "./demo-names";
import { type ChapterSpec, type DemoAssociationPlan, reformDate } from "./demo-plan";

/** The ward's registry rows the Hội's chapters and members name. */
export type WardRegistry = {
  communeId: number;
  villages: { id: number; name: string; households: { id: number; headName: string; headSex: Sex }[] }[];
  clans: { id: number; name: string }[];
  organizations: { id: number; code: string; name: string }[];
};

export type OfficerPlan = { fullName: string; post: "chair" | "vice_chair" | "member" };
export type Term = { from: string; to: string; officers: OfficerPlan[] };

export type PlannedChapter = {
  body: {
    unitId: number;
    name: string;
    kind: ChapterKind;
    clanId?: number;
    organizationId?: number;
    foundedOn: string;
  };
  dues: { year: number; amount: number }[];
  terms: Term[];
};

export type Payment = { year: number; paidOn: string; chapter: number; collector: string; amount?: number };

export type PlannedMember = {
  /**
   * How the member came into the app: in the member book imported when the Hội opened its books here, through the
   * form on that day (those linked to a household or an organisation: the import has no such column), or through
   * the form on the day they joined, after that.
   */
  entry: "book" | "form" | "join";
  /** The card number, for those entered when the books opened (later ones are numbered by the app). */
  number?: string;
  chapter: number;
  body: Pick<Member, "fullName" | "memberKind" | "joinedOn" | "role"> & {
    unitId: number;
    sex?: Sex;
    birthYear?: number;
    householdId?: number;
    organizationId?: number;
  };
  transfer?: { on: string; chapter: number; unitId: number };
  left?: { on: string; reason: "moved" | "died" | "resigned" | "other" };
  payments: Payment[];
};

export type AssociationPlanned = { chapters: PlannedChapter[]; members: PlannedMember[] };

const firstBookDay = "2021-01-01";
/**
 * The day the Hội opened its books in the app: the new ward's Hội, on the 2025 reform. Its member book is
 * imported then; the dues of 2025 already collected are entered from the receipts, and from then on every
 * payment as it comes. Earlier years' dues stay in the paper books (each payment goes through the service, and
 * the first start of `npm start` must stay short).
 */
export const booksOpened = reformDate;
const later = (a: string, b: string) => (a > b ? a : b);
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const dayBetween = (from: string, to: string, share: number) =>
  addDays(from, Math.floor(Math.max(0, days(from, to)) * share));
const plusYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

function chapterName(spec: ChapterSpec, ward: WardRegistry) {
  if (spec.name) return spec.name;
  if (spec.kind === "village") return `Chi hội ${spec.village}`;
  return `Chi hội ${ward.clans[spec.clan!]!.name.replace(/^Họ /, "dòng họ ")}`;
}

function chapterBody(spec: ChapterSpec, ward: WardRegistry): PlannedChapter["body"] {
  const base = { name: chapterName(spec, ward), kind: spec.kind, foundedOn: spec.foundedOn };
  if (spec.kind === "village") {
    const village = ward.villages.find((v) => v.name === spec.village);
    if (!village) throw new Error(`Dữ liệu dùng thử: thiếu ${spec.village}`);
    return { ...base, unitId: village.id };
  }
  if (spec.kind === "clan") return { ...base, unitId: ward.communeId, clanId: ward.clans[spec.clan!]!.id };
  const organization = ward.organizations.find((o) => o.code === spec.organization);
  if (!organization) throw new Error(`Dữ liệu dùng thử: thiếu cơ quan, đơn vị ${spec.organization}`);
  return { ...base, unitId: ward.communeId, organizationId: organization.id };
}

/** Birth years of adults, by who the chapter's members are. */
const birthRange: Record<ChapterKind, [number, number]> = {
  village: [1946, 2000],
  clan: [1944, 1998],
  school: [1968, 2000],
  agency: [1966, 2000],
  enterprise: [1970, 2001],
  committee: [1966, 1999],
};
const maleShare: Record<ChapterKind, number> = {
  village: 0.45,
  clan: 0.6,
  school: 0.25,
  agency: 0.55,
  enterprise: 0.5,
  committee: 0.3,
};

type Draft = PlannedMember & { early: boolean; seed: number };

/** A chapter's individual members: founding members first (the book opened), then a trickle year by year. */
function draftMembers(
  spec: ChapterSpec,
  index: number,
  ward: WardRegistry,
  body: PlannedChapter["body"],
  taken: Set<string>,
  until: string,
  commune: string,
): Draft[] {
  const next = random(hash(`members:${commune}:${index}`));
  const start = later(firstBookDay, spec.foundedOn);
  const early = Math.max(4, Math.round(spec.members * 0.4));
  const village = spec.kind === "village" ? ward.villages.find((v) => v.id === body.unitId)! : null;
  const heads = village ? village.households.slice(0, 5) : [];
  const [born, latest] = birthRange[spec.kind];
  // Invented people of the chapter's sex mix, none named like another member of the ward.
  const names = people(hash(`names:${commune}:${index}`), spec.members * 3, maleShare[spec.kind]).filter(
    (p) => !taken.has(p.name),
  );
  const drafts: Draft[] = [];
  for (let j = 0; j < spec.members; j++) {
    const isEarly = j < early;
    const share = next();
    const day = isEarly
      ? dayBetween(start, addDays(start, 60), share)
      : dayBetween(addDays(start, 61), until, share);
    const joinedOn = day > until ? until : day;
    const head = heads[j];
    const person = head ? { name: head.headName, sex: head.headSex } : names.shift()!;
    taken.add(person.name);
    const home =
      village ?? (next() < 0.5 ? ward.villages[Math.floor(next() * ward.villages.length)] : undefined);
    drafts.push({
      chapter: index,
      early: isEarly,
      seed: hash(`member:${commune}:${index}:${j}`),
      body: {
        fullName: person.name,
        memberKind: "individual",
        sex: person.sex,
        birthYear: born + Math.floor(next() * (latest - born + 1)),
        unitId: home?.id ?? ward.communeId,
        joinedOn,
        role: "member",
        ...(head ? { householdId: head.id } : {}),
      },
      entry: "book",
      payments: [],
    });
  }
  return drafts.sort((a, b) => a.body.joinedOn.localeCompare(b.body.joinedOn) || a.seed - b.seed);
}

/** Committees of five-year terms: the first after the founding members joined, re-elected when it ends. */
function termsOf(spec: ChapterSpec, drafts: Draft[], until: string): Term[] {
  const size = spec.members >= 30 ? 5 : spec.members >= 15 ? 4 : 3;
  const posts = (n: number): OfficerPlan["post"][] =>
    Array.from({ length: n }, (_, i) => (i === 0 ? "chair" : i === 1 ? "vice_chair" : "member"));
  // The chapter's congress (đại hội), some weeks after the founding members joined.
  const from = addDays(later(firstBookDay, spec.foundedOn), 65 + (hash(`congress:${spec.foundedOn}`) % 80));
  if (from > until) return [];
  const first = drafts.filter((d) => d.early).slice(0, size);
  const terms: Term[] = [
    {
      from,
      to: plusYears(from, 5),
      officers: first.map((d, i) => ({ fullName: d.body.fullName, post: posts(size)[i]! })),
    },
  ];
  const second = plusYears(from, 5);
  if (second <= until) {
    // The chair steps down; the vice chair takes over and a newer member comes in.
    const stay = first.slice(1);
    const newcomer = drafts.find((d) => !first.includes(d) && d.body.joinedOn < second && !d.early);
    const people = newcomer ? [...stay, newcomer] : stay;
    terms.push({
      from: second,
      to: plusYears(second, 5),
      officers: people.map((d, i) => ({ fullName: d.body.fullName, post: posts(people.length)[i]! })),
    });
  }
  return terms;
}

function leaveOf(d: Draft, until: string, next: () => number): PlannedMember["left"] {
  const span = days(d.body.joinedOn, until);
  if (span < 200 || next() >= 0.08) return undefined;
  const on = addDays(d.body.joinedOn, 150 + Math.floor(next() * (span - 150)));
  const old = (d.body.birthYear ?? 2000) < 1958;
  const r = next();
  const reason = old && r < 0.5 ? "died" : r < 0.65 ? "moved" : r < 0.9 ? "resigned" : "other";
  return { on, reason };
}

const chapterAt = (m: PlannedMember, day: string) =>
  m.transfer && day >= m.transfer.on ? m.transfer.chapter : m.chapter;

function collectorOf(chapter: PlannedChapter, day: string, seed: number) {
  const term =
    chapter.terms.find((t) => t.from <= day && day < t.to) ??
    (day < (chapter.terms[0]?.from ?? "") ? chapter.terms[0] : chapter.terms.at(-1));
  const officers = term?.officers ?? [];
  return officers.length > 0 ? officers[seed % officers.length]!.fullName : "Ban chấp hành chi hội";
}

/** The member's dues, year by year while a member: collected in spring, most past years paid, part of this one. */
function paymentsOf(m: PlannedMember, chapters: PlannedChapter[], until: string, seed: number): Payment[] {
  if (m.body.role === "honorary") return [];
  const next = random(seed);
  const lastYear = Number((m.left?.on ?? until).slice(0, 4));
  const thisYear = Number(until.slice(0, 4));
  const out: Payment[] = [];
  const first = Math.max(Number(m.body.joinedOn.slice(0, 4)), Number(booksOpened.slice(0, 4)));
  for (let year = first; year <= lastYear; year++) {
    const share = next();
    const drive = addDays(`${year}-03-01`, hash(`dues:${m.chapter}:${year}`) % 45);
    let paidOn = addDays(drive, Math.floor(next() * 100));
    if (paidOn < m.body.joinedOn) paidOn = addDays(m.body.joinedOn, Math.floor(next() * 20));
    if (paidOn.slice(0, 4) !== String(year) || paidOn > until) continue;
    if (m.left && paidOn >= m.left.on) continue;
    const collective = m.body.memberKind === "collective";
    if (!collective && share >= (year < thisYear ? 0.9 : 0.72)) continue;
    const chapter = chapterAt(m, paidOn);
    out.push({
      year,
      paidOn,
      chapter,
      collector: collectorOf(chapters[chapter]!, paidOn, seed),
      ...(collective ? { amount: 200_000 } : {}),
    });
  }
  return out;
}

/** The whole Hội of a ward, up to `until` (ISO). */
export function planAssociation(
  plan: DemoAssociationPlan,
  ward: WardRegistry,
  until: string,
): AssociationPlanned {
  const taken = new Set(ward.villages.flatMap((v) => v.households.map((h) => h.headName)));
  const chapters: PlannedChapter[] = [];
  const members: PlannedMember[] = [];
  const villageChapters = plan.chapters.flatMap((c, i) => (c.kind === "village" ? [i] : []));
  const untilYear = Number(until.slice(0, 4));
  for (const [index, spec] of plan.chapters.entries()) {
    const body = chapterBody(spec, ward);
    const drafts = draftMembers(spec, index, ward, body, taken, until, plan.commune);
    const terms = termsOf(spec, drafts, until);
    const current = new Set(terms.at(-1)?.officers.map((o) => o.fullName));
    const anyTerm = new Set(terms.flatMap((t) => t.officers.map((o) => o.fullName)));
    const next = random(hash(`changes:${plan.commune}:${index}`));
    let oldest: Draft | undefined;
    for (const d of drafts) {
      if (current.has(d.body.fullName)) d.body.role = "officer";
      if (anyTerm.has(d.body.fullName)) continue;
      d.left = leaveOf(d, until, next);
      const span = days(d.body.joinedOn, until);
      // A few move house to another residential group of the ward and carry on in its chapter.
      if (!d.left && villageChapters.length > 1 && !d.body.householdId && span > 300 && next() < 0.035) {
        const to = villageChapters[(villageChapters.indexOf(index) + 1) % villageChapters.length]!;
        const on = addDays(d.body.joinedOn, 120 + Math.floor(next() * (span - 120)));
        d.transfer = { on, chapter: to, unitId: chapterBody(plan.chapters[to]!, ward).unitId };
      }
      if (!d.left && !d.transfer && (!oldest || (d.body.birthYear ?? 0) < (oldest.body.birthYear ?? 0)))
        oldest = d;
    }
    // A large chapter honours its eldest member (hội viên danh dự: no dues).
    if (spec.members >= 40 && oldest) oldest.body.role = "honorary";
    const firstYear = Math.max(Number(booksOpened.slice(0, 4)), Number(spec.foundedOn.slice(0, 4)));
    const dues = [];
    for (let year = firstYear; year <= untilYear; year++)
      dues.push({ year, amount: spec.dues.filter(([y]) => y <= year).at(-1)![1] });
    chapters.push({ body, dues, terms });
    members.push(...drafts);
    if (spec.collective) {
      const organization = ward.organizations.find((o) => o.id === body.organizationId)!;
      members.push({
        chapter: index,
        body: {
          fullName: organization.name,
          memberKind: "collective",
          unitId: ward.communeId,
          organizationId: organization.id,
          joinedOn: addDays(later(firstBookDay, spec.foundedOn), 30),
          role: "member",
        },
        entry: "form",
        payments: [],
      });
    }
  }
  members.forEach((m, i) => {
    m.payments = paymentsOf(m, chapters, until, hash(`payments:${plan.commune}:${i}`));
  });
  // The book numbers members in the order they joined; the app numbers those who join later.
  members.sort((a, b) => a.body.joinedOn.localeCompare(b.body.joinedOn));
  let number = 0;
  for (const m of members) {
    if (m.body.joinedOn >= booksOpened) m.entry = "join";
    else {
      if (m.body.householdId || m.body.organizationId) m.entry = "form";
      m.number = String(++number).padStart(4, "0");
    }
  }
  return {
    chapters,
    members: members.map(({ early: _e, seed: _s, ...m }: Partial<Draft> & PlannedMember) => m),
  };
}
