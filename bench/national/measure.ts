/**
 * The measurements of issue 4 point 7 on one loaded engine: product import vs raw COPY, dashboard roll-ups vs a
 * direct GROUP BY, one evaluation write with its counters, and the freshness of a decision in the national figure.
 */
import { sql } from "kysely";
import { type Actor, asActor } from "../../src/server/auth/scope";
import type { Db } from "../../src/server/db/connection";
import { draftDecision, holdReview, issueDecision } from "../../src/server/modules/cycle/decisions.service";
import { assessRegistration } from "../../src/server/modules/cycle/registrations.service";
import { rollup } from "../../src/server/modules/stats/rollup";
import { nearestRank, round, significant } from "../results";
import type { BenchEngine } from "./engine";
import { evaluationImport, householdImport } from "./imports";
import type { Loaded } from "./load";

export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => nearestRank(sorted, q);
  return {
    n: sorted.length,
    p50Ms: round(at(0.5), 2),
    p95Ms: round(at(0.95), 2),
    maxMs: round(sorted[sorted.length - 1]!, 2),
  };
}

async function sample(times: number, work: () => Promise<unknown>, warmup = 2) {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return summary(samples);
}

/** Communes taken from the end of the list (away from the focus users) until `rows` households are covered. */
type Sums = { total: number; registered: number; recognized: number };

/** The product's national roll-up (GET /stats/rollup without a unit: the nation's figures, 34 province rows, targets). */
async function productNation(db: Db, actor: Actor, year: number): Promise<Sums> {
  const f = (await rollup(db, actor, { year, title: "learning_family" })).titles[0]!.figures;
  return { total: f.total, registered: f.registered, recognized: f.recognized };
}

/**
 * The national figure by the roll-up's own query (stats.service.ts subtreeCounts: closure table joined to the
 * counters) with the 34 provinces as the ancestors, summed: there is no nation unit to pass to rollup().
 */
export async function nationalFigure(
  db: Db,
  actor: Actor,
  provinceIds: number[],
  year: number,
  jitOff = false,
): Promise<Sums> {
  return asActor(db, actor, async (tx) => {
    if (jitOff) await sql`SET LOCAL jit = off`.execute(tx);
    const { rows } = await sql<{ total: number; registered: number; recognized: number }>`
      WITH totals AS (
        SELECT p.ancestor_id AS unit_id, t.title, sum(t.total)::int AS total
        FROM admin_unit_paths p JOIN title_totals t ON t.unit_id = p.descendant_id
        WHERE p.ancestor_id = ANY (${provinceIds}::bigint[]) AND t.title = 'learning_family'
        GROUP BY 1, 2
      ), counters AS (
        SELECT p.ancestor_id AS unit_id, c.title, sum(c.registered)::int AS registered,
          sum(c.recognized)::int AS recognized, sum(c.recognized_good)::int AS recognized_good,
          sum(c.recognized_fair)::int AS recognized_fair, sum(c.recognized_average)::int AS recognized_average,
          sum(c.level1)::int AS level1, sum(c.level2)::int AS level2
        FROM admin_unit_paths p JOIN title_counters c ON c.unit_id = p.descendant_id
        WHERE p.ancestor_id = ANY (${provinceIds}::bigint[]) AND c.year = ${year} AND c.title = 'learning_family'
        GROUP BY 1, 2
      )
      SELECT sum(coalesce(t.total, 0))::int AS total, sum(coalesce(c.registered, 0))::int AS registered,
        sum(coalesce(c.recognized, 0))::int AS recognized
      FROM totals t FULL JOIN counters c ON c.unit_id = t.unit_id AND c.title = t.title`.execute(tx);
    const row = rows[0]!;
    return {
      total: Number(row.total),
      registered: Number(row.registered),
      recognized: Number(row.recognized),
    };
  });
}

/**
 * Not a product path: the national figure summed from the counter tables by their own columns (title_counters has
 * province_id and the index (year, title)), without the closure-table join; a candidate for a national route.
 */
async function nationalFromCounters(db: Db, actor: Actor, year: number): Promise<Sums> {
  return asActor(db, actor, async (tx) => {
    const { rows } = await sql<Sums>`
      SELECT (SELECT coalesce(sum(total), 0) FROM title_totals WHERE title = 'learning_family')::int AS total,
        coalesce(sum(registered), 0)::int AS registered, coalesce(sum(recognized), 0)::int AS recognized
      FROM title_counters WHERE year = ${year} AND title = 'learning_family'`.execute(tx);
    const row = rows[0]!;
    return {
      total: Number(row.total),
      registered: Number(row.registered),
      recognized: Number(row.recognized),
    };
  });
}

