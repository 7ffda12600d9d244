/**
 * Writing the succession list (new commune ← old commune or island district, full or partial) in the caller's
 * transaction: both units looked up on either side of the effective date, missing island districts created, links
 * matched by their two units, then the province successions derived from them and the import audited.
 */
import type { ImportReport } from "../../../shared/api";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate, SuccessionCoverage, SuccessionKind } from "../../db/schema";
import { recordAudit } from "../audit/audit.repo";
import { addDays } from "./dates";
import { deriveProvinceSuccessions } from "./successions";
import {
  type PlannedSuccession,
  planSuccessions,
  type RowErrors,
  reformDate,
  type UnitImportOptions,
} from "./unit-lists";
import { kindFromName, levelNames } from "./unit-names";
import { type ExistingUnit, loadExisting, validOn } from "./units.import";

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

export async function importSuccessions(
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
