/**
 * The import measurements of the national benchmark (bench/national/measure.ts): the product's household import and
 * evaluations import of generated files against a raw COPY of the same rows, each with a statement profile.
 */
import { Kysely, PostgresDialect, sql } from "kysely";
import { commandLineActor } from "../../src/server/auth/scope";
import type { Db } from "../../src/server/db/connection";
import type { Database } from "../../src/server/db/schema";
import { importEvaluations } from "../../src/server/modules/cycle/evaluations.import";
import { importColumns } from "../../src/server/registry/cells";
import { importItems } from "../../src/server/registry/import";
import { households } from "../../src/shared/registry/kinds";
import { round, significant } from "../results";
import { csvLine, familyItems, hash01 } from "./data";
import type { BenchEngine } from "./engine";
import {
  type Commune,
  householdColumns,
  householdLine,
  type Loaded,
  registrationColumns,
  villageOf,
} from "./load";

function communesFor(loaded: Loaded, rows: number, perCommune: number, existingOnly: boolean) {
  const chosen: { commune: Commune; rows: number }[] = [];
  let left = rows;
  for (let i = loaded.communes.length - 1; i >= 0 && left > 0; i--) {
    const commune = loaded.communes[i]!;
    const take = Math.min(left, perCommune, existingOnly ? commune.households : perCommune);
    if (take === 0) continue;
    chosen.push({ commune, rows: take });
    left -= take;
  }
  return chosen;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Runs `work` on a second Kysely over the same pool that logs every statement: how many statements a row costs,
 * and which ones take the time (the rest of the wall time is JavaScript: parsing, validation, evaluation).
 */
async function profile(engine: BenchEngine, work: (db: Db) => Promise<number>) {
  const stats = new Map<string, { count: number; ms: number }>();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: engine.connection.pool }),
    log: (event) => {
      const key = event.query.sql.replace(/\s+/g, " ").trim().slice(0, 140);
      const entry = stats.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += event.queryDurationMillis;
      stats.set(key, entry);
    },
  });
  const t0 = performance.now();
  const rows = await work(db);
  const ms = performance.now() - t0;
  const all = [...stats.entries()];
  const statements = all.reduce((n, [, e]) => n + e.count, 0);
  const sqlMs = all.reduce((n, [, e]) => n + e.ms, 0);
  return {
    rows,
    ms: Math.round(ms),
    statements,
    statementsPerRow: round(statements / Math.max(rows, 1), 1),
    sqlShareOfTime: round(sqlMs / ms, 2),
    top: all
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 8)
      .map(([text, e]) => ({
        sql: text,
        count: e.count,
        totalMs: Math.round(e.ms),
        avgMs: round(e.ms / e.count, 2),
      })),
  };
}

/**
 * Households: the product's registry import (CSV, one commune per file, validated, one transaction each) vs a raw
 * COPY of the same rows (other codes) into the same communes, with the totals trigger on in both.
 */
export async function householdImport(engine: BenchEngine, loaded: Loaded, rows: number) {
  const files = communesFor(loaded, rows, 2000, false);
  // The columns the lines below are written in (the head's sex is left out: optional, empty cells keep it).
  const header = csvLine(
    importColumns(households)
      .filter((c) => c.key !== "headSex")
      .map((c) => c.label),
  );
  const fileOf = (commune: Commune, count: number, prefix: string) => {
    const lines: string[] = [header];
    for (let k = 0; k < count; k++) {
      const n = 50_000_000 + commune.firstHousehold + k;
      const village = villageOf(commune, n);
      lines.push(
        csvLine([
          `${prefix}${String(k + 1).padStart(6, "0")}`,
          village.name,
          `Hộ ${n}`,
          `Số ${k + 1}, ${village.name}`,
          1 + (k % 7),
          k % 3 === 0 ? `09${String(n).padStart(8, "0")}` : null,
        ]),
      );
    }
    return lines.join("");
  };
  let t0 = performance.now();
  let imported = 0;
  for (const { commune, rows: count } of files) {
    const report = await importItems(
      engine.connection.db,
      loaded.actors.nation,
      households,
      commune.id,
      { bytes: utf8(fileOf(commune, count, "N")), name: "ho-gia-dinh.csv" },
      false,
    );
    if (report.errors.length > 0)
      throw new Error(`household import: ${JSON.stringify(report.errors.slice(0, 3))}`);
    imported += report.created;
  }
  const productMs = performance.now() - t0;
  t0 = performance.now();
  const copied = await engine.copy(
    "households",
    householdColumns.filter((c) => c !== "id"),
    (function* () {
      for (const { commune, rows: count } of files)
        for (let k = 0; k < count; k++)
          yield householdLine(
            commune,
            60_000_000 + commune.firstHousehold + k,
            `R${String(k + 1).padStart(6, "0")}`,
            false,
          );
    })(),
  );
  const copyMs = performance.now() - t0;
  const first = files[0]!;
  const profiled = await profile(engine, async (db) => {
    const report = await importItems(
      db,
      loaded.actors.nation,
      households,
      first.commune.id,
      { bytes: utf8(fileOf(first.commune, first.rows, "P")), name: "ho-gia-dinh.csv" },
      false,
    );
    return report.created;
  });
  return importAgainstCopy(imported, files.length, productMs, copied, copyMs, profiled);
}

