/**
 * `npm run bench:association`: the Hội Khuyến học at national scale (issue 8, acceptance "5 million members").
 * Loads the national territory and households (bench/national/load.ts) into a throw-away PostgreSQL database, then
 * one chapter per village and N members by raw COPY (the membership periods kept by the product's row trigger,
 * counter maintenance off and one recount per commune, as migration 0019 prescribes for bulk work), and measures:
 *
 * - the member import through the product (registry import of the members kind, one CSV per commune, dry run
 *   skipped, one transaction each) against a raw COPY of the same rows: rows/s and the ratio;
 * - GET /stats/association's service (memberRollup) for the nation, the largest province and its largest commune,
 *   and the growth series of the province: p50/p95 over repeated reads;
 * - `stats verify` of one commune (the recount of its counters).
 *
 * Flags: --households N (default 1,000,000), --members N (default 5,000,000), --import-rows N (default 20,000),
 * --reps N (default 30), --database-url URL (default postgres://postgres@127.0.0.1:5432/postgres), --label x,
 * --keep (leave the database hieuhoc_bench_assoc for EXPLAIN).
 * Writes bench/results/<date>-association[-label].json.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { memberRollup, memberSeries } from "../../src/server/modules/association/stats.service";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { importItems } from "../../src/server/registry/import";
import { members as memberKind } from "../../src/shared/registry/kinds";
import { csvLine, hash01, headName } from "../national/data";
import { postgresEngine } from "../national/engine";
import { type Commune, loadNational, villageOf } from "../national/load";
import { summary } from "../national/measure";
import { machine, writeResult } from "../results";

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: {
    households: { type: "string" },
    members: { type: "string" },
    "import-rows": { type: "string" },
    reps: { type: "string" },
    "database-url": { type: "string" },
    label: { type: "string" },
    keep: { type: "boolean" },
  },
});
const number = (value: string | undefined, fallback: number) =>
  value === undefined ? fallback : Number(value.replace(/[_,]/g, ""));
const households = number(flags.households, 1_000_000);
const memberTotal = number(flags.members, 5_000_000);
const importRows = number(flags["import-rows"], 20_000);
const reps = number(flags.reps, 30);
const adminUrl =
  flags["database-url"] ?? process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (t0: number) => Math.round(performance.now() - t0);

const memberColumns = [
  "commune_id",
  "province_id",
  "unit_id",
  "member_number",
  "full_name",
  "sex",
  "birth_year",
  "household_id",
  "chapter_id",
  "joined_on",
  "left_on",
  "left_reason",
];

/** Member k of a commune: a resident of one of its households' villages, joined 2006–2026, one in ten has left. */
function memberLine(commune: Commune, chapterOf: Map<number, number>, k: number, number: string) {
  const household =
    commune.firstHousehold + Math.floor(hash01(commune.id, k, 1) * Math.max(commune.households, 1));
  const village = villageOf(commune, household);
  const year = 2006 + Math.floor(hash01(commune.id, k, 2) * 21);
  const joined = `${year}-${String(1 + (k % 12)).padStart(2, "0")}-${String(1 + (k % 28)).padStart(2, "0")}`;
  const left =
    hash01(commune.id, k, 3) < 0.1 && year < 2026 ? `${year + 1 + (k % (2026 - year))}-06-30` : null;
  return csvLine([
    commune.id,
    commune.provinceId,
    village.id,
    number,
    headName(7_000_000_000 + k),
    hash01(commune.id, k, 4) < 0.55 ? "female" : "male",
    1940 + Math.floor(hash01(commune.id, k, 5) * 60),
    hash01(commune.id, k, 6) < 0.6 && commune.households > 0 ? household : null,
    chapterOf.get(village.id)!,
    joined,
    left && left <= "2026-11-30" ? left : null,
    left && left <= "2026-11-30" ? "moved" : null,
  ]);
}

