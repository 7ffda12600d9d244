/** `hieuhoc import <registry|evaluations> FILE`: the web imports from the command line, same checks and reports. */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { commandLineActor } from "../server/auth/scope";
import { readConfig } from "../server/config";
import type { Db } from "../server/db/connection";
import { openDatabase } from "../server/db/open";
import { AppError } from "../server/errors";
import { MAX_FILE_BYTES } from "../server/lib/sheet-limits";
import { importEvaluations } from "../server/modules/cycle/evaluations.import";
import { importItems } from "../server/registry/import";
import type { ImportReport, RowError } from "../shared/api";
import { households } from "../shared/registry/kinds";
import { type Title, titles } from "../shared/rubric";
import type { Command } from "./args";

/** The commune in force with this code (mã xã), or null. */
export async function communeId(db: Db, code: string): Promise<number | null> {
  const unit = await db
    .selectFrom("admin_units")
    .select("id")
    .where("code", "=", code)
    .where("level", "=", "commune")
    .where("valid_to", "is", null)
    .executeTakeFirst();
  return unit?.id ?? null;
}

/** A refused file: the message, and each row named in its details. */
export function printRefusal(error: AppError): void {
  const rows = (error.details as { rows?: RowError[] } | undefined)?.rows ?? [];
  for (const row of rows)
    console.error(`Dòng ${row.row}${row.column ? `, cột ${row.column}` : ""}: ${row.message}`);
  console.error(`Lỗi: ${error.message}`);
}

export function printReport(report: ImportReport, seconds: string): number {
  for (const error of report.errors)
    console.error(`Dòng ${error.row}${error.column ? `, cột ${error.column}` : ""}: ${error.message}`);
  const verb = report.dryRun ? "Kiểm tra" : "Nhập";
  if (report.errors.length > 0) {
    console.error(
      `${verb} thất bại: ${report.errors.length} lỗi trong ${report.total} dòng. Không có gì được ghi.`,
    );
    return 1;
  }
  console.log(
    `${verb} xong ${report.total} dòng trong ${seconds} s: ${report.created} mới, ${report.updated} cập nhật, ${report.unchanged} không đổi.`,
  );
  return 0;
}

export const importCommand: Command = {
  name: "import",
  usage: "import <registry|evaluations> FILE --unit MÃ_XÃ [--title T] [--year Y] [--dry-run]",
  summary:
    "Nhập danh sách hộ gia đình (registry) hoặc kết quả tự đánh giá (evaluations) của một xã từ Excel/CSV, định dạng trong docs/IMPORT.md. Tệp có lỗi thì không ghi gì.",
  options: {
    unit: { type: "string", description: "Mã xã, phường (5 chữ số) đang có hiệu lực" },
    title: { type: "string", description: `Danh hiệu (mặc định learning_family): ${titles.join(", ")}` },
    year: { type: "string", description: "Năm đánh giá (evaluations)" },
    "dry-run": { type: "boolean", description: "Chỉ kiểm tra, không ghi" },
  },
  run: async ({ values, positionals }) => {
    const [what, file] = positionals;
    const title = (values.title as Title | undefined) ?? "learning_family";
    if ((what !== "registry" && what !== "evaluations") || !file || !values.unit || !titles.includes(title)) {
      console.error("Cần: import <registry|evaluations> FILE --unit MÃ_XÃ. Xem: hieuhoc import --help");
      return 2;
    }
    if (what === "registry" && title !== "learning_family") {
      console.error("Từ dòng lệnh hiện nhập được danh sách hộ gia đình (learning_family)");
      return 2;
    }
    const year = Number(values.year);
    if (what === "evaluations" && !(year >= 2000 && year <= 2100)) {
      console.error("Cần --year (ví dụ 2025)");
      return 2;
    }
    // The limits of the web upload hold here too: a file is not even read when it is larger than an upload may be.
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      console.error(`Không mở được tệp ${file}`);
      return 1;
    }
    if (size > MAX_FILE_BYTES) {
      console.error(
        `Lỗi: Tệp quá lớn (tối đa ${MAX_FILE_BYTES / 1_000_000} MB): chia danh sách thành nhiều tệp`,
      );
      return 1;
    }
    const bytes = new Uint8Array(readFileSync(file));
    const connection = await openDatabase(readConfig());
    try {
      const id = await communeId(connection.db, String(values.unit));
      if (id === null) {
        console.error(`Không có xã, phường mã ${values.unit} đang có hiệu lực`);
        return 1;
      }
      const started = performance.now();
      const dryRun = Boolean(values["dry-run"]);
      const input = { bytes, name: path.basename(file) };
      const report =
        what === "registry"
          ? await importItems(connection.db, commandLineActor, households, id, input, dryRun)
          : await importEvaluations(connection.db, commandLineActor, {
              unitId: id,
              title,
              year,
              file: input,
              dryRun,
            });
      return printReport(report, ((performance.now() - started) / 1000).toFixed(1));
    } catch (error) {
      if (error instanceof AppError) {
        printRefusal(error);
        return 1;
      }
      throw error;
    } finally {
      await connection.close();
    }
  },
};
