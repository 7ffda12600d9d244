/**
 * Data directories for spawned `hieuhoc` processes, filled from templates made once for the sources and the day and
 * shared by the test workers of a run (and by later runs of the same day): a copy takes a fraction of a second where
 * a new embedded database (PGlite's initdb in WebAssembly and the migrations) takes 4 to 10 s on the 2-core CI
 * machine, which every browser-test server and command test paid, once per worker before this.
 */
import { cpSync, readdirSync } from "node:fs";
import path from "node:path";
import { connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";
import { sharedTemplate } from "./templates";

/** Copies what `from` holds into the existing directory `to`. */
export function copyInto(from: string, to: string): void {
  for (const entry of readdirSync(from))
    cpSync(path.join(from, entry), path.join(to, entry), { recursive: true });
}

/** Puts a migrated, empty embedded database into `dataDir` (its `pglite` directory, as `hieuhoc` expects). */
export async function migratedDataDir(dataDir: string): Promise<void> {
  const template = await sharedTemplate("migrated", async (dir) => {
    const connection = await connect({ dataDir: path.join(dir, "pglite") });
    try {
      await migrate(connection.db);
    } finally {
      await connection.close();
    }
  });
  copyInto(template, dataDir);
}
