/**
 * The benchmark database of `npm run bench:load`: the national data of bench/national (units, villages, N
 * households, three years of learning-family registrations, counters recounted) in a PostgreSQL database kept
 * after the run, plus the users the sessions log in as: system administrators (the nation), a unit administrator
 * per province (spread over the 34) and a data-entry officer per commune (communes spread over the country).
 * With `reuse` the database is taken as it is and only missing users are added.
 */
import pg from "pg";
import { hashPassword } from "../../src/server/auth/passwords";
import { connect } from "../../src/server/db/connection";
import { postgresEngine } from "../national/engine";
import { loadNational } from "../national/load";

export const benchPassword = "hieuhoc-bench-2026";
export const userPrefix = "bench.load";

export type PrepareOptions = {
  adminUrl: string;
  name: string;
  households: number;
  years: number[];
  seed: number;
  reuse: boolean;
  /** Users to create per level (a session logs in as one; sessions beyond the count share users). */
  users: { nation: number; province: number; commune: number };
  log: (line: string) => void;
};

export type Prepared = {
  databaseUrl: string;
  reused: boolean;
  load?: { totalMs: number; counts: Record<string, number>; timings: Record<string, number> };
  households: number;
  registrations: number;
  databaseMiB: number;
};

const urlOf = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function exists(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}

export async function prepareDatabase(options: PrepareOptions): Promise<Prepared> {
  const databaseUrl = urlOf(options.adminUrl, options.name);
  let load: Prepared["load"];
  const reused = options.reuse && (await exists(options.adminUrl, options.name));
  if (options.reuse && !reused) options.log(`  ${options.name} does not exist: loading it`);
  if (!reused) {
    const engine = await postgresEngine(options.adminUrl, options.name);
    try {
      const t0 = performance.now();
      const loaded = await loadNational(
        engine,
        { households: options.households, years: options.years, seed: options.seed },
        options.log,
      );
      load = { totalMs: Math.round(performance.now() - t0), counts: loaded.counts, timings: loaded.timings };
    } finally {
      await engine.connection.close(); // kept: --reuse takes it next time
    }
  }
  const connection = await connect({ databaseUrl });
  try {
    await ensureUsers(connection.pool, options.users, options.log);
    const { rows } = await connection.pool.query(`SELECT
        (SELECT count(*) FROM households)::int AS households,
        (SELECT count(*) FROM registrations)::int AS registrations,
        pg_database_size(current_database())::float8 AS bytes`);
    return {
      databaseUrl,
      reused,
      load,
      households: rows[0].households,
      registrations: rows[0].registrations,
      databaseMiB: Math.round(rows[0].bytes / 2 ** 20),
    };
  } finally {
    await connection.close();
  }
}

/**
 * Adds the users that are missing (bench.load.tw.N, bench.load.tinh.N, bench.load.xa.N), all with one password
 * hash. Communes are taken in a stable scattered order among those with open registrations of the last year.
 */
async function ensureUsers(pool: pg.Pool, wanted: PrepareOptions["users"], log: (line: string) => void) {
  const hash = await hashPassword(benchPassword);
  const { rows: provinces } = await pool.query<{ id: number }>(
    "SELECT id FROM admin_units WHERE level = 'province' AND valid_to IS NULL ORDER BY code",
  );
  const { rows: communes } = await pool.query<{ id: number }>(
    `SELECT c.id FROM admin_units c WHERE c.level = 'commune' AND c.valid_to IS NULL
       AND EXISTS (SELECT 1 FROM registrations r WHERE r.commune_id = c.id
         AND r.year = (SELECT max(year) FROM registrations) AND r.status IN ('registered', 'assessed'))
     ORDER BY hashint4(c.id::int), c.id`,
  );
  const levels = [
    { level: "tw", role: "system_admin", count: wanted.nation, unit: () => null },
    {
      level: "tinh",
      role: "unit_admin",
      count: wanted.province,
      unit: (i: number) => provinces[i % provinces.length]!.id,
    },
    {
      level: "xa",
      role: "data_entry",
      count: Math.min(wanted.commune, communes.length),
      unit: (i: number) => communes[i]!.id,
    },
  ];
  let added = 0;
  for (const { level, role, count, unit } of levels)
    for (let i = 0; i < count; i++) {
      const username = `${userPrefix}.${level}.${i + 1}`;
      const { rows } = await pool.query(
        `INSERT INTO app_users (username, full_name, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [username, `Người dùng thử ${level} ${i + 1}`, hash],
      );
      if (rows.length === 0) continue;
      await pool.query("INSERT INTO role_grants (user_id, role, unit_id) VALUES ($1, $2, $3)", [
        rows[0].id,
        role,
        unit(i),
      ]);
      added++;
    }
  if (added > 0) log(`  ${added} users added (password ${benchPassword})`);
}
