/**
 * What the sessions of `npm run bench:load` ask for, read from the database once before the run: who logs in at
 * which level (from the users' grants), the year, the provinces and communes a dashboard drills into, a search
 * text per unit (the first two words of a head of household's name there), and per commune the open
 * registrations whose score sheets are saved, with the items of their criteria sets.
 */
import type pg from "pg";

export type Level = "nation" | "province" | "commune";
export const levels: Level[] = ["nation", "province", "commune"];

export type PlanUser = { username: string; level: Level; unitId: number | null };
export type ScoreItem = { key: string; max: number };

export type Plan = {
  year: number;
  password: string;
  users: Record<Level, PlanUser[]>;
  /** The provinces a national user opens. */
  provinces: number[];
  /** Per province (id as a key), a few of its communes a provincial user opens. */
  communesOf: Record<string, number[]>;
  /** Per unit (id as a key), a search text that finds some of its households. */
  search: Record<string, string>;
  /** Per commune, open registrations (registered or self-assessed) of the year under a points scheme. */
  registrations: Record<string, { id: number; rubricId: number }[]>;
  /** Per criteria set, its scored items. */
  items: Record<string, ScoreItem[]>;
};

type GrantRow = { username: string; role: string; unit_id: number | null; level: string | null };

const group = <T>(rows: T[], key: (row: T) => number, limit: number) => {
  const out: Record<string, T[]> = {};
  for (const row of rows) {
    const list = out[String(key(row))] ?? [];
    if (list.length < limit) list.push(row);
    out[String(key(row))] = list;
  }
  return out;
};

export async function buildPlan(
  pool: pg.Pool,
  options: { usernames: string[] | { prefix: string }; password: string; year?: number },
): Promise<Plan> {
  const who = Array.isArray(options.usernames)
    ? { sql: "u.username = ANY($1)", value: options.usernames }
    : { sql: "u.username LIKE $1", value: `${options.usernames.prefix}.%` };
  const { rows: grants } = await pool.query<GrantRow>(
    `SELECT u.username, g.role, g.unit_id::int AS unit_id, a.level
     FROM app_users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL
       LEFT JOIN admin_units a ON a.id = g.unit_id
     WHERE ${who.sql} ORDER BY u.id`,
    [who.value],
  );
  const users: Plan["users"] = { nation: [], province: [], commune: [] };
  for (const g of grants) {
    const level: Level | null =
      g.role === "system_admin" && g.unit_id === null
        ? "nation"
        : g.level === "province" || g.level === "commune"
          ? g.level
          : null;
    if (level) users[level].push({ username: g.username, level, unitId: g.unit_id });
  }
  if (users.nation.length + users.province.length + users.commune.length === 0)
    throw new Error("no users to log in as (a system administrator, a province's or a commune's user)");
  const { rows: provinceRows } = await pool.query<{ id: number }>(
    "SELECT id::int FROM admin_units WHERE level = 'province' AND valid_to IS NULL ORDER BY code",
  );
  const provinces = provinceRows.map((r) => r.id);
  const { rows: communeRows } = await pool.query<{ id: number; parent_id: number }>(
    `SELECT id::int, parent_id::int FROM admin_units WHERE level = 'commune' AND valid_to IS NULL
       AND parent_id = ANY($1) ORDER BY hashint4(id::int), id`,
    [provinces],
  );
  const communesOf = Object.fromEntries(
    Object.entries(group(communeRows, (r) => r.parent_id, 6)).map(([p, list]) => [p, list.map((c) => c.id)]),
  );
  const ownCommunes = users.commune.map((u) => u.unitId!);
  const openedCommunes = [...new Set([...ownCommunes, ...Object.values(communesOf).flat()])];
  const year =
    options.year ??
    Number(
      (
        await pool.query(
          "SELECT coalesce(max(year), extract(year FROM now()))::int AS y FROM registrations WHERE commune_id = ANY($1)",
          [ownCommunes.length > 0 ? ownCommunes : openedCommunes],
        )
      ).rows[0].y,
    );
  const search: Record<string, string> = {};
  const firstWords = (name: string) => name.split(/\s+/).slice(0, 2).join(" ");
  for (const [column, ids] of [
    ["province_id", provinces],
    ["commune_id", openedCommunes],
  ] as const) {
    const { rows } = await pool.query<{ unit: number; head_name: string }>(
      `SELECT DISTINCT ON (${column}) ${column}::int AS unit, head_name FROM households
       WHERE ${column} = ANY($1) AND archived_at IS NULL ORDER BY ${column}, id`,
      [ids],
    );
    for (const r of rows) search[String(r.unit)] = firstWords(r.head_name);
  }
  const { rows: open } = await pool.query<{ commune_id: number; id: number; rubric_id: number }>(
    `SELECT r.commune_id::int, r.id::int, r.rubric_id::int FROM registrations r JOIN rubrics b ON b.id = r.rubric_id
     WHERE r.commune_id = ANY($1) AND r.year = $2 AND r.status IN ('registered', 'assessed') AND b.scheme = 'points'
     ORDER BY r.commune_id, r.id`,
    [ownCommunes, year],
  );
  const registrations = Object.fromEntries(
    Object.entries(group(open, (r) => r.commune_id, 40)).map(([c, list]) => [
      c,
      list.map((r) => ({ id: r.id, rubricId: r.rubric_id })),
    ]),
  );
  const rubricIds = [...new Set(open.map((r) => r.rubric_id))];
  type Definition = { criteria: { items: { key: string; maxPoints: number }[] }[] };
  const { rows: rubrics } = await pool.query<{ id: number; definition: Definition }>(
    "SELECT id::int, definition FROM rubrics WHERE id = ANY($1)",
    [rubricIds],
  );
  const items = Object.fromEntries(
    rubrics.map((r) => [
      String(r.id),
      r.definition.criteria.flatMap((c) => c.items.map((i) => ({ key: i.key, max: i.maxPoints }))),
    ]),
  );
  return { year, password: options.password, users, provinces, communesOf, search, registrations, items };
}
