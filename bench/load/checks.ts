/**
 * Before anything is timed, every figure the sessions will ask for is checked against a direct count of the rows
 * (as the database owner, without the counters or row-level security): the dashboards' total, registered and
 * recognised at the nation, every province and every commune a session opens; the household lists' and searches'
 * totals; the registration lists' lengths. Asked through HTTP as a national user (a system administrator).
 */
import type pg from "pg";
import { searchPattern } from "../../src/server/registry/units";
import type { Session } from "./driver";
import type { Plan } from "./plan";

type Figures = { total: number; registered: number; recognized: number };
export type CheckReport = { checked: number; differences: string[] };

async function getJson(baseUrl: string, session: Session, path: string) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: session.cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

/** Runs `work` over `items`, `parallel` at a time. */
async function each<T>(items: T[], parallel: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i]!);
    }),
  );
}

async function rawFigures(pool: pg.Pool, year: number) {
  const byUnit = new Map<string, Figures>();
  for (const column of ["province_id", "commune_id"]) {
    const { rows } = await pool.query(
      `SELECT u AS unit, coalesce(h.n, 0)::int AS total, coalesce(r.registered, 0)::int AS registered,
         coalesce(r.recognized, 0)::int AS recognized
       FROM (SELECT ${column} AS u, count(*) AS n FROM households WHERE archived_at IS NULL GROUP BY 1) h
       FULL JOIN (SELECT ${column} AS u, count(*) FILTER (WHERE status <> 'withdrawn') AS registered,
           count(*) FILTER (WHERE status = 'recognized') AS recognized
         FROM registrations WHERE year = $1 AND title = 'learning_family' GROUP BY 1) r USING (u)`,
      [year],
    );
    for (const r of rows) byUnit.set(String(r.unit), r);
  }
  const { rows } = await pool.query<Figures>(
    `SELECT (SELECT count(*) FROM households WHERE archived_at IS NULL)::int AS total,
       count(*) FILTER (WHERE status <> 'withdrawn')::int AS registered,
       count(*) FILTER (WHERE status = 'recognized')::int AS recognized
     FROM registrations WHERE year = $1 AND title = 'learning_family'`,
    [year],
  );
  return { byUnit, nation: rows[0]! };
}

export async function checkFigures(
  pool: pg.Pool,
  baseUrl: string,
  national: Session,
  plan: Plan,
  parallel = 4,
): Promise<CheckReport> {
  const differences: string[] = [];
  let checked = 0;
  const same = (what: string, api: unknown, raw: unknown) => {
    checked++;
    if (JSON.stringify(api) !== JSON.stringify(raw))
      differences.push(`${what}: API ${JSON.stringify(api)}, direct count ${JSON.stringify(raw)}`);
  };
  const { byUnit, nation } = await rawFigures(pool, plan.year);
  const provinceUnits = [...new Set([...plan.provinces, ...plan.users.province.map((u) => u.unitId!)])];
  const communeUnits = [
    ...new Set([...plan.users.commune.map((u) => u.unitId!), ...Object.values(plan.communesOf).flat()]),
  ];
  const dashboard = async (unitId: number | null) => {
    const query = `year=${plan.year}&title=learning_family${unitId === null ? "" : `&unitId=${unitId}`}`;
    const body = await getJson(baseUrl, national, `/api/v1/stats/rollup?${query}`);
    const f = body.titles.find((t: { title: string }) => t.title === "learning_family").figures;
    const raw =
      unitId === null ? nation : (byUnit.get(String(unitId)) ?? { total: 0, registered: 0, recognized: 0 });
    same(
      `dashboard ${unitId ?? "nation"}`,
      { total: f.total, registered: f.registered, recognized: f.recognized },
      { total: raw.total, registered: raw.registered, recognized: raw.recognized },
    );
  };
  await dashboard(null);
  await each([...provinceUnits, ...communeUnits], parallel, dashboard);

  const listed = async ([unitId, column]: [number, string]) => {
    const list = await getJson(baseUrl, national, `/api/v1/households?unitId=${unitId}&limit=1`);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM households WHERE ${column} = $1 AND archived_at IS NULL`,
      [unitId],
    );
    same(`households of ${unitId}`, list.total, rows[0].n);
    const q = plan.search[String(unitId)];
    if (!q) return;
    const found = await getJson(
      baseUrl,
      national,
      `/api/v1/households?unitId=${unitId}&limit=1&q=${encodeURIComponent(q)}`,
    );
    const { rows: searched } = await pool.query(
      `SELECT count(*)::int AS n FROM households WHERE ${column} = $1 AND archived_at IS NULL
         AND (search_name LIKE $2 OR code = $3)`,
      [unitId, `%${searchPattern(q)}%`, q.trim()],
    );
    same(`search "${q}" in ${unitId}`, found.total, searched[0].n);
  };
  const ownCommunes = [...new Set(plan.users.commune.map((u) => u.unitId!))];
  const ownProvinces = [...new Set(plan.users.province.map((u) => u.unitId!))];
  await each(
    [
      ...ownProvinces.map((id) => [id, "province_id"] as [number, string]),
      ...ownCommunes.map((id) => [id, "commune_id"] as [number, string]),
    ],
    parallel,
    listed,
  );
  await each(ownCommunes, parallel, async (unitId) => {
    const list = await getJson(
      baseUrl,
      national,
      `/api/v1/registrations?unitId=${unitId}&year=${plan.year}&title=learning_family`,
    );
    const { rows } = await pool.query(
      "SELECT count(*)::int AS n FROM registrations WHERE commune_id = $1 AND year = $2 AND title = 'learning_family'",
      [unitId, plan.year],
    );
    same(`registrations of ${unitId}`, list.registrations.length, rows[0].n);
  });
  return { checked, differences };
}
