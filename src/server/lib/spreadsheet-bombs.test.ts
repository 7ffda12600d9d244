/**
 * Files made to take the server down are refused within seconds, with a Vietnamese message and a few hundred
 * megabytes at most: the limits are checked before and while the workbook is read, never after allocating.
 */
import { describe, expect, it } from "vitest";
import { bombs } from "../../../test/fixtures/bombs";
import { row, sheetXml, xlsxOf } from "../../../test/fixtures/workbooks";
import { AppError } from "../errors";
import { type ColumnSpec, readTable } from "./spreadsheet";

const columns: ColumnSpec[] = [
  { key: "code", label: "Mã hộ", aliases: [], required: true },
  { key: "name", label: "Họ và tên chủ hộ", aliases: [], required: true },
];

/**
 * Runs `work`, sampling the process's resident memory every 10 ms; returns the peak growth in MB, the time, and the
 * processor time (what the work costs, however busy the machine is).
 */
async function measured<T>(work: () => Promise<T>) {
  const before = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  let result: T | unknown;
  try {
    result = await work();
  } catch (error) {
    result = error;
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const used = process.cpuUsage(cpu);
  return {
    result,
    megabytes: (peak - before) / 1e6,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

describe("hostile workbooks", () => {
  for (const bomb of bombs()) {
    it(`refuses ${bomb.name} (${(bomb.bytes.length / 1e6).toFixed(1)} MB) quickly, in Vietnamese, with bounded memory`, async () => {
      const { result, megabytes, seconds, cpuSeconds } = await measured(() =>
        readTable(bomb.bytes, bomb.fileName, columns),
      );
      console.log(
        `[bomb] ${bomb.name}: ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s of processor), +${megabytes.toFixed(0)} MB RSS: ${(result as Error).message}`,
      );
      expect(result).toBeInstanceOf(AppError);
      expect((result as AppError).status).toBe(422);
      expect((result as AppError).message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      // Processor time rather than wall time: the machine may be shared by several builds.
      expect(cpuSeconds).toBeLessThan(5);
      expect(megabytes).toBeLessThan(300);
    }, 60_000);
  }

  it("refuses a workbook of more data rows than the import takes, at the first row over", async () => {
    const rows = Array.from({ length: 1_001 }, (_, i) => row(i + 2, [String(i), "An"])).join("");
    const bytes = xlsxOf({ sheet: sheetXml(`${row(1, ["Mã hộ", "Họ và tên chủ hộ"])}${rows}`) });
    const error = await readTable(bytes, "x.xlsx", columns, { maxRows: 1_000 }).catch((e: unknown) => e);
    expect((error as AppError).message).toContain("Tệp có hơn 1.000 dòng dữ liệu (dòng 1002 vượt giới hạn)");
  });

  it("refuses a file larger than an upload may be before reading it", async () => {
    const error = await readTable(new Uint8Array(20_000_001), "x.csv", columns).catch((e: unknown) => e);
    expect((error as AppError).message).toContain("Tệp quá lớn (tối đa 20 MB)");
  });
});
