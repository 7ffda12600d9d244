/**
 * The command line reads files with the same reader and limits as the web: the workbooks that took the server down
 * are refused in Vietnamese, by a process given a 256 MB heap (it would die of heap exhaustion otherwise).
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bombs } from "../fixtures/bombs";
import { COMMUNE_CODE, communeDataDir, hieuhoc } from "../helpers/cli";
import { describeEmbedded } from "../helpers/db";

describeEmbedded("hieuhoc import with a hostile file", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await communeDataDir("hieuhoc-cli-bombs-");
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (fileName: string, bytes: Uint8Array) => {
    const file = path.join(dataDir, fileName);
    writeFileSync(file, bytes);
    const started = performance.now();
    const result = hieuhoc(dataDir, ["import", "registry", file, "--unit", COMMUNE_CODE], {
      NODE_OPTIONS: "--max-old-space-size=256",
    });
    return { ...result, seconds: (performance.now() - started) / 1000 };
  };

  const chosen = bombs().filter((bomb) => /1,000,000,000|3 GB of zeros in the sheet/.test(bomb.name));
  for (const bomb of chosen)
    it(`refuses ${bomb.name}`, () => {
      const result = run(bomb.fileName, bomb.bytes);
      console.log(`[cli bomb] ${bomb.name}: exit ${result.status} in ${result.seconds.toFixed(1)} s`);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^Lỗi: Tệp Excel (bị hỏng|quá lớn)/m);
    }, 120_000);

  it("refuses a file larger than an upload may be without reading it", () => {
    const result = run("lon.csv", new Uint8Array(20_000_001));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Tệp quá lớn (tối đa 20 MB)");
  }, 120_000);
});
