/**
 * Files made to take the server down are refused within seconds, with a Vietnamese message and a few hundred
 * megabytes at most: the limits are checked before and while the workbook is read, never after allocating. Each
 * bomb is measured in a process of its own, so that nothing else counts in its memory and processor time.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bombColumns, bombs } from "../../../test/fixtures/bombs";
import { row, sheetXml, xlsxOf } from "../../../test/fixtures/workbooks";
import type { AppError } from "../errors";
import { readTable } from "./spreadsheet";

const run = promisify(execFile);

const probe = path.resolve("test/fixtures/bomb-probe.ts");

type Probed = {
  status: number | null;
  message: string;
  megabytesIn: number;
  seconds: number;
  cpuSeconds: number;
  megabytes: number;
};

/** Reads the bomb in a process of its own (test/fixtures/bomb-probe.ts says why) and returns what it measured. */
async function probed(name: string): Promise<Probed> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", probe, name], {
    timeout: 60_000,
    maxBuffer: 1e6,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as Probed;
}

describe("hostile workbooks", () => {
  for (const { name } of bombs()) {
    it(`refuses ${name} quickly, in Vietnamese, with bounded memory`, async () => {
      const result = await probed(name);
      console.log(
        `[bomb] ${name} (${result.megabytesIn.toFixed(1)} MB): ${result.seconds.toFixed(2)} s (${result.cpuSeconds.toFixed(2)} s of processor), +${result.megabytes.toFixed(0)} MB RSS: ${result.message}`,
      );
      expect(result.status).toBe(422);
      expect(result.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      // Processor time rather than wall time: the machine may be shared by several builds.
      expect(result.cpuSeconds).toBeLessThan(5);
      expect(result.megabytes).toBeLessThan(300);
    }, 90_000);
  }

  it("refuses a workbook of more data rows than the import takes, at the first row over", async () => {
    const rows = Array.from({ length: 1_001 }, (_, i) => row(i + 2, [String(i), "An"])).join("");
    const bytes = xlsxOf({ sheet: sheetXml(`${row(1, ["Mã hộ", "Họ và tên chủ hộ"])}${rows}`) });
    const error = await readTable(bytes, "x.xlsx", bombColumns, { maxRows: 1_000 }).catch((e: unknown) => e);
    expect((error as AppError).message).toContain("Tệp có hơn 1.000 dòng dữ liệu (dòng 1002 vượt giới hạn)");
  });

  it("refuses a file larger than an upload may be before reading it", async () => {
    const error = await readTable(new Uint8Array(20_000_001), "x.csv", bombColumns).catch((e: unknown) => e);
    expect((error as AppError).message).toContain("Tệp quá lớn (tối đa 20 MB)");
  });
});
