/**
 * One big self-assessment file (issue 13 point 3): a ward of N households (default 15,000) imported in one file by
 * `importEvaluations`, then the same file again (all unchanged), against a raw COPY of the same evaluated rows into
 * registrations (the next year). `node --import tsx bench/evaluation-file.ts --engine pglite|postgres --rows 15000
 * [--database-url postgres://…] [--label x]` writes bench/results/<date>-evaluation-file-<engine>[-x].json.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { commandLineActor } from "../src/server/auth/scope";
import { migrate } from "../src/server/db/migrate";
import { loadDemo } from "../src/server/demo/demo";
import { importEvaluations } from "../src/server/modules/cycle/evaluations.import";
import { rubricForYear } from "../src/server/modules/rubrics/rubrics.service";
import { type BenchEngine, pgliteEngine, postgresEngine } from "./national/engine";
import { registrationColumns } from "./national/load";
import { machine, numberFlag, writeResult } from "./results";

const { values: flags } = parseArgs({
  options: {
    engine: { type: "string" },
    rows: { type: "string" },
    "database-url": { type: "string" },
    label: { type: "string" },
  },
});
const rows = numberFlag(flags.rows, 15_000);
const year = 2026;
const csvField = (v: string | number | boolean | null) => {
  if (v === null) return "";
  const text = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const line = (values: (string | number | boolean | null)[]) => `${values.map(csvField).join(",")}\n`;

async function run(engine: BenchEngine) {
  const db = engine.connection.db;
  await migrate(db);
  await loadDemo(db);
  const ward = await db
    .selectFrom("admin_units")
    .select("id")
    .where("code", "=", "00103")
    .where("valid_to", "is", null)
    .executeTakeFirstOrThrow();
  const { rows: top } = await sql<{ province_id: number }>`SELECT p.ancestor_id AS province_id
    FROM admin_unit_paths p WHERE p.descendant_id = ${ward.id} ORDER BY p.depth DESC LIMIT 1`.execute(db);
  await sql`INSERT INTO households (commune_id, province_id, village_id, code, head_name, members)
    SELECT ${ward.id}, ${top[0]!.province_id}, v.ids[1 + g % array_length(v.ids, 1)], 'B' || lpad(g::text, 6, '0'),
      'Chủ hộ ' || g, 1 + g % 6
    FROM generate_series(1, ${rows}) g,
      (SELECT array_agg(id ORDER BY id) AS ids FROM admin_units WHERE parent_id = ${ward.id} AND valid_to IS NULL) v`.execute(
    db,
  );
  const rubric = await rubricForYear(db, "learning_family", year, top[0]!.province_id);
  if (rubric.definition.scheme !== "points") throw new Error("a points set was expected");
  const items = rubric.definition.criteria.flatMap((c) => c.items);
  const lines = [line(["Mã hộ", ...items.map((i) => `${i.key} (${i.maxPoints} điểm)`)])];
  for (let g = 1; g <= rows; g++)
    lines.push(
      line([`B${String(g).padStart(6, "0")}`, ...items.map((i, k) => (g * 7 + k) % (i.maxPoints + 1))]),
    );
  const file = { bytes: new TextEncoder().encode(lines.join("")), name: "ket-qua.csv" };
  const importOnce = async () => {
    const t0 = performance.now();
    const report = await importEvaluations(db, commandLineActor, {
      unitId: ward.id,
      title: "learning_family",
      year,
      file,
      dryRun: false,
    });
    if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors.slice(0, 3)));
    const ms = performance.now() - t0;
    return {
      ...report,
      errors: undefined,
      ms: Math.round(ms),
      rowsPerSecond: Math.round(rows / (ms / 1000)),
    };
  };
  const first = await importOnce();
  const again = await importOnce();
  const { rows: written } = await sql<Record<string, unknown>>`SELECT commune_id, province_id, village_id,
    subject_id, rubric_id, assessment, result, passed, grade FROM registrations
    WHERE commune_id = ${ward.id} AND year = ${year} ORDER BY id`.execute(db);
  const { rows: max } = await sql<{ id: number }>`SELECT max(id)::int AS id FROM registrations`.execute(db);
  let id = max[0]!.id + 1000;
  const t0 = performance.now();
  const copied = await engine.copy(
    "registrations",
    registrationColumns,
    written.map((r) =>
      line([
        r.commune_id as number,
        id++,
        r.province_id as number,
        r.village_id as number,
        year + 1,
        "learning_family",
        "household",
        r.subject_id as number,
        r.rubric_id as number,
        "assessed",
        `${year + 1}-03-15 08:00:00+07`,
        JSON.stringify(r.assessment),
        JSON.stringify(r.result),
        r.passed as boolean,
        r.grade as string,
        `${year + 1}-10-01 09:00:00+07`,
        null,
        null,
      ]),
    ),
  );
  const copyMs = performance.now() - t0;
  return {
    rows,
    first,
    again,
    copy: { rows: copied, ms: Math.round(copyMs), rowsPerSecond: Math.round(copied / (copyMs / 1000)) },
    importShareOfCopy: Math.round((copyMs / first.ms) * 1000) / 1000,
  };
}

const engine =
  flags.engine === "postgres"
    ? await postgresEngine(
        flags["database-url"] ?? "postgres://postgres@127.0.0.1:5432/postgres",
        "hieuhoc_bench_evalfile",
      )
    : await pgliteEngine();
try {
  const at = new Date();
  const result = { at: at.toISOString(), machine: machine(), engine: engine.name, ...(await run(engine)) };
  console.log(JSON.stringify(result, null, 2));
  console.log(writeResult(`evaluation-file-${engine.name}`, flags.label, result, at));
} finally {
  await engine.dispose();
}
