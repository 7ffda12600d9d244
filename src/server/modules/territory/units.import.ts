/**
 * Writing the units of a national list (provinces, communes, or the three levels before the reform) in the caller's
 * transaction: each level after the one above it, parents looked up on the unit's first day in force (or its last),
 * existing units matched by code and first day, new ones inserted in batches, the import audited.
 */
import type { ImportReport } from "../../../shared/api";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate, UnitLevel } from "../../db/schema";
import { recordAudit } from "../audit/audit.repo";
import { addDays } from "./dates";
import {
  type PlannedUnit,
  planUnits,
  type RowErrors,
  type UnitImportFormat,
  type UnitImportOptions,
} from "./unit-lists";
import { levelNames } from "./unit-names";

export type ExistingUnit = {
  id: number;
  level: UnitLevel;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
};

export function validOn(unit: { valid_from: IsoDate | null; valid_to: IsoDate | null }, day: IsoDate) {
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

export async function loadExisting(db: Db, level: UnitLevel, codes: string[]): Promise<ExistingUnit[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom("admin_units")
    .select(["id", "level", "code", "name", "kind", "parent_id", "valid_from", "valid_to"])
    .where("level", "=", level)
    .where("code", "in", codes)
    .execute();
}

export async function importUnits(
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
