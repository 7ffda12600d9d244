/**
 * Years of work in the demo wards, from 2021 to the current year, done the way the wards do it: the data-entry
 * officer registers the candidates and fills in their score sheets, holds the review meetings and drafts the
 * decisions; another person, the reviewer, signs them, which gives each recognised record its certificate. Every
 * step is a call to the product's own services (demo-cycle.ts) as those demo users, so the audit log and the
 * counters are what real use would leave. How far each year has got depends on today's date (demo-calendar.ts).
 *
 * One transaction per ward and year. Inside it the statistics triggers are switched off and the touched communes
 * recounted before commit, as docs/STATISTICS.md allows a bulk writer to do; `hieuhoc stats verify` then finds no
 * difference.
 */
import { sql } from "kysely";
import type { RubricDefinition, Title } from "../../shared/rubric";
import { type Actor, loadActor } from "../auth/scope";
import type { Db } from "../db/connection";
import {
  assessedOn,
  communeSchedule,
  type GroupSchedule,
  groupSchedule,
  type Meeting,
  meetingFor,
} from "./demo-calendar";
import { assess, draft, issue, register, registrationsBySubject, review, type Sheet } from "./demo-cycle";
import { loadDemoFund } from "./demo-fund";
import { hash, people } from "./demo-names";
import { demoWardPlans, firstDemoYear, reformDate, reformYear } from "./demo-plan";
import { levelsSheet, type Outcome, outcomesFor, pointsSheet } from "./demo-scores";
import { asOwner } from "./demo-territory";
import { reform, type Side, type Subject, setUpWard, type Ward } from "./demo-wards";

type Context = {
  tx: Db;
  ward: Ward;
  entry: Actor;
  reviewer: Actor;
  year: number;
  today: string;
  names: Map<number, string>;
  numbers: Map<number, number>;
  tally: { registered: number; recognized: number; decisions: number; drafts: number };
};

/** A set of subjects reviewed together: a residential group's households, or a ward's clans. */
type Group = { communeId: number; unitId: number; label: string; lag: number; subjects: Subject[] };

function groupsOf(title: Title, side: Side): Group[] {
  const villages = side.villages;
  const spread = (i: number) => (villages.length <= 1 ? 0 : i / (villages.length - 1));
  switch (title) {
    case "learning_family":
      return villages.map((v, i) => ({ ...unit(v), lag: spread(i), subjects: v.households }));
    case "learning_citizen":
      return byCommune(villages, 0.5, (v) => v.citizens);
    case "learning_community_village":
      return byCommune(villages, 0.4, (v) => [
        { key: `village:${v.name}`, kind: "village" as const, id: v.villageId },
      ]);
    case "learning_clan":
      return side.ward ? [{ ...wardUnit(side.ward.communeId), lag: 0.3, subjects: side.ward.clans }] : [];
    case "learning_organization":
      return side.ward
        ? [{ ...wardUnit(side.ward.communeId), lag: 0.1, subjects: side.ward.organizations }]
        : [];
    case "learning_community_commune":
      return side.ward
        ? [
            {
              ...wardUnit(side.ward.communeId),
              lag: 0,
              subjects: [{ key: `commune:${side.ward.communeId}`, kind: "commune", id: side.ward.communeId }],
            },
          ]
        : [];
    case "centre_rating":
      return []; // the centres' ratings: demo-centre-rating.ts
  }
}

/** One group per commune (before 2025 a ward's groups lay in several old wards), reviewed by the ward. */
function byCommune(
  villages: Side["villages"],
  lag: number,
  subjects: (v: Side["villages"][number]) => Subject[],
) {
  const communes = [...new Set(villages.map((v) => v.communeId))];
  return communes.map((c) => ({
    ...wardUnit(c),
    lag,
    subjects: villages.filter((v) => v.communeId === c).flatMap(subjects),
  }));
}

const unit = (v: { communeId: number; villageId: number; name: string }) => ({
  communeId: v.communeId,
  unitId: v.villageId,
  label: v.name,
});
const wardUnit = (communeId: number) => ({ communeId, unitId: communeId, label: "" });

/** A score sheet from the criteria set the registration uses; the evaluation decides the result. */
function sheetFor(
  definition: RubricDefinition,
  title: Title,
  year: number,
  outcome: Outcome,
  seed: number,
): Sheet {
  const passes = outcome === "passes";
  if (definition.scheme === "points")
    return {
      scores: pointsSheet(definition, passes, seed, title === "learning_community_commune" ? 76 : undefined),
    };
  // TT 25/2023: the ward meets level 2 from 2026; the evaluation applies the 12-month wait after level 1.
  const level = title === "learning_community_commune" ? (year >= 2026 ? 2 : 1) : passes ? 1 : 0;
  return { items: levelsSheet(definition, level, seed) };
}

const chairOf = (seed: string) => people(hash(`chair:${seed}`), 1)[0]!.name;

