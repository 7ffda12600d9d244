/**
 * Data directories for spawned `hieuhoc` processes, filled with a migrated embedded database copied from one made
 * once per test worker: a copy takes a fraction of a second where a new one (PGlite's initdb in WebAssembly and the
 * migrations) takes 4 to 10 s on the 2-core CI machine, which every browser-test server paid.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";

let template: Promise<string> | undefined;

async function makeTemplate(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-template-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const connection = await connect({ dataDir: path.join(dir, "pglite") });
  try {
    await migrate(connection.db);
  } finally {
    await connection.close();
  }
  return dir;
}

/** Puts a migrated, empty embedded database into `dataDir` (its `pglite` directory, as `hieuhoc` expects). */
export async function migratedDataDir(dataDir: string): Promise<void> {
  template ??= makeTemplate();
  cpSync(path.join(await template, "pglite"), path.join(dataDir, "pglite"), { recursive: true });
}
