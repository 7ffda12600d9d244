/**
 * The national unit lists as files (formats of shared/data/dvhc, see docs/IMPORT.md): each format's columns, the
 * import options and their defaults, and the reading of the rows into planned units and successions. Every problem
 * is collected with its line and column, in Vietnamese; nothing here touches the database.
 */
import type { RowError } from "../../../shared/api";
import { cleanName } from "../../../shared/text";
import type { IsoDate, SuccessionCoverage, UnitLevel } from "../../db/schema";
import { csvRecords } from "../../lib/csv";
import { canonicalKind, codeDigits, codePattern, fullName, kindFromName, levelNames } from "./unit-names";

export const unitImportFormats = ["provinces-2025", "communes-2025", "units-2025-03", "succession"] as const;
export type UnitImportFormat = (typeof unitImportFormats)[number];

export const headers: Record<UnitImportFormat, string[]> = {
  "provinces-2025": ["ma_tinh", "ten_tinh"],
  "communes-2025": ["ma_xa", "ten_xa", "ma_tinh", "ten_tinh"],
  "units-2025-03": [
    "ma_tinh",
    "ten_tinh",
    "loai_tinh",
    "ma_huyen",
    "ten_huyen",
    "loai_huyen",
    "ma_xa",
    "ten_xa",
    "loai_xa",
  ],
  succession: ["ma_xa_moi", "ten_xa_moi", "ma_xa_cu", "ten_xa_cu", "kieu"],
};

/** The reform of 1 July 2025: the 2025 lists start then, the list of 1 March 2025 ends then. */
export const reformDate: IsoDate = "2025-07-01";

export type UnitImportOptions = {
  dryRun?: boolean;
  /** For the 2025 lists: first day in force (default 2025-07-01). */
  validFrom?: IsoDate;
  /** For the pre-reform list: first day no longer in force (default 2025-07-01). */
  validTo?: IsoDate;
  /** For successions: the day they took effect (default 2025-07-01). */
  effectiveDate?: IsoDate;
  onProgress?: (done: number, total: number) => void;
};

export type PlannedUnit = {
  line: number;
  level: Exclude<UnitLevel, "village">;
  code: string;
  name: string;
  kind: string;
  parent: { level: UnitLevel; code: string } | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
};

export type PlannedSuccession = {
  line: number;
  newCode: string;
  oldCode: string;
  /** Island districts without communes (Côn Đảo, Lý Sơn, ...) appear in the list as predecessors themselves. */
  oldLevel: "commune" | "district";
  oldName: string;
  coverage: SuccessionCoverage;
};

export class RowErrors {
  readonly list: RowError[] = [];
  add(row: number, column: string | undefined, message: string) {
    this.list.push({ row, column, message });
  }
}

function checkCode(
  errors: RowErrors,
  line: number,
  column: string,
  level: PlannedUnit["level"],
  code: string,
) {
  if (codePattern[level].test(code)) return true;
  errors.add(
    line,
    column,
    code === ""
      ? `Thiếu mã ${levelNames[level]}`
      : `Mã ${levelNames[level]} "${code}" không hợp lệ: cần đúng ${codeDigits[level]} chữ số (giữ các số 0 ở đầu)`,
  );
  return false;
}

function checkName(errors: RowErrors, line: number, column: string, name: string) {
  if (name !== "") return true;
  errors.add(line, column, "Thiếu tên đơn vị");
  return false;
}

/** Collects the distinct units of a file; the same code met again must carry the same data. */
class UnitCollector {
  readonly units = new Map<string, PlannedUnit>();
  constructor(private readonly errors: RowErrors) {}
  add(unit: PlannedUnit, codeColumn: string, repeatAllowed: boolean) {
    const key = `${unit.level}:${unit.code}`;
    const seen = this.units.get(key);
    if (!seen) {
      this.units.set(key, unit);
      return;
    }
    if (!repeatAllowed) {
      this.errors.add(unit.line, codeColumn, `Mã ${unit.code} bị trùng: đã có ở dòng ${seen.line}`);
    } else if (seen.name !== unit.name || seen.parent?.code !== unit.parent?.code) {
      this.errors.add(
        unit.line,
        codeColumn,
        `Mã ${unit.code} mâu thuẫn với dòng ${seen.line}: "${unit.name}" khác "${seen.name}" hoặc khác đơn vị cấp trên`,
      );
    }
  }
}

