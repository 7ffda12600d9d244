/**
 * Import of the national unit lists (formats of shared/data/dvhc, see docs/IMPORT.md): validate every row, report
 * each problem in Vietnamese with its line and column, and write either everything or nothing. Re-importing the
 * same file changes nothing: units are keyed by (level, code, valid_from), successions by their two units.
 */
import type { ImportReport, RowError } from "../../../shared/api";
import { cleanName } from "../../../shared/text";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate, SuccessionCoverage, SuccessionKind, UnitLevel } from "../../db/schema";
import { AppError } from "../../errors";
import { csvRecords } from "../../lib/csv";
import { decodeText } from "../../lib/text-encoding";
import { recordAudit } from "../audit/audit.repo";
import { addDays, isIsoDate } from "./dates";
import { deriveProvinceSuccessions } from "./successions";
import { canonicalKind, codeDigits, codePattern, fullName, kindFromName, levelNames } from "./unit-names";

export const unitImportFormats = ["provinces-2025", "communes-2025", "units-2025-03", "succession"] as const;
export type UnitImportFormat = (typeof unitImportFormats)[number];

const headers: Record<UnitImportFormat, string[]> = {
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

type PlannedUnit = {
  line: number;
  level: Exclude<UnitLevel, "village">;
  code: string;
  name: string;
  kind: string;
  parent: { level: UnitLevel; code: string } | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
};

type PlannedSuccession = {
  line: number;
  newCode: string;
  oldCode: string;
  /** Island districts without communes (Côn Đảo, Lý Sơn, ...) appear in the list as predecessors themselves. */
  oldLevel: "commune" | "district";
  oldName: string;
  coverage: SuccessionCoverage;
};

class RowErrors {
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

function planUnits(format: UnitImportFormat, text: string, options: UnitImportOptions, errors: RowErrors) {
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

function planSuccessions(text: string, errors: RowErrors) {
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

type ExistingUnit = {
  id: number;
  level: UnitLevel;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
};

function validOn(unit: { valid_from: IsoDate | null; valid_to: IsoDate | null }, day: IsoDate) {
  return (
    (unit.valid_from === null || unit.valid_from <= day) && (unit.valid_to === null || day < unit.valid_to)
  );
}

/** The day on which a planned unit's parent must be in force. */
function referenceDay(unit: { validFrom: IsoDate | null; validTo: IsoDate | null }): IsoDate {
  if (unit.validFrom) return unit.validFrom;
  if (unit.validTo) return addDays(unit.validTo, -1);
  return new Date().toISOString().slice(0, 10);
}

async function loadExisting(db: Db, level: UnitLevel, codes: string[]): Promise<ExistingUnit[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom("admin_units")
    .select(["id", "level", "code", "name", "kind", "parent_id", "valid_from", "valid_to"])
    .where("level", "=", level)
    .where("code", "in", codes)
    .execute();
}

/**
 * `file`: the file's bytes (their encoding is told by lib/text-encoding.ts: UTF-8 with or without a byte-order mark,
 * UTF-16, Windows-1258, TCVN3, VNI; a file whose encoding cannot be told is refused), or text already decoded.
 */
export async function importUnitFile(
  db: Db,
  actor: Actor,
  format: UnitImportFormat,
  file: string | Uint8Array,
  options: UnitImportOptions = {},
): Promise<ImportReport> {
  const text = typeof file === "string" ? file : decodeText(file).text;
  for (const [name, value] of Object.entries({
    validFrom: options.validFrom,
    validTo: options.validTo,
    effectiveDate: options.effectiveDate,
  })) {
    if (value !== undefined && !isIsoDate(value))
      throw new AppError("validation", `Ngày ${name} "${value}" không hợp lệ (YYYY-MM-DD)`);
  }
  const errors = new RowErrors();
  const { header } = csvRecords(text.slice(0, 2000));
  const missing = headers[format].filter((h) => !header.includes(h));
  if (missing.length > 0) {
    errors.add(
      1,
      missing.join(", "),
      `Thiếu cột ${missing.join(", ")} trong dòng tiêu đề (định dạng ${format})`,
    );
    return {
      dryRun: Boolean(options.dryRun),
      total: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: errors.list,
    };
  }
  const run = async (tx: Db) =>
    format === "succession"
      ? importSuccessions(tx, actor, text, options, errors)
      : importUnits(tx, actor, format, text, options, errors);
  if (options.dryRun) return run(db);
  // All or nothing: any row error rolls the whole transaction back.
  try {
    return await db.transaction().execute(async (tx) => {
      const report = await run(tx);
      if (report.errors.length > 0) throw new RollbackWithReport(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RollbackWithReport) return error.report;
    throw error;
  }
}

class RollbackWithReport extends Error {
  constructor(readonly report: ImportReport) {
    super("import rolled back");
  }
}

async function importUnits(
  tx: Db,
  actor: Actor,
  format: UnitImportFormat,
  text: string,
  options: UnitImportOptions,
  errors: RowErrors,
): Promise<ImportReport> {
  const dryRun = Boolean(options.dryRun);
  const { total, units } = planUnits(format, text, options, errors);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  // Ids of units of the file, for the parent look-up of the next level ("province:01" → id).
  const placed = new Map<string, number>();
  const plannedKeys = new Set(units.map((u) => `${u.level}:${u.code}`));
  let done = 0;
  for (const level of ["province", "district", "commune"] as const) {
    const ofLevel = units.filter((u) => u.level === level);
    if (ofLevel.length === 0) continue;
    const existing = await loadExisting(
      tx,
      level,
      ofLevel.map((u) => u.code),
    );
    const parentLevels = [...new Set(ofLevel.map((u) => u.parent?.level).filter((l) => l !== undefined))];
    const parentCandidates = new Map<string, ExistingUnit[]>();
    for (const parentLevel of parentLevels) {
      const codes = [
        ...new Set(ofLevel.filter((u) => u.parent?.level === parentLevel).map((u) => u.parent!.code)),
      ];
      for (const unit of await loadExisting(tx, parentLevel, codes)) {
        const key = `${parentLevel}:${unit.code}`;
        parentCandidates.set(key, [...(parentCandidates.get(key) ?? []), unit]);
      }
    }
    const inserts: (PlannedUnit & { parentId: number | null })[] = [];
    for (const unit of ofLevel) {
      let parentId: number | null = null;
      if (unit.parent) {
        const key = `${unit.parent.level}:${unit.parent.code}`;
        const day = referenceDay(unit);
        parentId =
          placed.get(key) ??
          parentCandidates.get(key)?.find((candidate) => validOn(candidate, day))?.id ??
          null;
        // In a dry run the parents of this file are not written, so a parent planned in the file counts as found.
        if (parentId === null && !(dryRun && plannedKeys.has(key))) {
          const column = unit.level === "district" || format === "communes-2025" ? "ma_tinh" : "ma_huyen";
          errors.add(
            unit.line,
            column,
            `Không có ${levelNames[unit.parent.level]} mã ${unit.parent.code} vào ngày ${day}`,
          );
          continue;
        }
      }
      const same = existing.find((e) => e.code === unit.code && e.valid_from === unit.validFrom);
      if (!same) {
        const overlapping = existing.find(
          (e) =>
            e.code === unit.code &&
            (unit.validTo === null || e.valid_from === null || e.valid_from < unit.validTo) &&
            (e.valid_to === null || unit.validFrom === null || unit.validFrom < e.valid_to),
        );
        if (overlapping) {
          errors.add(
            unit.line,
            undefined,
            `Mã ${unit.code} đã thuộc đơn vị "${overlapping.name}" trong cùng thời gian hiệu lực`,
          );
          continue;
        }
        inserts.push({ ...unit, parentId });
        continue;
      }
      placed.set(`${level}:${unit.code}`, same.id);
      if (parentId !== null && same.parent_id !== parentId) {
        errors.add(
          unit.line,
          undefined,
          `Mã ${unit.code} đã có với đơn vị cấp trên khác; không thể chuyển cấp trên`,
        );
        continue;
      }
      if (same.name === unit.name && same.kind === unit.kind && same.valid_to === unit.validTo) {
        counts.unchanged++;
        continue;
      }
      counts.updated++;
      if (!dryRun) {
        await tx
          .updateTable("admin_units")
          .set({ name: unit.name, kind: unit.kind, valid_to: unit.validTo })
          .where("id", "=", same.id)
          .execute();
      }
    }
    counts.created += inserts.length;
    if (!dryRun && errors.list.length === 0) {
      for (let start = 0; start < inserts.length; start += 1000) {
        const batch = inserts.slice(start, start + 1000);
        const rows = await tx
          .insertInto("admin_units")
          .values(
            batch.map((u) => ({
              level: u.level,
              code: u.code,
              name: u.name,
              kind: u.kind,
              parent_id: u.parentId,
              valid_from: u.validFrom,
              valid_to: u.validTo,
            })),
          )
          .returning(["id", "code"])
          .execute();
        for (const row of rows) placed.set(`${level}:${row.code}`, row.id);
        done += batch.length;
        options.onProgress?.(done, units.length);
      }
    }
  }
  if (!dryRun && errors.list.length === 0 && counts.created + counts.updated > 0) {
    await recordAudit(tx, actor, {
      action: "import",
      entity: "admin_units",
      entityId: format,
      after: counts,
    });
  }
  return { dryRun, total, ...counts, errors: errors.list };
}

/**
 * An island district that had no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) is missing from the
 * three-level list but names itself as a predecessor. It is created under the province of the nearest lower
 * district code, since the statistics office allocates district codes in one block per province.
 */
async function createIslandDistrict(
  tx: Db,
  row: PlannedSuccession,
  dayBefore: IsoDate,
  effectiveDate: IsoDate,
  dryRun: boolean,
): Promise<ExistingUnit | "planned" | null> {
  const neighbour = await tx
    .selectFrom("admin_units")
    .select(["parent_id", "valid_from", "valid_to"])
    .where("level", "=", "district")
    .where("code", "<", row.oldCode)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", dayBefore)]))
    .where((eb) => eb.or([eb("valid_from", "is", null), eb("valid_from", "<=", dayBefore)]))
    .orderBy("code", "desc")
    .limit(1)
    .executeTakeFirst();
  const kind = kindFromName("district", row.oldName);
  if (!neighbour || !kind) return null;
  if (dryRun) return "planned";
  return tx
    .insertInto("admin_units")
    .values({
      level: "district",
      code: row.oldCode,
      name: row.oldName,
      kind,
      parent_id: neighbour.parent_id,
      valid_from: neighbour.valid_from,
      valid_to: effectiveDate,
    })
    .returning(["id", "level", "code", "name", "kind", "parent_id", "valid_from", "valid_to"])
    .executeTakeFirstOrThrow();
}

async function importSuccessions(
  tx: Db,
  actor: Actor,
  text: string,
  options: UnitImportOptions,
  errors: RowErrors,
): Promise<ImportReport> {
  const dryRun = Boolean(options.dryRun);
  const effectiveDate = options.effectiveDate ?? reformDate;
  const dayBefore = addDays(effectiveDate, -1);
  const { total, planned } = planSuccessions(text, errors);
  let unitsCreated = 0;
  const newUnits = new Map<string, ExistingUnit>();
  const oldUnits = new Map<string, ExistingUnit>();
  const communeCodes = [
    ...new Set(planned.flatMap((p) => (p.oldLevel === "commune" ? [p.newCode, p.oldCode] : [p.newCode]))),
  ];
  for (const unit of await loadExisting(tx, "commune", communeCodes)) {
    if (validOn(unit, effectiveDate)) newUnits.set(unit.code, unit);
    if (validOn(unit, dayBefore)) oldUnits.set(`commune:${unit.code}`, unit);
  }
  const districtRows = planned.filter((p) => p.oldLevel === "district");
  if (districtRows.length > 0) {
    for (const unit of await loadExisting(
      tx,
      "district",
      districtRows.map((p) => p.oldCode),
    ))
      if (validOn(unit, dayBefore)) oldUnits.set(`district:${unit.code}`, unit);
    for (const p of districtRows) {
      if (oldUnits.has(`district:${p.oldCode}`)) continue;
      const created = await createIslandDistrict(tx, p, dayBefore, effectiveDate, dryRun);
      if (created === null) continue;
      unitsCreated++;
      if (created !== "planned") oldUnits.set(`district:${p.oldCode}`, created);
      else oldUnits.set(`district:${p.oldCode}`, { id: -1 } as ExistingUnit);
    }
  }
  const rows: { predecessor_id: number; successor_id: number; coverage: SuccessionCoverage; line: number }[] =
    [];
  for (const p of planned) {
    const successor = newUnits.get(p.newCode);
    const predecessor = oldUnits.get(`${p.oldLevel}:${p.oldCode}`);
    if (!successor)
      errors.add(p.line, "ma_xa_moi", `Không có xã/phường mã ${p.newCode} có hiệu lực từ ${effectiveDate}`);
    if (!predecessor)
      errors.add(
        p.line,
        "ma_xa_cu",
        `Không có ${levelNames[p.oldLevel]} mã ${p.oldCode} có hiệu lực trước ${effectiveDate}`,
      );
    if (successor && predecessor)
      rows.push({
        predecessor_id: predecessor.id,
        successor_id: successor.id,
        coverage: p.coverage,
        line: p.line,
      });
  }
  const existing = new Map<string, { id: number; coverage: string; kind: string }>();
  for (let start = 0; start < rows.length; start += 5000) {
    const batch = rows.slice(start, start + 5000);
    const found = await tx
      .selectFrom("unit_successions")
      .select(["id", "predecessor_id", "successor_id", "coverage", "kind"])
      .where(
        "predecessor_id",
        "in",
        batch.map((r) => r.predecessor_id),
      )
      .execute();
    for (const f of found) existing.set(`${f.predecessor_id}:${f.successor_id}`, f);
  }
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const inserts = [];
  for (const row of rows) {
    const kind: SuccessionKind = row.coverage === "partial" ? "split" : "merge";
    const seen = existing.get(`${row.predecessor_id}:${row.successor_id}`);
    if (!seen) {
      inserts.push({ ...row, kind, effective_date: effectiveDate });
    } else if (seen.coverage === row.coverage && seen.kind === kind) {
      counts.unchanged++;
    } else {
      counts.updated++;
      if (!dryRun)
        await tx
          .updateTable("unit_successions")
          .set({ coverage: row.coverage, kind })
          .where("id", "=", seen.id)
          .execute();
    }
  }
  counts.created = inserts.length + unitsCreated;
  if (!dryRun && errors.list.length === 0) {
    for (let start = 0; start < inserts.length; start += 2000) {
      const batch = inserts.slice(start, start + 2000);
      await tx
        .insertInto("unit_successions")
        .values(
          batch.map(({ predecessor_id, successor_id, coverage, kind, effective_date }) => ({
            predecessor_id,
            successor_id,
            coverage,
            kind,
            effective_date,
          })),
        )
        .execute();
      options.onProgress?.(start + batch.length, inserts.length);
    }
    const derived = await deriveProvinceSuccessions(tx, effectiveDate);
    if (counts.created + counts.updated > 0) {
      await recordAudit(tx, actor, {
        action: "import",
        entity: "unit_successions",
        entityId: "succession",
        after: { ...counts, provinceSuccessions: derived, islandDistricts: unitsCreated },
      });
    }
  }
  return { dryRun, total, ...counts, errors: errors.list };
}
