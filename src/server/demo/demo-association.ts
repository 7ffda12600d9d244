/**
 * The demo wards' Hội Khuyến học, kept the way the Hội keeps it: its president (or, in Mạo Khê, the ward's admin)
 * founds the chapters, elects their committees and sets each year's dues; on the day the Hội opened its books here
 * (demo-association-plan.ts: booksOpened) it imports its member book from Excel and enters through the form those
 * the file cannot link to a household or an organisation; then, day by day, new members join through the form,
 * members pay their dues to a committee member, a few move to another residential group's chapter and some leave.
 * The chapter secretary of Tây Hồ's first chapter records its current year. Every write goes through the product's
 * services (registry import, createItem and updateItem, setCommittee, setChapterDues, payDues) as those demo users,
 * so the audit log and the membership periods are what real use would leave. What is written is planned first;
 * one transaction per ward.
 *
 * The services refuse dates after today (Việt Nam time), so the Hội stops at the demo's `today` or the real
 * today, whichever comes first. */
import { chapters, members, organizations } from "../../shared/registry/kinds";
import { registrySchemas } from "../../shared/registry/schemas";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { setCommittee } from "../modules/association/association.service";
import { payDues, setChapterDues } from "../modules/association/dues.service";
import { todayIso } from "../registry/rules";
import { createItem, updateItem } from "../registry/service";
import {
  type AssociationPlanned,
  type Payment,
  type PlannedMember,
  planAssociation,
  type WardRegistry,
} from "./demo-association-plan";
import { actorOf } from "./demo-history";
import type { Sex } from "./demo-names";
import { type DemoAssociationPlan, demoAssociationPlans } from "./demo-plan";
import { importMemberBook } from "./demo-registry";
import { asOwner, communeId } from "./demo-territory";
import { addDemoUser, demoUsers } from "./demo-users";

const chapterSchemas = registrySchemas(chapters);
const memberSchemas = registrySchemas(members);
const organizationSchemas = registrySchemas(organizations);

/** The ward's residential groups with their households, its clans and organisations (the 2025 lists). */
async function readWard(tx: Db, commune: number): Promise<WardRegistry> {
  const units = await tx
    .selectFrom("admin_units")
    .select(["id", "name"])
    .where("parent_id", "=", commune)
    .where("level", "=", "village")
    .where("valid_to", "is", null)
    .orderBy("code")
    .execute();
  const homes = await tx
    .selectFrom("households")
    .select(["id", "village_id", "head_name", "head_sex"])
    .where("commune_id", "=", commune)
    .where("archived_at", "is", null)
    .orderBy("code")
    .execute();
  const named = async (table: "clans" | "organizations") =>
    (
      await tx
        .selectFrom(table)
        .select(["id", "name"])
        .where("commune_id", "=", commune)
        .where("archived_at", "is", null)
        .orderBy("id")
        .execute()
    ).map((r) => ({ id: Number(r.id), name: r.name }));
  const codes = await tx
    .selectFrom("organizations")
    .select(["id", "code"])
    .where("commune_id", "=", commune)
    .where("archived_at", "is", null)
    .execute();
  const codeOf = new Map(codes.map((r) => [Number(r.id), r.code]));
  return {
    communeId: commune,
    villages: units.map((u) => ({
      id: Number(u.id),
      name: u.name,
      households: homes
        .filter((h) => Number(h.village_id) === Number(u.id))
        .map((h) => ({ id: Number(h.id), headName: h.head_name, headSex: (h.head_sex ?? "male") as Sex })),
    })),
    clans: await named("clans"),
    organizations: (await named("organizations")).map((o) => ({ ...o, code: codeOf.get(o.id)! })),
  };
}

type Tally = {
  ward: string;
  chapters: number;
  members: number;
  left: number;
  moved: number;
  payments: number;
};

type Event =
  | { on: string; order: 0; member: number; kind: "join" }
  | { on: string; order: 1; member: number; kind: "transfer" }
  | { on: string; order: 2; member: number; kind: "payment"; payment: Payment }
  | { on: string; order: 3; member: number; kind: "leave" };

