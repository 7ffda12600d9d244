/**
 * Demo data for a first run: the seed reports' places (demo-units.ts), a few villages each, and demo accounts;
 * with `history`, years of work in the demo wards up to today (demo-history.ts) and their Hội Khuyến học
 * (demo-association.ts).
 */
import type pg from "pg";
import { hashPassword } from "../auth/passwords";
import { commandLineActor } from "../auth/scope";
import type { Db } from "../db/connection";
import { ensureSeedReportTemplates } from "../modules/reports/templates.service";
import { ensureSeedRubrics } from "../modules/rubrics/rubrics.service";
import { today } from "../modules/territory/dates";
import { importUnitFile } from "../modules/territory/territory.import";
import { insertVillage } from "../modules/territory/territory.service";
import { loadDemoAssociation } from "./demo-association";
import { loadDemoAttendance } from "./demo-attendance";
import { loadDemoCentres } from "./demo-centre-org";
import { loadDemoCentrePlans } from "./demo-centre-plan";
import { loadDemoCentreRatings } from "./demo-centre-rating";
import { loadDemoCommendations } from "./demo-commendations";
import { preparingDb } from "./demo-connection";
import { loadDemoConsents } from "./demo-consent";
import { loadDemoDeadlines } from "./demo-deadlines";
import { loadDemoHistory } from "./demo-history";
import { demoWardPlans } from "./demo-plan";
import { loadDemoReadlog } from "./demo-readlog";
import { loadDemoReports } from "./demo-reports";
import { loadDemoRequests } from "./demo-requests";
import { demoCommunes2025, demoProvinces2025, demoSuccession, demoUnits2025_03 } from "./demo-units";
import { addDemoUser, demoPassword, demoUsers, unitId } from "./demo-users";

export { demoPassword, demoUsers } from "./demo-users";

/** Household heads of the demo: common Vietnamese names, not real people. */
const demoHeads = [
  "Nguyễn Văn An",
  "Trần Thị Bình",
  "Lê Văn Cường",
  "Phạm Thị Dung",
  "Hoàng Văn Đức",
  "Vũ Thị Hoa",
  "Đặng Văn Hùng",
  "Bùi Thị Lan",
];

/** Villages have no official list; these are numbered groups, not real names. */
const demoVillages: { commune: string; villages: [string, string][] }[] = [
  {
    commune: "00103",
    villages: [
      ["Tổ dân phố", "Tổ dân phố số 1"],
      ["Tổ dân phố", "Tổ dân phố số 2"],
      ["Tổ dân phố", "Tổ dân phố số 3"],
    ],
  },
  {
    commune: "00091",
    villages: [
      ["Tổ dân phố", "Tổ dân phố số 1"],
      ["Tổ dân phố", "Tổ dân phố số 2"],
    ],
  },
  {
    commune: "07069",
    villages: [
      ["Khu phố", "Khu phố 1"],
      ["Khu phố", "Khu phố 2"],
      ["Khu phố", "Khu phố 3"],
    ],
  },
  {
    commune: "27169",
    villages: [
      ["Khu phố", "Khu phố 1"],
      ["Khu phố", "Khu phố 2"],
    ],
  },
  {
    commune: "27238",
    villages: [
      ["Khu phố", "Khu phố 1"],
      ["Khu phố", "Khu phố 2"],
    ],
  },
];

/** Four households in each village of a commune, numbered in the commune. */
async function addDemoHouseholds(tx: Db, communeId: number) {
  const province = await tx
    .selectFrom("admin_unit_paths")
    .select("ancestor_id")
    .where("descendant_id", "=", communeId)
    .orderBy("depth", "desc")
    .executeTakeFirstOrThrow();
  const villages = await tx
    .selectFrom("admin_units")
    .select("id")
    .where("parent_id", "=", communeId)
    .orderBy("code")
    .execute();
  let number = 0;
  for (const [villageIndex, village] of villages.entries())
    for (let i = 0; i < 4; i++) {
      number++;
      await tx
        .insertInto("households")
        .values({
          commune_id: communeId,
          province_id: province.ancestor_id,
          village_id: village.id,
          code: String(number).padStart(4, "0"),
          head_name: demoHeads[(villageIndex * 3 + i) % demoHeads.length]!,
          members: 2 + ((villageIndex + i) % 4),
        })
        .onConflict((oc) => oc.columns(["commune_id", "code"]).doNothing())
        .execute();
    }
}

