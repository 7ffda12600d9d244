/**
 * Loads the national data into one engine: units through the product's import (`hieuhoc units import`), villages
 * by COPY (row triggers keep the closure table and the village totals), then households, decisions and
 * registrations by raw COPY with counter maintenance off and one recount of every commune, as migration 0003
 * prescribes for bulk work.
 */
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { type Actor, commandLineActor, loadActor } from "../../src/server/auth/scope";
import { migrate } from "../../src/server/db/migrate";
import { ensureSeedRubrics } from "../../src/server/modules/rubrics/rubrics.service";
import { importUnitFile } from "../../src/server/modules/territory/territory.import";
import {
  type Assessment,
  assessmentPool,
  csvLine,
  dvhc,
  hash01,
  headName,
  householdsPerCommune,
  readCommunes,
  villagesOf,
} from "./data";
import type { BenchEngine } from "./engine";

export type LoadOptions = { households: number; years: number[]; seed: number };

export type Commune = {
  index: number;
  id: number;
  code: string;
  name: string;
  provinceId: number;
  villages: { id: number; name: string }[];
  households: number;
  /** Id of the commune's first household (ids are dense, commune after commune). */
  firstHousehold: number;
};

export type Loaded = {
  communes: Commune[];
  provinces: { id: number; code: string; name: string }[];
  rubricId: number;
  pool: Assessment[];
  actors: { nation: Actor; issuer: Actor; province: Actor; commune: Actor };
  /** The province and commune whose users are `province` and `commune`. */
  focus: { provinceId: number; communeId: number };
  counts: { villages: number; households: number; registrations: number; decisions: number };
  timings: Record<string, number>;
  databaseBytes: number;
};

const ms = (t0: number) => Math.round(performance.now() - t0);

export const registrationColumns = [
  "commune_id",
  "id",
  "province_id",
  "village_id",
  "year",
  "title",
  "subject_kind",
  "subject_id",
  "rubric_id",
  "status",
  "registered_at",
  "assessment",
  "result",
  "passed",
  "grade",
  "assessed_at",
  "decision_id",
  "certificate_code",
];

export const householdColumns = [
  "commune_id",
  "id",
  "province_id",
  "village_id",
  "code",
  "head_name",
  "address",
  "members",
  "phone",
];

export const villageOf = (commune: Commune, householdId: number) =>
  commune.villages[Math.floor(hash01(householdId, 3) * commune.villages.length)]!;

/** A household row in `householdColumns` order (without the id when withId is false: the sequence gives one). */
export function householdLine(commune: Commune, householdId: number, code: string, withId = true) {
  const village = villageOf(commune, householdId);
  const n = householdId;
  return csvLine([
    commune.id,
    ...(withId ? [n] : []),
    commune.provinceId,
    village.id,
    code,
    headName(n),
    `Số ${1 + (n % 180)}, ${village.name}`,
    1 + Math.floor(hash01(n, 5) * 7),
    hash01(n, 6) < 0.4 ? `09${String(n % 100_000_000).padStart(8, "0")}` : null,
  ]);
}

async function* households(communes: Commune[]) {
  for (const c of communes)
    for (let k = 0; k < c.households; k++)
      yield householdLine(c, c.firstHousehold + k, String(k + 1).padStart(6, "0"));
}

const decisionId = (communeIndex: number, yearIndex: number) => communeIndex * 16 + yearIndex + 1;

/**
 * Registrations of every year: past years are closed (recognised by the commune's decision, not proposed, or
 * withdrawn); the last year is open (registered, or self-assessed).
 */