/** The same figures straight from the registries (as the owner, without row-level security). */
async function rawFigure(
  db: Db,
  year: number,
  where: { provinceId?: number; communeId?: number },
): Promise<Sums> {
  const filter = (table: string) =>
    where.communeId
      ? sql`AND ${sql.ref(`${table}.commune_id`)} = ${where.communeId}`
      : where.provinceId
        ? sql`AND ${sql.ref(`${table}.province_id`)} = ${where.provinceId}`
        : sql``;
  const { rows } = await sql<Sums>`
    SELECT (SELECT count(*) FROM households h WHERE h.archived_at IS NULL ${filter("h")})::int AS total,
      r.registered::int, r.recognized::int
    FROM (SELECT count(*) FILTER (WHERE status <> 'withdrawn') AS registered,
        count(*) FILTER (WHERE status = 'recognized') AS recognized
      FROM registrations r WHERE r.year = ${year} AND r.title = 'learning_family' ${filter("r")}) r`.execute(
    db,
  );
  const row = rows[0]!;
  return { total: Number(row.total), registered: Number(row.registered), recognized: Number(row.recognized) };
}

const family = (result: Awaited<ReturnType<typeof rollup>>) => {
  const t = result.titles.find((x) => x.title === "learning_family")!;
  return t.figures;
};

async function dashboards(
  engine: BenchEngine,
  loaded: Loaded,
  year: number,
  reps: { big: number; small: number },
) {
  const db = engine.connection.db;
  const provinceIds = loaded.provinces.map((p) => p.id);
  const { nation, province, commune } = loaded.actors;
  const checks: Record<string, { product: Sums; raw: Sums; equal: boolean }> = {};
  const check = (name: string, product: Sums, raw: Sums) => {
    checks[name] = {
      product,
      raw,
      equal:
        product.total === raw.total &&
        product.registered === raw.registered &&
        product.recognized === raw.recognized,
    };
  };
  const nationProduct = await nationalFigure(db, nation, provinceIds, year);
  check("nation", nationProduct, await rawFigure(db, year, {}));
  check("nationFromCounters", await nationalFromCounters(db, nation, year), nationProduct);
  check("nationRollup", await productNation(db, nation, year), await rawFigure(db, year, {}));
  const p = family(
    await rollup(db, province, { unitId: loaded.focus.provinceId, year, title: "learning_family" }),
  );
  const c = family(
    await rollup(db, commune, { unitId: loaded.focus.communeId, year, title: "learning_family" }),
  );
  const asSums = (f: typeof p) => ({ total: f.total, registered: f.registered, recognized: f.recognized });
  check("province", asSums(p), await rawFigure(db, year, { provinceId: loaded.focus.provinceId }));
  check("commune", asSums(c), await rawFigure(db, year, { communeId: loaded.focus.communeId }));

  const nationRollup = await sample(reps.small, () => productNation(db, nation, year));
  const nationOneQuery = await sample(reps.small, () => nationalFigure(db, nation, provinceIds, year));
  // PostgreSQL 15 compiles a query whose estimated cost passes jit_above_cost (100,000): on a summing query of a
  // few hundred thousand counter rows that compilation is most of the time. PGlite has no JIT.
  const nationJitOff =
    engine.name === "postgres"
      ? await sample(reps.small, () => nationalFigure(db, nation, provinceIds, year, true))
      : null;
  const nationFromCountersOnly = await sample(reps.small, () => nationalFromCounters(db, nation, year));
  const nationRollups = await sample(
    Math.max(5, Math.round(reps.big / 4)),
    async () => {
      for (const id of provinceIds) await rollup(db, nation, { unitId: id, year });
    },
    1,
  );
  const provinceRollup = await sample(reps.small, () =>
    rollup(db, province, { unitId: loaded.focus.provinceId, year }),
  );
  const communeRollup = await sample(reps.small, () =>
    rollup(db, commune, { unitId: loaded.focus.communeId, year }),
  );
  const rawNation = await sample(reps.big, () => rawFigure(db, year, {}), 1);
  const rawProvince = await sample(
    reps.big,
    () => rawFigure(db, year, { provinceId: loaded.focus.provinceId }),
    1,
  );
  const rawCommune = await sample(reps.small, () =>
    rawFigure(db, year, { communeId: loaded.focus.communeId }),
  );
  const ratio = (a: { p95Ms: number }, b: { p95Ms: number }) => significant(b.p95Ms / a.p95Ms);
  return {
    year,
    focus: {
      province: loaded.provinces.find((x) => x.id === loaded.focus.provinceId)?.name,
      provinceHouseholds: loaded.communes
        .filter((x) => x.provinceId === loaded.focus.provinceId)
        .reduce((s, x) => s + x.households, 0),
      commune: loaded.communes.find((x) => x.id === loaded.focus.communeId)?.name,
      communeHouseholds: loaded.communes.find((x) => x.id === loaded.focus.communeId)?.households,
    },
    checks,
    nation: {
      productRollup: nationRollup,
      productRollupRawOverP95: ratio(nationRollup, rawNation),
      oneQueryOver34Provinces: nationOneQuery,
      oneQueryWithJitOff: nationJitOff,
      rollupOfEach34Provinces: nationRollups,
      notProductCountersWithoutClosureJoin: nationFromCountersOnly,
      rawGroupBy: rawNation,
      rawOverProductP95: ratio(nationOneQuery, rawNation),
    },
    province: {
      rollup: provinceRollup,
      rawGroupBy: rawProvince,
      rawOverProductP95: ratio(provinceRollup, rawProvince),
    },
    commune: {
      rollup: communeRollup,
      rawGroupBy: rawCommune,
      rawOverProductP95: ratio(communeRollup, rawCommune),
    },
  };
}

