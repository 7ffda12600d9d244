/**
 * `hieuhoc backup` while the server runs (through its control socket) and without it, `hieuhoc restore` into a new
 * directory: every table of the restored database equal to the original, row counts and content hashes.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readConfig } from "../../src/server/config";
import { connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";
import { openDatabase } from "../../src/server/db/open";
import { loadDemo } from "../../src/server/demo/demo";
import { ensureSeedRubrics } from "../../src/server/modules/rubrics/rubrics.service";
import { hieuhoc } from "../helpers/cli";
import { describeEmbedded } from "../helpers/db";
import { startServerProcess } from "../helpers/server-process";

const root = mkdtempSync(path.join(tmpdir(), "hieuhoc-backup-"));
const dir = (name: string) => path.join(root, name);

/** Every table of the public schema: its row count and an md5 of its rows in a fixed order. */
async function fingerprint(dataDir: string): Promise<Record<string, string>> {
  const connection = await openDatabase({ ...readConfig({}), dataDir, databaseUrl: undefined });
  try {
    const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(connection.db);
    const result: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const table = sql.table(name);
      const { rows } = await sql<{ n: number; hash: string | null }>`SELECT count(*)::int AS n,
        md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM ${table} t`.execute(connection.db);
      result[name] = `${rows[0]!.n} ${rows[0]!.hash}`;
    }
    return result;
  } finally {
    await connection.close();
  }
}

describeEmbedded("hieuhoc backup and restore", () => {
  let original: Record<string, string> | undefined;
  beforeAll(async () => {
    // The basic demo (units, villages, households, accounts) loaded through the demo services.
    const connection = await connect({ dataDir: path.join(dir("original"), "pglite") });
    await migrate(connection.db);
    await ensureSeedRubrics(connection.db);
    await loadDemo(connection.db);
    await connection.close();
  }, 240_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("backs up through the running server and restores an identical database", async () => {
    const server = await startServerProcess(dir("original"));
    try {
      await server.waitFor(/Sẵn sàng sau/);
      const file = dir("running.tar.gz");
      const backup = hieuhoc(dir("original"), ["backup", file]);
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toContain(`qua máy chủ đang chạy (tiến trình ${server.child.pid})`);
      // The server went on answering.
      expect((await fetch(`http://127.0.0.1:${server.port}/api/v1/health`)).status).toBe(200);
      expect(hieuhoc(dir("original"), ["backup", file]).stderr).toContain("đã có; thêm --force");
    } finally {
      server.child.kill("SIGTERM");
      expect((await server.exited).code).toBe(0);
    }
    const restored = hieuhoc(dir("restored"), ["restore", dir("running.tar.gz")]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Đã khôi phục .* \(\d+ bảng, [1-9]\d* hộ gia đình\)/);
    original = await fingerprint(dir("original"));
    expect(Object.keys(original).length).toBeGreaterThan(20);
    expect(original.households).toMatch(/^[1-9]\d* [0-9a-f]{32}$/);
    expect(await fingerprint(dir("restored"))).toEqual(original);
  }, 600_000);

  it("backs up a stopped server's directory directly; restore refuses a non-empty directory without --force", async () => {
    const file = dir("stopped.tar.gz");
    const backup = hieuhoc(dir("original"), ["backup", file]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("máy chủ không chạy");

    const refused = hieuhoc(dir("restored"), ["restore", file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Thư mục dữ liệu ${dir("restored")} không trống (có: pglite)`);
    const forced = hieuhoc(dir("restored"), ["restore", file, "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readdirSync(dir("restored")).some((name) => name.startsWith("pglite.truoc-khoi-phuc-"))).toBe(
      true,
    );
    original ??= await fingerprint(dir("original")); // when this test runs alone
    expect(await fingerprint(dir("restored"))).toEqual(original);

    writeFileSync(dir("not-a-backup.tar.gz"), "hello");
    const wrong = hieuhoc(dir("empty"), ["restore", dir("not-a-backup.tar.gz")]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain("không phải bản sao lưu của hieuhoc backup");
    expect(existsSync(path.join(dir("empty"), "pglite"))).toBe(false);
  }, 600_000);
});
