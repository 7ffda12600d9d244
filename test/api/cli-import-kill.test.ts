/**
 * `hieuhoc import registry` of 50,000 households killed with SIGKILL at random moments (the officer's laptop losing
 * power, the window closed): the embedded database afterwards holds none of the file's rows or all of them, never a
 * part, and opens again.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { readConfig } from "../../src/server/config";
import { openDatabase } from "../../src/server/db/open";
import { householdCsv } from "../fixtures/households";
import { COMMUNE_CODE, communeDataDir, startHieuhoc, VILLAGES } from "../helpers/cli";
import { describeEmbedded } from "../helpers/db";

const ROWS = 50_000;
const dirs: string[] = [];

async function householdsIn(dataDir: string): Promise<number> {
  const connection = await openDatabase({ ...readConfig({}), dataDir, databaseUrl: undefined });
  try {
    const row = await connection.db
      .selectFrom("households as h")
      .innerJoin("admin_units as c", "c.id", "h.commune_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("c.code", "=", COMMUNE_CODE)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await connection.close();
  }
}

/**
 * Resolves once the write-ahead log changes in three polls in a row (the import's inserts, as the command's own
 * start writes nothing on a seeded database), or when the command is gone.
 */
async function writesBegin(walDir: string, gone: () => boolean): Promise<boolean> {
  const stamp = () => {
    try {
      return readdirSync(walDir).reduce((sum, name) => sum + statSync(path.join(walDir, name)).mtimeMs, 0);
    } catch {
      return 0;
    }
  };
  let last = stamp();
  let streak = 0;
  while (!gone()) {
    await new Promise((r) => setTimeout(r, 100));
    const now = stamp();
    streak = now !== last ? streak + 1 : 0;
    last = now;
    if (streak >= 3) return true;
  }
  return false;
}

describeEmbedded("an import killed with SIGKILL", () => {
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("leaves none or all of a 50,000-row file, and the database opens again", async () => {
    const template = await communeDataDir("hieuhoc-kill-template-");
    dirs.push(template);
    const file = path.join(template, "ho.csv");
    writeFileSync(file, householdCsv({ rows: ROWS, villages: VILLAGES, titleRows: true }).text);
    // Three trials: during start-up and reading; early in the writing; later in the writing (or after the commit).
    const trials: { afterWrites: boolean; from: number; to: number }[] = [
      { afterWrites: false, from: 300, to: 2_500 },
      { afterWrites: true, from: 0, to: 1_500 },
      { afterWrites: true, from: 1_500, to: 6_000 },
    ];
    const outcomes: string[] = [];
    for (const trial of trials) {
      const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-kill-"));
      dirs.push(dataDir);
      cpSync(template, dataDir, { recursive: true });
      const child = startHieuhoc(dataDir, ["import", "registry", file, "--unit", COMMUNE_CODE]);
      let exitCode: number | null | undefined;
      const exited = new Promise<void>((resolve) =>
        child.on("exit", (code) => {
          exitCode = code;
          resolve();
        }),
      );
      const began = trial.afterWrites
        ? await writesBegin(path.join(dataDir, "pglite", "pg_wal"), () => exitCode !== undefined)
        : true;
      const delay = trial.from + Math.floor(Math.random() * (trial.to - trial.from));
      await Promise.race([exited, new Promise((r) => setTimeout(r, delay))]);
      const killed = exitCode === undefined && child.kill("SIGKILL");
      await exited;
      const count = await householdsIn(dataDir);
      const when = trial.afterWrites
        ? `${delay} ms after the writes began${began ? "" : " (never seen)"}`
        : `${delay} ms`;
      outcomes.push(`${killed ? `killed ${when}` : `finished (${exitCode})`}: ${count} rows`);
      expect([0, ROWS], outcomes.join("; ")).toContain(count);
    }
    console.log(`[kill -9] ${outcomes.join("; ")}`);
  }, 240_000);
});