export function planUnits(
  format: UnitImportFormat,
  text: string,
  options: UnitImportOptions,
  errors: RowErrors,
) {
  const { records } = csvRecords(text);
  const collector = new UnitCollector(errors);
  const validFrom = options.validFrom ?? reformDate;
  const validTo = options.validTo ?? reformDate;
  for (const { line, values: v } of records) {
    if (format === "provinces-2025") {
      const code = v.ma_tinh ?? "";
      const raw = cleanName(v.ten_tinh ?? "");
      if (!checkCode(errors, line, "ma_tinh", "province", code) || !checkName(errors, line, "ten_tinh", raw))
        continue;
      const kind = kindFromName("province", raw) ?? "Tỉnh";
      const name = fullName(kind, raw);
      collector.add(
        { line, level: "province", code, name, kind, parent: null, validFrom, validTo: null },
        "ma_tinh",
        false,
      );
    } else if (format === "communes-2025") {
      const code = v.ma_xa ?? "";
      const name = cleanName(v.ten_xa ?? "");
      const provinceCode = v.ma_tinh ?? "";
      const okCode = checkCode(errors, line, "ma_xa", "commune", code);
      const okName = checkName(errors, line, "ten_xa", name);
      const okParent = checkCode(errors, line, "ma_tinh", "province", provinceCode);
      if (!okCode || !okName || !okParent) continue;
      const kind = kindFromName("commune", name);
      if (!kind) {
        errors.add(line, "ten_xa", `Tên "${name}" không bắt đầu bằng Xã, Phường hoặc Đặc khu`);
        continue;
      }
      collector.add(
        {
          line,
          level: "commune",
          code,
          name,
          kind,
          parent: { level: "province", code: provinceCode },
          validFrom,
          validTo: null,
        },
        "ma_xa",
        false,
      );
    } else {
      const levels = [
        ["province", "ma_tinh", "ten_tinh", "loai_tinh"],
        ["district", "ma_huyen", "ten_huyen", "loai_huyen"],
        ["commune", "ma_xa", "ten_xa", "loai_xa"],
      ] as const;
      let parent: PlannedUnit["parent"] = null;
      for (const [level, codeColumn, nameColumn, kindColumn] of levels) {
        const code = v[codeColumn] ?? "";
        const raw = cleanName(v[nameColumn] ?? "");
        const kind = canonicalKind(level, v[kindColumn] ?? "");
        const okCode = checkCode(errors, line, codeColumn, level, code);
        const okName = checkName(errors, line, nameColumn, raw);
        if (!kind)
          errors.add(
            line,
            kindColumn,
            `Loại đơn vị "${v[kindColumn] ?? ""}" không hợp lệ cho ${levelNames[level]}`,
          );
        if (!okCode || !okName || !kind) break;
        collector.add(
          { line, level, code, name: fullName(kind, raw), kind, parent, validFrom: null, validTo },
          codeColumn,
          level !== "commune",
        );
        parent = { level, code };
      }
    }
  }
  return { total: records.length, units: [...collector.units.values()] };
}

export function planSuccessions(text: string, errors: RowErrors) {
  const { records } = csvRecords(text);
  const seen = new Map<string, number>();
  const planned: PlannedSuccession[] = [];
  for (const { line, values: v } of records) {
    const newCode = v.ma_xa_moi ?? "";
    const oldCode = v.ma_xa_cu ?? "";
    const coverage = v.kieu ?? "";
    const okNew = checkCode(errors, line, "ma_xa_moi", "commune", newCode);
    const oldLevel = codePattern.district.test(oldCode) ? "district" : "commune";
    const okOld = checkCode(errors, line, "ma_xa_cu", oldLevel, oldCode);
    if (coverage !== "full" && coverage !== "partial") {
      errors.add(
        line,
        "kieu",
        `Kiểu "${coverage}" không hợp lệ: dùng full (toàn bộ) hoặc partial (một phần)`,
      );
      continue;
    }
    if (!okNew || !okOld) continue;
    const key = `${newCode}:${oldCode}`;
    const before = seen.get(key);
    if (before !== undefined) {
      errors.add(line, "ma_xa_cu", `Cặp ${oldCode} → ${newCode} bị trùng: đã có ở dòng ${before}`);
      continue;
    }
    seen.set(key, line);
    planned.push({ line, newCode, oldCode, oldLevel, oldName: cleanName(v.ten_xa_cu ?? ""), coverage });
  }
  return { total: records.length, planned };
}