/** assessRegistration (POST /registrations/{id}/assessment without HTTP): update, counters trigger, audit. */
async function evaluationWrites(engine: BenchEngine, loaded: Loaded, year: number, count: number) {
  const db = engine.connection.db;
  const pick = async (communeId: number | null, n: number) => {
    const { rows } = await sql<{ id: number }>`
      SELECT id FROM registrations
      WHERE year = ${year} AND status IN ('registered', 'assessed')
        ${communeId === null ? sql`` : sql`AND commune_id = ${communeId}`}
      ORDER BY hashint4(id::int) LIMIT ${n}`.execute(db);
    return rows.map((r) => Number(r.id));
  };
  const run = async (actor: Actor, ids: number[]) => {
    const samples: number[] = [];
    for (const [i, id] of ids.entries()) {
      const a = loaded.pool[(i * 7) % loaded.pool.length]!;
      const t0 = performance.now();
      await assessRegistration(db, actor, id, { scores: a.scores });
      samples.push(performance.now() - t0);
    }
    return summary(samples.slice(Math.min(3, samples.length - 1)));
  };
  return {
    nationAdminAcrossCountry: await run(loaded.actors.nation, await pick(null, count)),
    communeDataEntryOwnCommune: await run(loaded.actors.commune, await pick(loaded.focus.communeId, count)),
  };
}

/**
 * From the start of issuing a decision (one recognised household) to the first national roll-up that shows it. The
 * counters are updated in the decision's own transaction, so this is the write plus one read.
 */
async function freshness(engine: BenchEngine, loaded: Loaded, year: number, trials: number) {
  const db = engine.connection.db;
  const communeId = loaded.focus.communeId;
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM registrations WHERE commune_id = ${communeId} AND year = ${year} AND status = 'assessed'
      AND passed ORDER BY id LIMIT ${trials}`.execute(db);
  const results: { issueMs: number; visibleMs: number; polls: number }[] = [];
  for (const [i, { id }] of rows.entries()) {
    await holdReview(db, loaded.actors.commune, {
      unitId: communeId,
      year,
      title: "learning_family",
      heldOn: `${year}-11-20`,
      participants: "Ban công tác khuyến học xã",
      outcomes: [{ registrationId: Number(id), proposed: true }],
    });
    const draft = await draftDecision(db, loaded.actors.nation, {
      communeId,
      year,
      title: "learning_family",
      kind: "recognition",
      number: `${900 + i}/QĐ-UBND`,
      signedOn: `${year}-12-01`,
      agencyName: "UBND XÃ",
      signerTitle: "CHỦ TỊCH",
      signerName: "Nguyễn Văn Ký",
      registrationIds: [Number(id)],
    });
    const before = await productNation(db, loaded.actors.nation, year);
    const t0 = performance.now();
    await issueDecision(db, loaded.actors.issuer, draft.id);
    const issueMs = performance.now() - t0;
    let polls = 0;
    for (;;) {
      polls++;
      const now = await productNation(db, loaded.actors.nation, year);
      if (now.recognized === before.recognized + 1) break;
      if (performance.now() - t0 > 30_000)
        throw new Error("the decision did not reach the national figure in 30 s");
    }
    results.push({ issueMs: round(issueMs, 2), visibleMs: round(performance.now() - t0, 2), polls });
  }
  return {
    trials: results,
    visible: summary(results.map((r) => r.visibleMs)),
  };
}

export type MeasureOptions = {
  householdImportRows: number;
  evaluationImportRows: number;
  writes: number;
  reps: { big: number; small: number };
};

export async function measureEngine(
  engine: BenchEngine,
  loaded: Loaded,
  years: number[],
  options: MeasureOptions,
  log: (line: string) => void,
) {
  const current = years[years.length - 1]!;
  log("  dashboards…");
  const dashboard = await dashboards(engine, loaded, current, options.reps);
  log("  evaluation writes…");
  const writes = await evaluationWrites(engine, loaded, current, options.writes);
  log("  freshness…");
  const fresh = await freshness(engine, loaded, current, 5);
  log("  household import vs COPY…");
  const households = await householdImport(engine, loaded, options.householdImportRows);
  log("  evaluation import vs COPY…");
  const evaluations = await evaluationImport(engine, loaded, options.evaluationImportRows, current + 1);
  return { dashboard, evaluationWrite: writes, freshness: fresh, import: { households, evaluations } };
}