/** Drafts a recognition decision (data entry) and, when its day has come, has the reviewer sign it. */
async function decide(ctx: Context, title: Title, communeId: number, meeting: Meeting, ids: number[]) {
  const { tx, ward, year, today } = ctx;
  if (meeting.draftedOn > today || ids.length === 0) return;
  // The ward decides its own titles; the district (before 2025) or the province decides the ward's.
  const byWard = title !== "learning_community_commune";
  const agency = byWard
    ? `UBND ${ctx.names.get(communeId)}`
    : year < reformYear
      ? ward.plan.districtBefore2025
      : ward.plan.provinceAfter2025;
  const seq = (ctx.numbers.get(communeId) ?? 0) + 1;
  ctx.numbers.set(communeId, seq);
  // Each authority numbers its decisions through the year; the demo's land somewhere in that run, the ward's
  // below the district's or province's so that two decisions of one ward never share a number.
  const number = `${(byWard ? 100 : 600) + (hash(`${agency}:${year}`) % 400) + seq}/QĐ-UBND`;
  const made = await draft(tx, ctx.entry, {
    communeId,
    year,
    title,
    number,
    signedOn: meeting.signedOn,
    agencyName: agency,
    signerTitle: "Chủ tịch",
    signerName: chairOf(agency),
    registrationIds: ids,
  });
  if (meeting.signedOn > today) {
    ctx.tally.drafts++;
    return;
  }
  await issue(tx, ctx.reviewer, made.id);
  ctx.tally.decisions++;
  ctx.tally.recognized += ids.length;
}

type Reviewed = { registrationId: number; proposed: boolean; note?: string };

/** Fills in the forms due by today and holds the meetings due; returns each meeting's proposals. */
async function assessAndReview(
  ctx: Context,
  title: Title,
  group: Group,
  schedule: GroupSchedule,
  taking: Subject[],
  registrations: Awaited<ReturnType<typeof registrationsBySubject>>,
  outcomes: Map<string, Outcome>,
) {
  const { tx, year, today } = ctx;
  const reviewed = schedule.meetings.map(() => [] as Reviewed[]);
  for (const [i, subject] of taking.entries()) {
    const on = assessedOn(schedule, i, taking.length);
    if (on > today) continue;
    const registration = registrations.get(subject.id)!;
    const seed = hash(`sheet:${year}:${subject.key}`);
    const sheet = sheetFor(registration.definition, title, year, outcomes.get(subject.key)!, seed);
    const result = await assess(tx, ctx.entry, registration.id, sheet);
    const proposed = result.passed === true;
    reviewed[meetingFor(schedule, on)]!.push({
      registrationId: registration.id,
      proposed,
      ...(proposed ? {} : { note: "Kết quả tự đánh giá chưa đạt mức công nhận" }),
    });
  }
  const proposals: { meeting: Meeting; ids: number[] }[] = [];
  for (const [k, meeting] of schedule.meetings.entries()) {
    const outcomesOfMeeting = reviewed[k]!;
    if (meeting.heldOn > today || outcomesOfMeeting.length === 0) continue;
    const ids = outcomesOfMeeting.filter((o) => o.proposed).map((o) => o.registrationId);
    await review(tx, ctx.entry, {
      unitId: group.unitId,
      year,
      title,
      heldOn: meeting.heldOn,
      participants: group.label
        ? `Chi hội Khuyến học và Ban công tác Mặt trận ${group.label.toLowerCase()}, đại diện các hộ`
        : "Hội đồng bình xét phường: UBND, Hội Khuyến học, Ủy ban Mặt trận Tổ quốc và các đoàn thể",
      minutes: `Xét ${outcomesOfMeeting.length} hồ sơ, thống nhất đề nghị công nhận ${ids.length} hồ sơ.`,
      outcomes: outcomesOfMeeting,
    });
    proposals.push({ meeting, ids });
  }
  return proposals;
}

/** Past years as the ward records them afterwards: one meeting and one decision per ward for each title. */
function wardGroups(groups: Group[]): Group[] {
  const communes = [...new Set(groups.map((g) => g.communeId))];
  return communes.map((communeId) => {
    const own = groups.filter((g) => g.communeId === communeId);
    return {
      ...wardUnit(communeId),
      lag: Math.max(...own.map((g) => g.lag)),
      subjects: own.flatMap((g) => g.subjects),
    };
  });
}

