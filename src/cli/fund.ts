/** `hieuhoc fund verify [--fund ID]`: walks the funds' hash chains and names the first broken link. */
import { readConfig } from "../server/config";
import { openDatabase } from "../server/db/open";
import { verifyFunds } from "../server/modules/fund/verify";
import type { Command } from "./args";

export const fundVerifyCommand: Command = {
  name: "fund verify",
  usage: "fund verify [--fund ID]",
  summary:
    "Kiểm tra sổ quỹ khuyến học: chuỗi băm, cân đối nợ – có, số dư và số dư khóa sổ. Có mắt xích hỏng thì nêu bút toán đầu tiên và trả mã 1.",
  options: { fund: { type: "string", description: "Mã số (id) của một quỹ (mặc định: mọi quỹ)" } },
  run: async ({ values }) => {
    const fundId = values.fund === undefined ? undefined : Number(values.fund);
    if (fundId !== undefined && !(Number.isSafeInteger(fundId) && fundId > 0)) {
      console.error("--fund phải là mã số (id) của một quỹ");
      return 2;
    }
    const connection = await openDatabase(readConfig(), (line) => console.error(line));
    try {
      const started = performance.now();
      const result = await verifyFunds(connection.db, { fundId });
      const seconds = (performance.now() - started) / 1000;
      if (fundId !== undefined && result.funds === 0) {
        console.error(`Không có quỹ mã số ${fundId}`);
        return 1;
      }
      if (result.broken) {
        const b = result.broken;
        console.error(
          `Quỹ ${b.fundId}: mắt xích hỏng tại bút toán số ${b.seq}${b.transactionId ? ` (id ${b.transactionId})` : ""}: ${b.reason}`,
        );
        return 1;
      }
      console.log(
        `Sổ quỹ đúng: ${result.funds} quỹ, ${result.transactions} bút toán, ${result.entries} dòng, ${Math.round(result.entries / Math.max(seconds, 1e-6))} dòng/giây.`,
      );
      return 0;
    } finally {
      await connection.close();
    }
  },
};