export type LoadDemoOptions = {
  /** Do nothing when the database already has units (the first start of `serve --demo`). */
  ifEmpty?: boolean;
  /** Also the years of work in the demo wards up to `today` (the demo `npm start` shows). */
  history?: boolean;
  /** The connection's pool, when the caller has it: the history then runs on prepared statements (much faster). */
  pool?: pg.Pool;
  /** ISO date the history runs up to (default: today). */
  today?: string;
  /** Progress lines (one per ward and year). */
  log?: (line: string) => void;
};

/** Loads the demo into a database; with `ifEmpty`, does nothing when any unit exists. Returns whether it loaded. */
export async function loadDemo(db: Db, options: LoadDemoOptions = {}): Promise<boolean> {
  if (options.ifEmpty && (await db.selectFrom("admin_units").select("id").limit(1).executeTakeFirst()))
    return false;
  await loadBase(db, Boolean(options.history));
  // Loaded already (a second `hieuhoc demo`): the services would refuse to review and decide again.
  if (!options.history || (await db.selectFrom("registrations").select("id").limit(1).executeTakeFirst()))
    return true;
  const log = options.log ?? (() => {});
  const started = performance.now();
  log("Đang nạp dữ liệu dùng thử các năm (mỗi phường, mỗi năm một dòng)...");
  const prepared = options.pool ? preparingDb(options.pool) : null;
  try {
    const on = { today: options.today ?? today(), log };
    await loadDemoHistory(prepared?.db ?? db, on);
    await loadDemoAssociation(prepared?.db ?? db, on);
    await loadDemoConsents(prepared?.db ?? db, on);
    await loadDemoCentres(prepared?.db ?? db, on);
    await loadDemoAttendance(prepared?.db ?? db, on);
    await loadDemoCentrePlans(prepared?.db ?? db, on);
    await loadDemoCentreRatings(prepared?.db ?? db, on);
    await loadDemoCommendations(prepared?.db ?? db, on);
    await loadDemoRequests(prepared?.db ?? db, on);
    await loadDemoReadlog(prepared?.db ?? db, on);
    await loadDemoDeadlines(prepared?.db ?? db, on);
    await loadDemoReports(prepared?.db ?? db, on);
  } finally {
    await prepared?.release();
  }
  log(`Đã nạp dữ liệu các năm sau ${Math.round(performance.now() - started)} ms.`);
  return true;
}

/** Units, villages, criteria sets and users; households of the wards without history (those with it get theirs there). */
async function loadBase(db: Db, history: boolean) {
  const files = [
    ["units-2025-03", demoUnits2025_03],
    ["provinces-2025", demoProvinces2025],
    ["communes-2025", demoCommunes2025],
    ["succession", demoSuccession],
  ] as const;
  for (const [format, text] of files) {
    const report = await importUnitFile(db, commandLineActor, format, text);
    if (report.errors.length > 0)
      throw new Error(`demo ${format}: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  await ensureSeedRubrics(db);
  await ensureSeedReportTemplates(db);
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction().execute(async (tx) => {
    for (const { commune, villages } of demoVillages) {
      const communeId = await unitId(tx, "commune", commune);
      const existing = await tx
        .selectFrom("admin_units")
        .select("name")
        .where("parent_id", "=", communeId)
        .execute();
      for (const [kind, name] of villages)
        if (!existing.some((e) => e.name === name))
          await insertVillage(tx, commandLineActor, communeId, { kind, name });
      if (!history || !demoWardPlans.some((p) => p.commune === commune))
        await addDemoHouseholds(tx, communeId);
    }
    for (const user of demoUsers) {
      // A chapter secretary's grant names a chapter: created with the Hội's data (demo-association.ts).
      if ((user.withHistory && !history) || user.chapter) continue;
      await addDemoUser(tx, user, passwordHash);
    }
  });
}
