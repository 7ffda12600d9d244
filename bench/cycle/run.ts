/**
 * `npm run bench:cycle`: the whole yearly cycle of one ward in bulk (issue 13 §4). On a fresh database (the
 * product's migrations and demo), the demo ward Tây Hồ gets ~25 villages and N households through the registry's
 * household import; then each step is timed through the product's services, as an officer would run it:
 *
 * (a) the self-assessments of every household from one CSV file (importEvaluations);
 * (b) the review council's results, one outcome per registration, most proposed (holdReview);
 * (c) one recognition decision for everyone proposed (draftDecision, by the ward's officer);
 * (d) issued by the ward's reviewer (issueDecision: the four-eyes rule);
 * (e) the decision's certificates as one PDF (decisionCertificates), with its size and the process's peak memory.
 *
 * Between steps the registrations per status are counted with direct SQL and the counters checked against a
 * recount (verifyCounters). Flags: --households N (default 15,000), --engine pglite|postgres (default pglite),
 * --database-url URL (PostgreSQL's admin URL), --skip-pdf, --label x. Writes bench/results/<date>-cycle[-label].json.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { communeId } from "../../src/cli/import";
import { commandLineActor } from "../../src/server/auth/scope";
import { type Connection, connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";
import { loadDemo } from "../../src/server/demo/demo";
import { actorOf } from "../../src/server/demo/demo-history";
import { importHouseholdList } from "../../src/server/demo/demo-registry";
import { decisionCertificates } from "../../src/server/modules/cycle/certificates.service";
import { draftDecision, holdReview, issueDecision } from "../../src/server/modules/cycle/decisions.service";
import { importEvaluations } from "../../src/server/modules/cycle/evaluations.import";
import { rubricForYear } from "../../src/server/modules/rubrics/rubrics.service";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { unitContext } from "../../src/server/modules/territory/territory.repo";
import { createVillage } from "../../src/server/modules/territory/territory.service";
import { vietnameseName } from "../../test/fixtures/households";
import { postgresEngine } from "../national/engine";
import { defaultAdminUrl, log, machine, ms, numberFlag, writeResult } from "../results";

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: {
    households: { type: "string" },
    engine: { type: "string" },
    "database-url": { type: "string" },
    "skip-pdf": { type: "boolean" },
    label: { type: "string" },
  },
});
const households = numberFlag(flags.households, 15_000);
const engineName = flags.engine === "postgres" ? "postgres" : "pglite";
const WARD = "00103";
const YEAR = 2025;
const VILLAGES = 25;

async function open(): Promise<{ connection: Connection; dispose: () => Promise<void> }> {
  if (engineName === "postgres") {
    const engine = await postgresEngine(defaultAdminUrl(flags["database-url"]), "hieuhoc_bench_cycle");
    return { connection: engine.connection, dispose: engine.dispose };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-bench-cycle-"));
  const connection = await connect({ dataDir: path.join(dir, "pglite") });
  return {
    connection,
    dispose: async () => {
      await connection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const csv = (rows: (string | number)[][]) =>
  new TextEncoder().encode(
    `${rows.map((r) => r.map((c) => String(c).replace(/,/g, " ")).join(",")).join("\n")}\n`,
  );

/** Peak resident memory while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakRssMiB: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const { connection, dispose } = await open();
  const db = connection.db;
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: machine(),
    engine: engineName,
    households,
  };
  const steps: Record<string, { records: number; ms: number; perSecond: number; [k: string]: unknown }> = {};
  const step = async <T>(name: string, records: number, work: () => Promise<T>) => {
    const t0 = performance.now();
    const value = await work();
    const took = ms(t0);
    steps[name] = { records, ms: took, perSecond: Math.round(records / (took / 1000)) };
    log(`  ${name}: ${records.toLocaleString("en")} in ${took} ms (${steps[name].perSecond}/s)`);
    return value;
  };
  const statuses = async () => {
    const { rows } = await sql<{ status: string; n: number }>`SELECT r.status, count(*)::int AS n
      FROM registrations r JOIN admin_units c ON c.id = r.commune_id
      WHERE c.code = ${WARD} AND c.valid_to IS NULL AND r.year = ${YEAR} GROUP BY 1 ORDER BY 1`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  };
  const countersEqualRecount = async (after: string) => {
    const { differences } = await verifyCounters(db, { unitCode: WARD, year: YEAR });
    if (differences.length > 0) throw new Error(`counters after ${after}: ${JSON.stringify(differences)}`);
  };
  try {
    log(`Preparing ${engineName}: migrations, demo, ${VILLAGES} villages, ${households} households`);
    const t0 = performance.now();
    await migrate(db);
    await loadDemo(db);
    const wardId = await communeId(db, WARD);
    if (wardId === null) throw new Error(`The demo has no commune ${WARD}`);
    const ward = { id: wardId };
    const officer = await actorOf(db, "tayho");
    const reviewer = await actorOf(db, "tayho.duyet");
    const existing = await db
      .selectFrom("admin_units")
      .select("name")
      .where("parent_id", "=", ward.id)
      .execute();
    for (let i = existing.length + 1; i <= VILLAGES; i++)
      await createVillage(db, commandLineActor, ward.id, { name: `Tổ dân phố số ${i}`, kind: "Tổ dân phố" });
    const villages = (
      await db
        .selectFrom("admin_units")
        .select("name")
        .where("parent_id", "=", ward.id)
        .orderBy("id")
        .execute()
    ).map((v) => v.name);
    await db.transaction().execute((tx) =>
      importHouseholdList(
        tx,
        commandLineActor,
        ward.id,
        Array.from({ length: households }, (_, i) => ({
          code: `BH${String(i + 1).padStart(6, "0")}`,
          village: villages[i % villages.length]!,
          headName: vietnameseName(i),
          headSex: i % 3 === 0 ? "female" : "male",
          members: 2 + (i % 5),
          address: `Số ${i + 1}, ${villages[i % villages.length]}`,
        })),
      ),
    );
    result.prepareMs = ms(t0);
    log(`  prepared (${result.prepareMs} ms)`);

    // (a) One file of self-assessments: every household, one in ten below the pass mark (zero everywhere).
    const provinceId = (await unitContext(db, ward.id))!.provinceId;
    const rubric = await rubricForYear(db, "learning_family", YEAR, provinceId);
    if (rubric.definition.scheme !== "points") throw new Error("a points criteria set is expected");
    const items = rubric.definition.criteria.flatMap((c) => c.items);
    const codes = (
      await db
        .selectFrom("households")
        .select("code")
        .where("commune_id", "=", ward.id)
        .where("archived_at", "is", null)
        .orderBy("id")
        .execute()
    ).map((h) => h.code!);
    const file = csv([
      ["Mã hộ", ...items.map((i) => `${i.key} (${i.maxPoints} điểm)`)],
      ...codes.map((code, n) => [code, ...items.map((i) => (n % 10 === 9 ? 0 : i.maxPoints))]),
    ]);
    const imported = await step("a_importEvaluations", codes.length, () =>
      importEvaluations(db, officer, {
        unitId: ward.id,
        title: "learning_family",
        year: YEAR,
        file: { bytes: file, name: "tu-danh-gia.csv" },
        dryRun: false,
      }),
    );
    if (imported.errors.length > 0) throw new Error(`import: ${JSON.stringify(imported.errors.slice(0, 3))}`);
    result.afterImport = await statuses();
    await countersEqualRecount("the import");

    // (b) The review council: one outcome per registration, those who passed proposed, with the version read.
    const registrations = await db
      .selectFrom("registrations")
      .select(["id", "passed", "version"])
      .where("commune_id", "=", ward.id)
      .where("year", "=", YEAR)
      .where("title", "=", "learning_family")
      .orderBy("id")
      .execute();
    await step("b_holdReview", registrations.length, () =>
      holdReview(db, officer, {
        unitId: ward.id,
        year: YEAR,
        title: "learning_family",
        heldOn: `${YEAR}-11-20`,
        participants: "Hội đồng bình xét phường Tây Hồ",
        outcomes: registrations.map((r) => ({
          registrationId: r.id,
          proposed: r.passed === true,
          version: r.version,
          ...(r.passed ? {} : { note: "Chưa đạt điểm tối thiểu" }),
        })),
      }),
    );
    result.afterReview = await statuses();
    await countersEqualRecount("the review");

    // (c) One decision for everyone proposed; (d) issued by the reviewer.
    const proposed = registrations.filter((r) => r.passed === true).map((r) => r.id);
    const decision = await step("c_draftDecision", proposed.length, () =>
      draftDecision(db, officer, {
        communeId: ward.id,
        year: YEAR,
        title: "learning_family",
        kind: "recognition",
        number: `${YEAR}/QĐ-UBND`,
        signedOn: `${YEAR}-12-15`,
        agencyName: "UBND Phường Tây Hồ",
        signerTitle: "Chủ tịch",
        signerName: "Nguyễn Văn Bình",
        registrationIds: proposed,
      }),
    );
    await step("d_issueDecision", proposed.length, () => issueDecision(db, reviewer, decision.id));
    result.afterIssue = await statuses();
    await countersEqualRecount("the decision");
    const { rows: codeCheck } = await sql<{ n: number; distinct: number }>`SELECT count(*)::int AS n,
        count(DISTINCT certificate_code)::int AS distinct FROM registrations
      WHERE commune_id = ${ward.id} AND decision_id = ${decision.id}`.execute(db);
    if (codeCheck[0]!.n !== proposed.length || codeCheck[0]!.distinct !== proposed.length)
      throw new Error(`certificate codes ${JSON.stringify(codeCheck[0])}`);

    // (e) The decision's certificates, one PDF.
    if (!flags["skip-pdf"]) {
      const { value, peakRssMiB } = await withPeakRss(() =>
        step("e_decisionCertificates", proposed.length, async () => {
          const out = await decisionCertificates(db, officer, decision.id, "https://hieuhoc.example.vn");
          let bytes = 0;
          if (out instanceof Uint8Array) bytes = out.byteLength;
          else for await (const chunk of out as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
          return bytes;
        }),
      );
      Object.assign(steps.e_decisionCertificates!, { pdfBytes: value, peakRssMiB });
      log(`  PDF ${(value / 2 ** 20).toFixed(1)} MiB, peak RSS ${peakRssMiB} MiB`);
    }
    result.steps = steps;
    const total = Object.values(steps).reduce((sum, s) => sum + s.ms, 0);
    result.totalSeconds = Math.round(total / 100) / 10;
    result.loadAverageAtEnd = machine().loadAverageAtStart;
    log(`Total ${result.totalSeconds} s; statuses ${JSON.stringify(result.afterIssue)}`);
  } finally {
    await dispose();
  }
  log(
    `Written ${writeResult("cycle", flags.label ?? (engineName === "postgres" ? "pg" : undefined), result)}`,
  );
}

await main();
