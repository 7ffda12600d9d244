/** `hieuhoc import registry|evaluations` on the embedded database, as an officer would run it. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { householdCsv } from "../fixtures/households";
import { describeEmbedded } from "../helpers/db";

const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-cli-import-"));
const hieuhoc = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/hieuhoc.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, HIEUHOC_DATA_DIR: dataDir, DATABASE_URL: "" },
  });

describeEmbedded("hieuhoc import", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("imports a household list into a commune with a dry run first, and reports bad rows", {
    timeout: 240_000,
  }, () => {
    expect(hieuhoc("demo", "--basic").status).toBe(0);
    const file = path.join(dataDir, "ho.csv");
    const { text } = householdCsv({
      rows: 200,
      villages: ["Khu phố 1", "Khu phố 2"],
      tcvn3Names: true,
      titleRows: true,
    });
    writeFileSync(file, text);
    const dry = hieuhoc("import", "registry", file, "--unit", "07069", "--dry-run");
    expect(dry.stdout, dry.stderr).toContain("Kiểm tra xong 200 dòng");
    expect(hieuhoc("import", "registry", file, "--unit", "07069").stdout).toContain("200 mới");
    expect(hieuhoc("import", "registry", file, "--unit", "07069").stdout).toContain("200 không đổi");
    const bad = path.join(dataDir, "sai.csv");
    writeFileSync(bad, householdCsv({ rows: 20, villages: ["Khu phố 1"], unknownVillageAt: [7] }).text);
    const refused = hieuhoc("import", "registry", bad, "--unit", "07069");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Dòng 8, cột Thôn, tổ dân phố");
    expect(hieuhoc("import", "evaluations", file, "--unit", "07069").status).toBe(2);
  });
});
