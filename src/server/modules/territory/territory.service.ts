/** Territory operations: reading units with their history, and the village changes commune users make. */

import type { UnitDetail, UnitSummary } from "../../../shared/api";
import { type Can, permissions } from "../../../shared/capabilities";
import { cleanName, foldText } from "../../../shared/text";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { AppError, forbidden, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { today } from "./dates";
import {
  canOnUnit,
  findUnit,
  listAncestors,
  listChildren,
  listRoots,
  listSuccessionLinks,
  readableUnitRow,
  searchUnits,
  type UnitRow,
  unitOutOfScope,
} from "./territory.repo";

export async function getUnitDetail(
  db: Db,
  actor: Actor,
  id: number,
  date: IsoDate = today(),
): Promise<UnitDetail> {
  return asActor(db, actor, async (tx) => {
    const unit = await findUnit(tx, actor, id, date);
    if (!unit) throw notFound(unitOutOfScope);
    const [ancestors, predecessors, successors, allowed, row] = await Promise.all([
      listAncestors(tx, id),
      listSuccessionLinks(tx, actor, id, "predecessors"),
      listSuccessionLinks(tx, actor, id, "successors"),
      Promise.all(permissions.map((p) => canOnUnit(tx, actor, p, id))),
      tx.selectFrom("admin_units").select("version").where("id", "=", id).executeTakeFirstOrThrow(),
    ]);
    return {
      ...unit,
      ancestors,
      predecessors,
      successors,
      // Every permission of the capability table, for the pages to show, hide or explain actions.
      can: Object.fromEntries(permissions.map((p, i) => [p, allowed[i]!])) as Can,
      version: row.version,
    };
  });
}

export async function getChildren(db: Db, actor: Actor, id: number, date: IsoDate = today()) {
  return asActor(db, actor, async (tx) => {
    // A grant on a village reads its commune's name (unitVisible) and, among the commune's children, its own
    // villages: listChildren keeps only children in the caller's scope.
    if (!(await findUnit(tx, actor, id, date))) throw notFound(unitOutOfScope);
    return listChildren(tx, actor, id, date);
  });
}

export const getRoots = (db: Db, actor: Actor, date: IsoDate = today()) =>
  asActor(db, actor, (tx) => listRoots(tx, actor, date));

export const findUnits = (
  db: Db,
  actor: Actor,
  query: string,
  options: { date?: IsoDate; anyDate?: boolean },
) =>
  asActor(db, actor, (tx) =>
    searchUnits(tx, actor, query, { date: options.date ?? today(), anyDate: options.anyDate }),
  );

type VillageRow = {
  id: number;
  version: number;
  code: string;
  name: string;
  kind: string;
  level: string;
  parent_id: number | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
};

const villageColumns = [
  "id",
  "version",
  "code",
  "name",
  "kind",
  "level",
  "parent_id",
  "valid_from",
  "valid_to",
] as const;

async function loadWritable(tx: Db, actor: Actor, id: number): Promise<UnitRow> {
  const unit = await readableUnitRow(tx, actor, id);
  if (!(await canOnUnit(tx, actor, "write", id))) throw forbidden("Bạn không có quyền sửa đơn vị này");
  return unit;
}

/**
 * A village to change: read again FOR UPDATE once scope and level are checked (row-level security turns a
 * locking read of a row one may not change into no row), so that a concurrent change waits for this transaction
 * and then reads its version. With `expected`, refused (409, naming who changed it) unless the user started from
 * the current version; without (the other village of a merge), only locked.
 */
async function loadVillage(tx: Db, actor: Actor, id: number, expected?: number): Promise<VillageRow> {
  const unit = await loadWritable(tx, actor, id);
  if (unit.level !== "village")
    throw new AppError(
      "validation",
      "Chỉ thôn, tổ dân phố được sửa trong ứng dụng; đơn vị hành chính cập nhật theo danh mục nhà nước",
    );
  const locked = await tx
    .selectFrom("admin_units")
    .select(villageColumns)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw forbidden("Bạn không có quyền sửa đơn vị này");
  if (expected !== undefined) await expectVersion(tx, { entity: "admin_unit", id }, expected, locked.version);
  return locked;
}

/** Next free village code of a commune: 01, 02, ... (codes are never reused, retired villages keep theirs). */
export async function nextVillageCode(tx: Db, communeId: number): Promise<string> {
  const rows = await tx.selectFrom("admin_units").select("code").where("parent_id", "=", communeId).execute();
  const taken = new Set(rows.map((r) => r.code));
  let n = rows.length + 1;
  while (taken.has(String(n).padStart(2, "0"))) n++;
  return String(n).padStart(2, "0");
}

export type NewVillage = { code?: string; name: string; kind: string; validFrom?: IsoDate | null };

/** Inserts a village under a commune the caller may write; used by the form and by the Excel import. */
export async function insertVillage(
  tx: Db,
  actor: Actor,
  communeId: number,
  input: NewVillage,
): Promise<UnitSummary> {
  const code = input.code?.trim() || (await nextVillageCode(tx, communeId));
  const clash = await tx
    .selectFrom("admin_units")
    .select("name")
    .where("parent_id", "=", communeId)
    .where("code", "=", code)
    .executeTakeFirst();
  if (clash)
    throw new AppError("conflict", `Mã ${code} đã dùng cho "${clash.name}"`, {
      fields: { code: "Mã đã dùng" },
    });
  const row = await tx
    .insertInto("admin_units")
    .values({
      level: "village",
      code,
      name: cleanName(input.name),
      kind: input.kind,
      parent_id: communeId,
      valid_from: input.validFrom ?? null,
    })
    .returning(["id", "code", "name", "level", "kind", "parent_id", "valid_from", "valid_to"])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    action: "create",
    entity: "admin_unit",
    entityId: row.id,
    unitId: row.id,
    after: row,
  });
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    parentId: row.parent_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    childCount: 0,
  };
}