/**
 * Joining (after the books opened), transfers, payments and leaving in the order they happened: a payment goes
 * to the chapter the member is in on its day.
 */
function eventsOf(planned: PlannedMember[]): Event[] {
  const events: Event[] = [];
  planned.forEach((m, member) => {
    if (m.entry === "join") events.push({ on: m.body.joinedOn, order: 0, member, kind: "join" });
    if (m.transfer) events.push({ on: m.transfer.on, order: 1, member, kind: "transfer" });
    for (const payment of m.payments)
      events.push({ on: payment.paidOn, order: 2, member, kind: "payment", payment });
    if (m.left) events.push({ on: m.left.on, order: 3, member, kind: "leave" });
  });
  return events.sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order || a.member - b.member);
}

type Written = { id: number; version: number };

/** A member through the form (the registry's createItem), as the Hội's admin enters them. */
async function createMember(tx: Db, admin: Actor, m: PlannedMember, chapterIds: { id: number }[]) {
  const body = {
    ...m.body,
    chapterId: chapterIds[m.chapter]!.id,
    ...(m.number ? { memberNumber: m.number } : {}),
  };
  const created = await createItem(tx, admin, members, memberSchemas.input.parse(body));
  return { id: Number(created.id), version: Number(created.version) };
}

/**
 * The day the books opened: the member book imported (one file for the ward), and the members the file cannot
 * link to their household or organisation entered through the form. Returns each member's row (or a hole for
 * those who join later).
 */
async function enterBook(
  tx: Db,
  admin: Actor,
  commune: number,
  planned: AssociationPlanned,
  chapterIds: { id: number; code: string }[],
  ward: WardRegistry,
): Promise<Written[]> {
  const villageName = new Map(ward.villages.map((v) => [v.id, v.name]));
  const book = planned.members.filter((m) => m.entry === "book");
  await importMemberBook(
    tx,
    admin,
    commune,
    book.map((m) => ({
      number: m.number!,
      fullName: m.body.fullName,
      sex: m.body.sex!,
      birthYear: m.body.birthYear!,
      village: villageName.get(m.body.unitId) ?? "",
      chapterCode: chapterIds[m.chapter]!.code,
      joinedOn: m.body.joinedOn,
      role: m.body.role,
    })),
  );
  await asOwner(tx);
  const rows = await tx
    .selectFrom("members")
    .select(["id", "member_number", "version"])
    .where("commune_id", "=", commune)
    .execute();
  const byNumber = new Map(rows.map((r) => [r.member_number, { id: Number(r.id), version: r.version }]));
  const written: Written[] = [];
  for (const [i, m] of planned.members.entries())
    if (m.entry === "book") written[i] = byNumber.get(m.number!)!;
    else if (m.entry === "form") written[i] = await createMember(tx, admin, m, chapterIds);
  return written;
}

/** The chapter secretary's account, once its chapter exists (its grant names the chapter). */
async function secretaryOf(
  tx: Db,
  plan: DemoAssociationPlan,
  username: string,
  chapterIds: { id: number; code: string }[],
) {
  const user = demoUsers.find((u) => u.username === username);
  const chapter = chapterIds.findIndex((c) => c.code === user?.chapter);
  if (!user || chapter < 0) throw new Error(`Dữ liệu dùng thử: thiếu chi hội của ${username}`);
  await asOwner(tx);
  // Every demo account has the one password: the hash the base demo made is reused (argon2 takes a while).
  const { password_hash } = await tx
    .selectFrom("app_users")
    .select("password_hash")
    .where("username", "=", plan.admin)
    .executeTakeFirstOrThrow();
  await addDemoUser(tx, user, password_hash, chapterIds[chapter]!.id);
  return { actor: await actorOf(tx, username), chapter };
}