async function main() {
  const engine = await postgresEngine(adminUrl, "hieuhoc_bench_assoc");
  const db = engine.connection.db;
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: machine(),
    households,
    members: memberTotal,
  };
  try {
    log(`Loading the territory and ${households.toLocaleString("en")} households`);
    const loaded = await loadNational(engine, { households, years: [2025], seed: 1 }, log);

    let t0 = performance.now();
    const villages = loaded.communes.flatMap((c) => c.villages.map((v) => ({ commune: c, village: v })));
    await engine.copy(
      "chapters",
      ["commune_id", "province_id", "unit_id", "code", "name", "kind", "founded_on"],
      villages.map(({ commune, village }, i) =>
        csvLine([
          commune.id,
          commune.provinceId,
          village.id,
          String(i + 1).padStart(6, "0"),
          `Chi hội ${village.name}`,
          "village",
          `${2006 + (i % 15)}-03-01`,
        ]),
      ),
      { countersOff: true },
    );
    const chapterRows = await db.selectFrom("chapters").select(["id", "unit_id"]).execute();
    const chapterOf = new Map(chapterRows.map((r) => [Number(r.unit_id), Number(r.id)]));
    result.chaptersCopyMs = ms(t0);
    log(`  ${chapterRows.length.toLocaleString("en")} chapters (${result.chaptersCopyMs} ms)`);

    // Members in proportion to each commune's households.
    const perCommune = loaded.communes.map((c) => Math.round((memberTotal * c.households) / households));
    t0 = performance.now();
    const copied = await engine.copy(
      "members",
      memberColumns,
      (function* () {
        for (const [i, commune] of loaded.communes.entries())
          for (let k = 0; k < perCommune[i]!; k++)
            yield memberLine(commune, chapterOf, k, String(k + 1).padStart(7, "0"));
      })(),
      { countersOff: true },
    );
    result.membersCopyMs = ms(t0);
    result.membersCopyRowsPerSecond = Math.round(copied / ((result.membersCopyMs as number) / 1000));
    log(`  ${copied.toLocaleString("en")} members with their periods (${result.membersCopyMs} ms)`);
    t0 = performance.now();
    await sql`SELECT count(hieuhoc_recount_commune(id)) FROM admin_units WHERE level = 'commune'`.execute(db);
    await sql`ANALYZE`.execute(db);
    result.recountMs = ms(t0);
    const counterRows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM association_counters`.execute(
      db,
    );
    result.counterRows = counterRows.rows[0]!.n;
    log(`  counters recounted: ${result.counterRows} rows (${result.recountMs} ms)`);

    // The product's member import against a raw COPY of the same rows.
    const targets = loaded.communes.slice(-Math.ceil(importRows / 2000));
    const header = csvLine(["Họ và tên", "Giới tính", "Năm sinh", "Thôn", "Chi hội", "Ngày vào hội"]);
    t0 = performance.now();
    let imported = 0;
    for (const commune of targets) {
      const count = Math.min(2000, importRows - imported);
      if (count <= 0) break;
      const lines = [header];
      for (let k = 0; k < count; k++) {
        const village = commune.villages[k % commune.villages.length]!;
        lines.push(
          csvLine([
            headName(8_000_000_000 + k),
            k % 2 ? "Nam" : "Nữ",
            1950 + (k % 50),
            village.name,
            `Chi hội ${village.name}`,
            `15/0${1 + (k % 9)}/2024`,
          ]),
        );
      }
      const report = await importItems(
        db,
        loaded.actors.nation,
        memberKind,
        commune.id,
        { bytes: new TextEncoder().encode(lines.join("")), name: "hoi-vien.csv" },
        false,
      );
      if (report.errors.length > 0)
        throw new Error(`member import: ${JSON.stringify(report.errors.slice(0, 3))}`);
      imported += report.created;
    }
    const productMs = performance.now() - t0;
    t0 = performance.now();
    let raw = 0;
    const rawCopied = await engine.copy(
      "members",
      memberColumns,
      (function* () {
        for (const commune of targets)
          for (let k = 0; k < 2000 && raw < importRows; k++, raw++)
            yield memberLine(commune, chapterOf, 9_000_000 + k, `R${String(k + 1).padStart(6, "0")}`);
      })(),
    );
    const copyMs = performance.now() - t0;
    result.import = {
      rows: imported,
      productMs: Math.round(productMs),
      productRowsPerSecond: Math.round(imported / (productMs / 1000)),
      copyRows: rawCopied,
      copyMs: Math.round(copyMs),
      copyRowsPerSecond: Math.round(rawCopied / (copyMs / 1000)),
      productShareOfCopy: Number((copyMs / productMs).toPrecision(3)),
    };
    log(`  import: ${JSON.stringify(result.import)}`);

    // The figures.
    const sample = async (work: () => Promise<unknown>) => {
      for (let i = 0; i < 2; i++) await work();
      const samples: number[] = [];
      for (let i = 0; i < reps; i++) {
        const s = performance.now();
        await work();
        samples.push(performance.now() - s);
      }
      return summary(samples);
    };
    const { provinceId, communeId } = loaded.focus;
    result.figures = {
      nation: await sample(() => memberRollup(db, loaded.actors.nation, { year: 2025 })),
      province: await sample(() =>
        memberRollup(db, loaded.actors.province, { unitId: provinceId, year: 2025 }),
      ),
      commune: await sample(() => memberRollup(db, loaded.actors.commune, { unitId: communeId, year: 2025 })),
      provinceSeries: await sample(() =>
        memberSeries(db, loaded.actors.province, { unitId: provinceId, from: 2016, to: 2025 }),
      ),
    };
    log(`  figures: ${JSON.stringify(result.figures)}`);
    const nation = await memberRollup(db, loaded.actors.nation, { year: 2025 });
    const recount = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM members WHERE archived_at IS NULL AND member_kind = 'individual'
        AND joined_on <= '2025-12-31' AND (left_on IS NULL OR left_on > '2025-12-31')`.execute(db);
    result.nationMembers = { counters: nation.figures.members, recount: recount.rows[0]!.n };
    if (nation.figures.members !== recount.rows[0]!.n)
      throw new Error(`national members ${JSON.stringify(result.nationMembers)}`);
    t0 = performance.now();
    const focusCode = loaded.communes.find((c) => c.id === communeId)!.code;
    const verified = await verifyCounters(db, { unitCode: focusCode });
    result.verifyCommuneMs = ms(t0);
    result.verifyDifferences = verified.differences.length;
    result.databaseBytes = await engine.databaseBytes();
  } finally {
    if (flags.keep) await engine.connection.close();
    else await engine.dispose();
  }
  log(`Written ${writeResult("association", flags.label, result)}`);
}

await main();
