/**
 * The `hieuhoc` command on an embedded database of its own: a data directory with one province, one commune
 * (code 90001) and two villages, made directly (seconds, instead of the demo data's minutes), and a runner.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "../../src/server/db/connection";
import { ensureSeedRubrics } from "../../src/server/modules/rubrics/rubrics.service";
import { migratedDataDir } from "./data-dir";

export const COMMUNE_CODE = "90001";
export const VILLAGES = ["Thôn Một", "Thôn Hai"];

/** A new data directory whose database holds the commune 90001 and its villages. */
export async function communeDataDir(prefix = "hieuhoc-cli-"): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  await migratedDataDir(dataDir);
  const connection = await connect({ dataDir: path.join(dataDir, "pglite") });
  try {
    await ensureSeedRubrics(connection.db); // so that the command's own start writes nothing
    const add = async (
      level: "province" | "commune" | "village",
      code: string,
      name: string,
      kind: string,
      parent: number | null,
    ) =>
      (
        await connection.db
          .insertInto("admin_units")
          .values({ level, code, name, kind, parent_id: parent, valid_from: "2025-07-01" })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const province = await add("province", "90", "Tỉnh Thử Nghiệm", "Tỉnh", null);
    const commune = await add("commune", COMMUNE_CODE, "Xã Thử Nghiệm", "Xã", province);
    for (const [i, name] of VILLAGES.entries()) await add("village", `0${i + 1}`, name, "Thôn", commune);
  } finally {
    await connection.close();
  }
  return dataDir;
}

const environment = (dataDir: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  HIEUHOC_DATA_DIR: dataDir,
  DATABASE_URL: "",
  ...extra,
});

/** Runs `hieuhoc …` to its end. */
export function hieuhoc(dataDir: string, args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["bin/hieuhoc.mjs", ...args], {
    encoding: "utf8",
    env: environment(dataDir, extra),
    timeout: 120_000,
  });
}

/** Starts `hieuhoc …` and leaves it running (to be killed). */
export function startHieuhoc(dataDir: string, args: string[]) {
  return spawn(process.execPath, ["bin/hieuhoc.mjs", ...args], { env: environment(dataDir), stdio: "pipe" });
}