async function buildAssociation(tx: Db, plan: DemoAssociationPlan, until: string): Promise<Tally> {
  const commune = await communeId(tx, plan.commune, false);
  const admin = await actorOf(tx, plan.admin);
  if (plan.registrar && plan.organizations.length > 0) {
    // The ward's officer lists the organisations whose chapters the Hội founds.
    const registrar = await actorOf(tx, plan.registrar);
    for (const o of plan.organizations)
      await createItem(
        tx,
        registrar,
        organizations,
        organizationSchemas.input.parse({ unitId: commune, code: o.code, name: o.name, kind: o.kind }),
      );
    await asOwner(tx);
  }
  const ward = await readWard(tx, commune);
  const planned = planAssociation(plan, ward, until);
  const chapterIds: { id: number; code: string }[] = [];
  for (const chapter of planned.chapters) {
    const created = await createItem(tx, admin, chapters, chapterSchemas.input.parse(chapter.body));
    chapterIds.push({ id: Number(created.id), code: String(created.code) });
  }
  const secretary = plan.secretary ? await secretaryOf(tx, plan, plan.secretary, chapterIds) : null;
  for (const [index, chapter] of planned.chapters.entries()) {
    const id = chapterIds[index]!.id;
    for (const term of chapter.terms)
      await setCommittee(
        tx,
        admin,
        id,
        term.officers.map((o) => ({ ...o, termFrom: term.from, termTo: term.to })),
      );
    for (const { year, amount } of chapter.dues) await setChapterDues(tx, admin, id, year, amount);
  }
  const written = await enterBook(tx, admin, commune, planned, chapterIds, ward);
  const thisYear = Number(until.slice(0, 4));
  const update = async (member: number, body: Record<string, unknown>) => {
    const row = written[member]!;
    const parsed = memberSchemas.update.parse({ ...body, version: row.version });
    const after = await updateItem(tx, admin, members, row.id, parsed as typeof parsed & { version: number });
    row.version = Number(after.version);
  };
  let payments = 0;
  for (const event of eventsOf(planned.members)) {
    const m = planned.members[event.member]!;
    if (event.kind === "join") {
      written[event.member] = await createMember(tx, admin, m, chapterIds);
    } else if (event.kind === "transfer") {
      const { on, chapter, unitId } = m.transfer!;
      await update(event.member, { chapterId: chapterIds[chapter]!.id, chapterSince: on, unitId });
    } else if (event.kind === "leave") {
      await update(event.member, { leftOn: m.left!.on, leftReason: m.left!.reason });
    } else {
      const { year, paidOn, collector, amount, chapter } = event.payment;
      const bySecretary = secretary && chapter === secretary.chapter && year === thisYear;
      await payDues(tx, bySecretary ? secretary.actor : admin, written[event.member]!.id, {
        year,
        paidOn,
        collector,
        ...(amount === undefined ? {} : { amount }),
      });
      payments++;
    }
  }
  await asOwner(tx);
  const name = await tx
    .selectFrom("admin_units")
    .select("name")
    .where("id", "=", commune)
    .executeTakeFirstOrThrow();
  return {
    ward: name.name,
    chapters: planned.chapters.length,
    members: planned.members.length,
    left: planned.members.filter((m) => m.left).length,
    moved: planned.members.filter((m) => m.transfer).length,
    payments,
  };
}

/** Loads the demo wards' Hội Khuyến học up to `today` (ISO); one progress line. */
export async function loadDemoAssociation(db: Db, options: { today: string; log: (line: string) => void }) {
  const until = [options.today, todayIso()].sort()[0]!;
  const started = performance.now();
  const parts: string[] = [];
  for (const plan of demoAssociationPlans) {
    const t = await db.transaction().execute((tx) => buildAssociation(tx, plan, until));
    parts.push(
      `${t.ward} ${t.chapters} chi hội, ${t.members} hội viên (${t.left} đã ra hội, ${t.moved} chuyển chi hội), ${t.payments} lần nộp hội phí`,
    );
  }
  options.log(`  Hội Khuyến học: ${parts.join("; ")} (${Math.round(performance.now() - started)} ms)`);
}