async function runTitle(ctx: Context, title: Title, side: Side) {
  const { tx, year, today } = ctx;
  // The current year is still at work, group by group: the last group meets three times, so that some of its
  // forms are decided, some wait for signature and some for review.
  const current = year === Number(today.slice(0, 4));
  const listed = groupsOf(title, side).filter((g) => g.subjects.length > 0);
  const groups = current ? listed : wardGroups(listed);
  if (groups.length === 0) return;
  const outcomes = outcomesFor(
    groups.flatMap((g) => g.subjects.map((s) => s.key)),
    title,
    year,
  );
  const communeTitle = title === "learning_community_commune";
  const plain = groups.map((g) => groupSchedule(year, g.lag, current && g.lag === 1 && g.label ? 3 : 1));
  const candidates = groups.map((g, i) =>
    (communeTitle ? communeSchedule(year, "points").registeredOn : plain[i]!.registeredOn) <= today
      ? g.subjects.filter((s) => outcomes.get(s.key) !== "absent")
      : [],
  );
  const all = candidates.flat();
  if (all.length === 0) return;
  await register(tx, ctx.entry, year, title, all);
  ctx.tally.registered += all.length;
  const communes = [...new Set(groups.map((g) => g.communeId))];
  const registrations = await registrationsBySubject(tx, communes, year, title);
  for (const [index, group] of groups.entries()) {
    const taking = candidates[index]!;
    if (taking.length === 0) continue;
    const scheme = registrations.get(taking[0]!.id)!.definition.scheme;
    const schedule = communeTitle ? communeSchedule(year, scheme) : plain[index]!;
    const proposals = await assessAndReview(ctx, title, group, schedule, taking, registrations, outcomes);
    for (const p of proposals) await decide(ctx, title, group.communeId, p.meeting, p.ids);
  }
}

const titlesInOrder: Title[] = [
  "learning_family",
  "learning_clan",
  "learning_community_village",
  "learning_organization",
  "learning_citizen",
  "learning_community_commune",
];

/** Ward names by id, for agency lines ("UBND Phường Bưởi"). */
async function communeNames(tx: Db, ids: number[]) {
  const rows = await tx.selectFrom("admin_units").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** Runs `work` in one transaction with the counters off, recounting the ward's communes for `year` at the end. */
async function inBulk(db: Db, communes: number[], year: number, work: (tx: Db) => Promise<void>) {
  await db.transaction().execute(async (tx) => {
    await sql`SET LOCAL hieuhoc.counters = 'off'`.execute(tx);
    await work(tx);
    await asOwner(tx);
    for (const commune of communes)
      await sql`SELECT hieuhoc_recount_commune(${commune}, ${year}::smallint)`.execute(tx);
  });
}

/** A demo user as the services see them (their grants loaded). */
export async function actorOf(db: Db, username: string): Promise<Actor> {
  const user = await db
    .selectFrom("app_users")
    .select(["id", "full_name"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  return loadActor(db, Number(user.id), user.full_name);
}

/** Loads the demo wards' history up to `today` (ISO date, on or after the 2025 reform). */
export async function loadDemoHistory(db: Db, options: { today: string; log: (line: string) => void }) {
  const { today, log } = options;
  if (today < reformDate) throw new Error(`Dữ liệu dùng thử cần ngày từ ${reformDate} trở đi`);
  const lastYear = Number(today.slice(0, 4));
  for (const plan of demoWardPlans) {
    const entry = await actorOf(db, plan.entry);
    const reviewer = await actorOf(db, plan.reviewer);
    let ward: Ward | undefined;
    const started = performance.now();
    await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL hieuhoc.counters = 'off'`.execute(tx);
      ward = await setUpWard(tx, plan, entry);
      await asOwner(tx);
      for (const commune of ward.oldCommuneIds)
        await sql`SELECT hieuhoc_recount_commune(${commune}, NULL)`.execute(tx);
    });
    const state = ward!;
    const names = await communeNames(db, [state.communeId, ...state.oldCommuneIds]);
    log(`  ${state.name}: danh sách trước sắp xếp (${Math.round(performance.now() - started)} ms)`);
    for (let year = firstDemoYear; year <= lastYear; year++) {
      const begun = performance.now();
      const tally = { registered: 0, recognized: 0, decisions: 0, drafts: 0 };
      const communes =
        year < reformYear
          ? state.oldCommuneIds
          : year === reformYear
            ? [state.communeId, ...state.oldCommuneIds]
            : [state.communeId];
      await inBulk(db, communes, year, async (tx) => {
        if (year === reformYear) await reform(tx, state, entry);
        const side = year < reformYear ? state.before : state.after!;
        const ctx: Context = {
          tx,
          ward: state,
          entry,
          reviewer,
          year,
          today,
          names,
          numbers: new Map(),
          tally,
        };
        for (const title of titlesInOrder) {
          if (plan.titles && !plan.titles.includes(title)) continue;
          if (title === "learning_citizen" && year < 2022) continue; // QĐ 677/QĐ-TTg: from June 2022
          await runTitle(ctx, title, side);
        }
      });
      const pending = tally.drafts > 0 ? `, ${tally.drafts} dự thảo chờ ký` : "";
      log(
        `  ${state.name} ${year}: ${tally.registered} hồ sơ, ${tally.recognized} được công nhận theo ${tally.decisions} quyết định${pending} (${Math.round(performance.now() - begun)} ms)`,
      );
    }
  }
  // Tây Hồ's learning-promotion fund since 2021 (its donors are the ward's families and clans, listed above).
  await loadDemoFund(db, { today, log });
}
