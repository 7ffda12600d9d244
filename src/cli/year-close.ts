/**
 * `hieuhoc stats close-year | reopen-year`: closing a year's figures of a commune (or of every commune of a province
 * that may be closed) and reopening it with a reason (docs/STATISTICS.md, "Closing a year"). Audited as the command
 * line ("hieuhoc (dòng lệnh)").
 */
import { commandLineActor } from "../server/auth/scope";
import { readConfig } from "../server/config";
import { openDatabase } from "../server/db/open";
import { AppError } from "../server/errors";
import { unitByCode } from "../server/modules/stats/stats.service";
import { closeYear, reopenYear } from "../server/modules/stats/year-close.service";
import type { Command } from "./args";

const options = {
  unit: { type: "string" as const, description: "Mã xã (hoặc mã tỉnh: khóa cho mọi xã khóa được)" },
  year: { type: "string" as const, description: "Năm" },
};

/** Runs one action on the unit and year given, printing a refusal as the API's Vietnamese message. */
async function onUnitYear(
  values: Record<string, unknown>,
  work: (db: Parameters<typeof closeYear>[0], unitId: number, year: number) => Promise<number>,
): Promise<number> {
  const year = Number(values.year);
  if (!values.unit || !Number.isInteger(year) || year < 2000 || year > 2100) {
    console.error("Cần --unit MÃ và --year NĂM (2000–2100)");
    return 2;
  }
  const connection = await openDatabase(readConfig(), (line) => console.error(line));
  try {
    const unit = await unitByCode(connection.db, String(values.unit));
    if (!unit) {
      console.error(`Không có tỉnh, xã mã ${values.unit}`);
      return 1;
    }
    return await work(connection.db, unit.id, year);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`Lỗi: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await connection.close();
  }
}

export const closeYearCommand: Command = {
  name: "stats close-year",
  usage: "stats close-year --unit MÃ --year NĂM",
  summary:
    "Khóa số liệu năm: chốt tổng số để tỷ lệ của năm không đổi theo sổ về sau (sau khi ban hành quyết định của năm).",
  options,
  run: ({ values }) =>
    onUnitYear(values, async (db, unitId, year) => {
      const result = await closeYear(db, commandLineActor, { unitId, year });
      const names = new Map(result.communes.map((c) => [c.id, c.name]));
      for (const id of result.closedNow) console.log(`Đã khóa số liệu năm ${year}: ${names.get(id) ?? id}`);
      for (const s of result.skipped) console.error(`Chưa khóa: ${s.reason}`);
      return 0;
    }),
};

export const reopenYearCommand: Command = {
  name: "stats reopen-year",
  usage: "stats reopen-year --unit MÃ --year NĂM --reason LÝ_DO",
  summary: "Mở lại số liệu năm đã khóa (bắt buộc ghi lý do): tỷ lệ của năm lại tính trên tổng số hôm nay.",
  options: { ...options, reason: { type: "string", description: "Lý do mở lại (bắt buộc)" } },
  run: ({ values }) => {
    const reason = String(values.reason ?? "").trim();
    if (!reason) {
      console.error("Cần --reason: lý do mở lại số liệu năm");
      return Promise.resolve(2);
    }
    return onUnitYear(values, async (db, unitId, year) => {
      const result = await reopenYear(db, commandLineActor, { unitId, year, reason });
      const names = new Map(result.communes.map((c) => [c.id, c.name]));
      for (const id of result.reopenedNow)
        console.log(`Đã mở lại số liệu năm ${year}: ${names.get(id) ?? id}`);
      return 0;
    });
  },
};

export const yearCloseCommands: Command[] = [closeYearCommand, reopenYearCommand];