/**
 * Household self-assessments: the product's evaluation import (`hieuhoc import evaluations`, one CSV per commune:
 * registers, evaluates with the criteria set, audits) vs a raw COPY of the same evaluated rows for the next year.
 */
export async function evaluationImport(engine: BenchEngine, loaded: Loaded, rows: number, year: number) {
  const files = communesFor(loaded, rows, 1000, true);
  const header = csvLine(["Mã hộ", ...familyItems.map((i) => `${i.key} (${i.maxPoints} điểm)`)]);
  const importFile = async (db: Db, commune: Commune, count: number, fileYear: number) => {
    const lines = [header];
    for (let k = 0; k < count; k++) {
      const a = loaded.pool[Math.floor(hash01(commune.firstHousehold + k, year, 3) * loaded.pool.length)]!;
      lines.push(
        csvLine([String(k + 1).padStart(6, "0"), ...familyItems.map((i) => a.scores[i.key] ?? null)]),
      );
    }
    const report = await importEvaluations(db, commandLineActor, {
      unitId: commune.id,
      title: "learning_family",
      year: fileYear,
      file: { bytes: utf8(lines.join("")), name: "ket-qua-tu-danh-gia.csv" },
      dryRun: false,
    });
    if (report.errors.length > 0)
      throw new Error(`evaluation import: ${JSON.stringify(report.errors.slice(0, 3))}`);
    return report.updated;
  };
  let t0 = performance.now();
  let written = 0;
  for (const { commune, rows: count } of files)
    written += await importFile(engine.connection.db, commune, count, year);
  const productMs = performance.now() - t0;
  const { rows: maxRows } = await sql<{ id: number }>`SELECT max(id)::int AS id FROM registrations`.execute(
    engine.connection.db,
  );
  let id = maxRows[0]!.id + 1000;
  t0 = performance.now();
  const copied = await engine.copy(
    "registrations",
    registrationColumns,
    (function* () {
      for (const { commune, rows: count } of files)
        for (let k = 0; k < count; k++) {
          const h = commune.firstHousehold + k;
          const a = loaded.pool[Math.floor(hash01(h, year, 3) * loaded.pool.length)]!;
          yield csvLine([
            commune.id,
            id++,
            commune.provinceId,
            villageOf(commune, h).id,
            year + 1,
            "learning_family",
            "household",
            h,
            loaded.rubricId,
            "assessed",
            `${year + 1}-03-15 08:00:00+07`,
            a.assessment,
            a.result,
            a.passed,
            a.grade,
            `${year + 1}-10-01 09:00:00+07`,
            null,
            null,
          ]);
        }
    })(),
  );
  const copyMs = performance.now() - t0;
  await sql`SELECT setval(pg_get_serial_sequence('registrations', 'id'), (SELECT max(id) FROM registrations))`.execute(
    engine.connection.db,
  );
  return importAgainstCopy(
    written,
    files.length,
    productMs,
    copied,
    copyMs,
    await profile(engine, (db) => importFile(db, files[0]!.commune, Math.min(files[0]!.rows, 200), year + 2)),
  );
}

/** The product's import against a raw COPY of the same rows: times, rates and the share (COPY ÷ product). */
function importAgainstCopy<P>(
  rows: number,
  files: number,
  productMs: number,
  copyRows: number,
  copyMs: number,
  profile: P,
) {
  return {
    rows,
    files,
    productMs: Math.round(productMs),
    productRowsPerSecond: Math.round(rows / (productMs / 1000)),
    copyRows,
    copyMs: Math.round(copyMs),
    copyRowsPerSecond: Math.round(copyRows / (copyMs / 1000)),
    productShareOfCopy: significant(copyMs / productMs),
    profile,
  };
}
