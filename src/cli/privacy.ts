/** `hieuhoc privacy retention [--dry-run]`: the retention job (src/server/modules/privacy/retention.ts) by hand. */
import { commandLineActor } from "../server/auth/scope";
import { readConfig } from "../server/config";
import { openDatabase } from "../server/db/open";
import { type RetentionResult, runRetention } from "../server/modules/privacy/retention";
import { recordedRun } from "../server/modules/privacy/retention-schedule";
import type { Command } from "./args";

/** One line per kind: its period, and how many rows it would pseudonymise or did. */
export function printRetention(result: RetentionResult) {
  for (const k of result.kinds) {
    const what =
      k.rows.length === 0
        ? "không có gì quá hạn"
        : `${result.dryRun ? "sẽ thay tên bằng bí danh" : "đã thay tên bằng bí danh"} ${k.rows.length} dòng`;
    console.log(`${k.label}, thời hạn ${k.years} năm (đã lưu trữ trước ngày ${k.archivedBefore}): ${what}`);
  }
  const total = result.kinds.reduce((n, k) => n + k.rows.length, 0);
  console.log(
    result.dryRun
      ? `Chạy thử ngày ${result.on}: ${total} dòng quá thời hạn lưu trữ. Không có gì được ghi.`
      : `Ngày ${result.on}: đã xử lý ${total} dòng quá thời hạn lưu trữ (ghi trong nhật ký thay đổi).`,
  );
}

export const privacyRetentionCommand: Command = {
  name: "privacy retention",
  usage: "privacy retention [--dry-run]",
  summary:
    "Thay tên bằng bí danh (xóa điện thoại, địa chỉ) ở các dòng đã lưu trữ quá thời hạn lưu trữ của sổ (hộ, công dân, hội viên, nhà hảo tâm, người nhận học bổng). Số liệu thống kê không đổi. Máy chủ tự chạy việc này hằng đêm.",
  options: { "dry-run": { type: "boolean", description: "Chỉ liệt kê, không ghi gì" } },
  run: async ({ values }) => {
    const connection = await openDatabase(readConfig(), (line) => console.error(line));
    try {
      if (values["dry-run"]) {
        printRetention(await runRetention(connection.db, { dryRun: true }));
        return 0;
      }
      const result = await recordedRun(connection.db, commandLineActor);
      if (!result) {
        console.error("Việc lưu trữ đang chạy ở nơi khác (máy chủ); thử lại sau.");
        return 1;
      }
      printRetention(result);
      return 0;
    } finally {
      await connection.close();
    }
  },
};