async function* registrations(loaded: Pick<Loaded, "communes" | "rubricId" | "pool">, years: number[]) {
  let id = 0;
  const current = years.length - 1;
  for (const c of loaded.communes)
    for (let k = 0; k < c.households; k++) {
      const h = c.firstHousehold + k;
      const village = villageOf(c, h);
      for (const [yi, year] of years.entries()) {
        if (hash01(h, year, 1) > (yi === current ? 0.85 : 0.8 + 0.03 * yi)) continue;
        id++;
        const u = hash01(h, year, 2);
        const a = loaded.pool[Math.floor(hash01(h, year, 3) * loaded.pool.length)]!;
        let status: string;
        if (yi === current) status = u < 0.45 ? "registered" : "assessed";
        else if (u < 0.03) status = "withdrawn";
        else status = a.passed && u < 0.93 ? "recognized" : "not_proposed";
        const assessed = status !== "registered";
        const recognized = status === "recognized";
        yield csvLine([
          c.id,
          id,
          c.provinceId,
          village.id,
          year,
          "learning_family",
          "household",
          h,
          loaded.rubricId,
          status,
          `${year}-03-15 08:00:00+07`,
          assessed ? a.assessment : null,
          assessed ? a.result : null,
          assessed ? a.passed : null,
          assessed ? a.grade : null,
          assessed ? `${year}-10-01 09:00:00+07` : null,
          recognized ? decisionId(c.index, yi) : null,
          recognized ? `B${year}${id}` : null,
        ]);
      }
    }
}