export async function createVillage(db: Db, actor: Actor, communeId: number, input: NewVillage) {
  return asActor(db, actor, async (tx) => {
    const commune = await loadWritable(tx, actor, communeId);
    if (commune.level !== "commune")
      throw new AppError("validation", "Thôn, tổ dân phố chỉ được tạo trong một xã, phường");
    if (commune.valid_to !== null && commune.valid_to <= today())
      throw new AppError("validation", `${commune.name} đã hết hiệu lực từ ${commune.valid_to}`);
    return insertVillage(tx, actor, communeId, input);
  });
}

export async function renameVillage(db: Db, actor: Actor, id: number, name: string, version: number) {
  return asActor(db, actor, async (tx) => {
    const before = await loadVillage(tx, actor, id, version);
    const cleaned = cleanName(name);
    if (cleaned === before.name) return;
    const siblings = await tx
      .selectFrom("admin_units")
      .select(["id", "name"])
      .where("parent_id", "=", before.parent_id)
      .where("valid_to", "is", null)
      .where("id", "<>", id)
      .execute();
    if (siblings.some((s) => foldText(s.name) === foldText(cleaned)))
      throw new AppError("conflict", `Xã/phường đã có "${cleaned}"`, { fields: { name: "Tên đã có" } });
    await tx.updateTable("admin_units").set({ name: cleaned }).where("id", "=", id).execute();
    await recordAudit(tx, actor, {
      action: "rename",
      entity: "admin_unit",
      entityId: id,
      unitId: id,
      before: { name: before.name },
      after: { name: cleaned },
    });
  });
}

function checkEndDate(unit: VillageRow, date: IsoDate) {
  if (unit.valid_to !== null)
    throw new AppError("validation", `${unit.name} đã hết hiệu lực từ ${unit.valid_to}`);
  if (unit.valid_from !== null && date <= unit.valid_from)
    throw new AppError("validation", `Ngày phải sau ngày bắt đầu hiệu lực ${unit.valid_from}`, {
      fields: { date: "Ngày không hợp lệ" },
    });
}

export async function retireVillage(db: Db, actor: Actor, id: number, date: IsoDate, version: number) {
  return asActor(db, actor, async (tx) => {
    const unit = await loadVillage(tx, actor, id, version);
    checkEndDate(unit, date);
    await tx.updateTable("admin_units").set({ valid_to: date }).where("id", "=", id).execute();
    await recordAudit(tx, actor, {
      action: "retire",
      entity: "admin_unit",
      entityId: id,
      unitId: id,
      before: { validTo: null },
      after: { validTo: date },
    });
  });
}

/** Merges a village into another of the same commune: the first ends on `date`, a full succession links them. */
export async function mergeVillage(
  db: Db,
  actor: Actor,
  id: number,
  input: { intoId: number; date: IsoDate; version: number },
) {
  const { intoId, date } = input;
  return asActor(db, actor, async (tx) => {
    if (id === intoId) throw new AppError("validation", "Không thể sáp nhập một thôn vào chính nó");
    // Both locked in id order, so that two merges of the same pair never wait on each other.
    const [first, second] = id < intoId ? [id, intoId] : [intoId, id];
    const locked = [await loadVillage(tx, actor, first), await loadVillage(tx, actor, second)];
    const source = locked.find((u) => u.id === id)!;
    const target = locked.find((u) => u.id === intoId)!;
    await expectVersion(tx, { entity: "admin_unit", id }, input.version, source.version);
    if (source.parent_id !== target.parent_id)
      throw new AppError("validation", "Chỉ sáp nhập các thôn, tổ dân phố trong cùng một xã, phường");
    checkEndDate(source, date);
    if (target.valid_to !== null) throw new AppError("validation", `${target.name} đã hết hiệu lực`);
    await tx.updateTable("admin_units").set({ valid_to: date }).where("id", "=", id).execute();
    const succession = await tx
      .insertInto("unit_successions")
      .values({
        predecessor_id: id,
        successor_id: intoId,
        kind: "merge",
        coverage: "full",
        effective_date: date,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, {
      action: "merge",
      entity: "admin_unit",
      entityId: id,
      unitId: intoId,
      before: { id, name: source.name, validTo: null },
      after: { validTo: date, mergedInto: { id: intoId, name: target.name }, successionId: succession.id },
    });
  });
}