async function createUsers(engine: BenchEngine, provinceId: number, communeId: number) {
  const db = engine.connection.db;
  const user = async (username: string, fullName: string, role: string, unitId: number | null) => {
    const { id } = await db
      .insertInto("app_users")
      .values({ username, full_name: fullName, password_hash: "!benchmark: no sign-in" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("role_grants")
      .values({ user_id: id, role: role as "viewer", unit_id: unitId })
      .execute();
    return loadActor(db, id, fullName);
  };
  return {
    nation: await user("bench.quantri", "Nguyễn Văn Quản", "system_admin", null),
    issuer: await user("bench.duyet", "Trần Thị Duyệt", "system_admin", null),
    province: await user("bench.tinh", "Lê Minh Tỉnh", "unit_admin", provinceId),
    commune: await user("bench.xa", "Phạm Thu Xã", "data_entry", communeId),
  };
}

export async function loadNational(
  engine: BenchEngine,
  options: LoadOptions,
  log: (line: string) => void,
): Promise<Loaded> {
  const db = engine.connection.db;
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  await migrate(db);
  await ensureSeedRubrics(db);
  timings.migrateMs = ms(t0);

  t0 = performance.now();
  for (const [format, file] of [
    ["provinces-2025", "provinces-2025.csv"],
    ["communes-2025", "communes-2025.csv"],
  ] as const) {
    const report = await importUnitFile(
      db,
      commandLineActor,
      format,
      readFileSync(`${dvhc}/${file}`, "utf8"),
    );
    if (report.errors.length > 0) throw new Error(`${file}: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  timings.unitImportMs = ms(t0);
  log(`  units imported (${timings.unitImportMs} ms)`);

  const provinces = await db
    .selectFrom("admin_units")
    .select(["id", "code", "name"])
    .where("level", "=", "province")
    .where("valid_to", "is", null)
    .orderBy("code")
    .execute();
  const rows = await db
    .selectFrom("admin_units as c")
    .innerJoin("admin_units as p", "p.id", "c.parent_id")
    .select(["c.id", "c.code", "c.name", "p.id as province_id"])
    .where("c.level", "=", "commune")
    .where("c.valid_to", "is", null)
    .where("p.level", "=", "province")
    .orderBy("c.code")
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const listed = readCommunes().filter((c) => byCode.has(c.code));
  if (listed.length !== 3321 || provinces.length !== 34)
    log(
      `  note: ${provinces.length} provinces and ${listed.length} communes in force (expected 34 and 3,321)`,
    );
  const perCommune = householdsPerCommune(options.households, listed.length, options.seed);

  t0 = performance.now();
  const villageSpecs = listed.map((c, i) => ({
    commune: byCode.get(c.code)!,
    villages: villagesOf(i, c.name, options.seed),
  }));
  const villageCount = await engine.copy(
    "admin_units",
    ["level", "code", "name", "kind", "parent_id", "valid_from"],
    (function* () {
      for (const { commune, villages } of villageSpecs)
        for (const v of villages)
          yield csvLine(["village", v.code, v.name, v.kind, commune.id, "2025-07-01"]);
    })(),
  );
  timings.villagesCopyMs = ms(t0);
  log(`  ${villageCount.toLocaleString("en")} villages (${timings.villagesCopyMs} ms)`);
  const villageRows = await db
    .selectFrom("admin_units")
    .select(["id", "parent_id", "name"])
    .where("level", "=", "village")
    .orderBy("parent_id")
    .orderBy("code")
    .execute();
  const villagesByCommune = new Map<number, { id: number; name: string }[]>();
  for (const v of villageRows) {
    const list = villagesByCommune.get(v.parent_id!) ?? [];
    list.push({ id: v.id, name: v.name });
    villagesByCommune.set(v.parent_id!, list);
  }
  let next = 1;
  const communes: Commune[] = listed.map((c, index) => {
    const row = byCode.get(c.code)!;
    const commune = {
      index,
      id: row.id,
      code: c.code,
      name: row.name,
      provinceId: row.province_id,
      villages: villagesByCommune.get(row.id) ?? [],
      households: perCommune[index]!,
      firstHousehold: next,
    };
    next += commune.households;
    return commune;
  });

  // The users of the measurements: the largest province and its largest commune.
  const sizeOf = new Map<number, number>();
  for (const c of communes) sizeOf.set(c.provinceId, (sizeOf.get(c.provinceId) ?? 0) + c.households);
  const focusProvince = [...sizeOf.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const focusCommune = communes
    .filter((c) => c.provinceId === focusProvince)
    .sort((a, b) => b.households - a.households)[0]!.id;
  const actors = await createUsers(engine, focusProvince, focusCommune);
  const rubric = await db
    .selectFrom("rubrics")
    .select("id")
    .where("code", "=", "qd448-2015-gdht")
    .executeTakeFirstOrThrow();
  const pool = assessmentPool(options.seed);

  t0 = performance.now();
  const householdCount = await engine.copy("households", householdColumns, households(communes), {
    countersOff: true,
  });
  timings.householdsCopyMs = ms(t0);
  log(`  ${householdCount.toLocaleString("en")} households (${timings.householdsCopyMs} ms)`);

  t0 = performance.now();
  const past = options.years.slice(0, -1);
  const decisionCount = await engine.copy(
    "decisions",
    [
      "commune_id",
      "id",
      "province_id",
      "year",
      "title",
      "kind",
      "number",
      "signed_on",
      "agency_name",
      "signer_title",
      "signer_name",
      "status",
      "created_by",
      "created_by_name",
      "issued_by",
      "issued_by_name",
      "issued_at",
    ],
    (function* () {
      for (const c of communes)
        for (const [yi, year] of past.entries())
          yield csvLine([
            c.id,
            decisionId(c.index, yi),
            c.provinceId,
            year,
            "learning_family",
            "recognition",
            `${(c.index % 900) + 1}/QĐ-UBND`,
            `${year}-12-20`,
            `UBND ${c.name.toUpperCase()}`,
            "CHỦ TỊCH",
            headName(1_000_000_000 + c.index),
            "issued",
            actors.nation.userId,
            actors.nation.name,
            actors.issuer.userId,
            actors.issuer.name,
            `${year}-12-20 10:00:00+07`,
          ]);
    })(),
  );
  const registrationCount = await engine.copy(
    "registrations",
    registrationColumns,
    registrations({ communes, rubricId: rubric.id, pool }, options.years),
    { countersOff: true },
  );
  timings.registrationsCopyMs = ms(t0);
  log(`  ${registrationCount.toLocaleString("en")} registrations (${timings.registrationsCopyMs} ms)`);

  for (const table of ["households", "registrations", "decisions"] as const)
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(
      db,
    );
  t0 = performance.now();
  await sql`SELECT count(hieuhoc_recount_commune(id)) FROM admin_units WHERE level = 'commune'`.execute(db);
  timings.recountMs = ms(t0);
  log(`  counters recounted for every commune (${timings.recountMs} ms)`);
  t0 = performance.now();
  await sql`ANALYZE`.execute(db);
  timings.analyzeMs = ms(t0);

  return {
    communes,
    provinces,
    rubricId: rubric.id,
    pool,
    actors,
    focus: { provinceId: focusProvince, communeId: focusCommune },
    counts: {
      villages: villageCount,
      households: householdCount,
      registrations: registrationCount,
      decisions: decisionCount,
    },
    timings,
    databaseBytes: await engine.databaseBytes(),
  };
}
