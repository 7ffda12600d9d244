/**
 * The programme's calendar of deadlines (docs/DEADLINES.md): the dates in effect for a unit and a data year, a
 * province's own dates (or a new national version) set by its admins, and who is late among a unit's communes.
 */
import { sql } from "kysely";
import type {
  Calendar,
  CommuneStatus,
  DeadlineKey,
  DeadlineLevel,
  DeadlineStatus,
  DeadlineStatusTable,
  EffectiveDeadline,
} from "../../../shared/deadlines";
import { deadlineStatuses } from "../../../shared/deadlines";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { underUnit } from "../../registry/units";
import { recordAudit } from "../audit/audit.repo";
import { canOnUnit, readableUnitRow } from "../territory/territory.repo";
import {
  candidateRows,
  deadlinesByProvince,
  inForceOn,
  provinceOf,
  resolveRows,
  toEffective,
} from "./calendar";
import { communeCells, ofCommunes, provinceColumn } from "./status";

/** The unit a table is asked for (404 outside the caller's scope), as the answers name it; null: the nation. */
async function shownUnit(tx: Db, actor: Actor, unitId: number | undefined) {
  if (unitId === undefined) return null;
  const { id, name, level } = await readableUnitRow(tx, actor, unitId);
  return { id, name, level };
}

/** Every deadline of a data year as it applies to a unit (its province's dates first), or the national ones. */
export async function calendar(
  db: Db,
  actor: Actor,
  query: { unitId?: number; year: number },
): Promise<Calendar> {
  return asActor(db, actor, async (tx) => {
    const unit = await shownUnit(tx, actor, query.unitId);
    const province = await provinceOf(tx, unit?.id ?? null);
    const byProvince = await deadlinesByProvince(tx, province === null ? [] : [province], query.year);
    return { unit, year: query.year, deadlines: byProvince.get(province) ?? [] };
  });
}

/**
 * The communes of a unit (all those in the caller's scope without one) in force at the end of the data year, each
 * with the status of every commune and Hội deadline; `key` and `status` keep the communes with that status (for
 * that deadline, or any).
 */
export async function statusTable(
  db: Db,
  actor: Actor,
  query: { unitId?: number; year: number; key?: DeadlineKey; status?: DeadlineStatus },
  today: string,
): Promise<DeadlineStatusTable> {
  return asActor(db, actor, async (tx) => {
    const unit = await shownUnit(tx, actor, query.unitId);
    const communes = await tx
      .selectFrom("admin_units as c")
      .select(["c.id", "c.code", "c.name"])
      .select(provinceColumn("id").$castTo<number | null>().as("province_id"))
      .select(sql<string>`coalesce(${provinceColumn("name")}, '')`.as("province_name"))
      .where("c.level", "=", "commune")
      .where(inForceOn("c", `${query.year}-12-31`))
      .where(unitInScope(actor, "read", "c.id"))
      .$if(unit !== null, (q) => q.where(underUnit(unit!.id, "c.id")))
      .orderBy("province_name")
      .orderBy("c.name")
      .execute();
    const { byProvince, cells } = await communeCells(tx, actor, communes, query.year, today);
    const counts: DeadlineStatusTable["counts"] = {};
    const rows: CommuneStatus[] = [];
    for (const c of communes) {
      const own = cells.get(Number(c.id)) ?? {};
      const keep = Object.entries(own).some(
        ([key, cell]) =>
          (query.key === undefined || key === query.key) &&
          (query.status === undefined || cell.status === query.status),
      );
      if (!keep) continue;
      for (const [key, cell] of Object.entries(own)) {
        counts[key] ??= Object.fromEntries(deadlineStatuses.map((s) => [s, 0])) as Record<
          DeadlineStatus,
          number
        >;
        counts[key][cell.status] += 1;
      }
      rows.push({
        unit: { id: Number(c.id), code: c.code, name: c.name, provinceName: c.province_name },
        cells: own,
      });
    }
    // The columns' dates: the unit's province's, or the one province of the communes shown without a unit.
    const provinces = [...byProvince.keys()].filter((p) => p !== null);
    const unitProvince = unit ? await provinceOf(tx, unit.id) : provinces.length === 1 ? provinces[0]! : null;
    const columns =
      byProvince.get(unitProvince) ?? (await deadlinesByProvince(tx, [], query.year)).get(null) ?? [];
    return { unit, year: query.year, today, deadlines: ofCommunes(columns), communes: rows, counts };
  });
}

export type DeadlineInput = {
  provinceId: number | null;
  key: DeadlineKey;
  level: DeadlineLevel;
  month: number;
  day: number;
  startMonth?: number | null;
  startDay?: number | null;
  yearOffset: 0 | 1;
  validFrom: number;
  legalBasis?: string | null;
  note?: string | null;
};

const levelNames: Record<DeadlineLevel, string> = {
  commune: "xã, phường",
  province: "tỉnh, thành phố",
  association: "Hội Khuyến học xã, phường",
};

/**
 * Sets a deadline's date from a data year on: a province's own date for its communes (its unit admins, or a system
 * administrator), or a new version of the national date (system administrators). A row of the same deadline, owner
 * and year is replaced. Audited with the row before and after.
 */
export async function setDeadline(db: Db, actor: Actor, input: DeadlineInput): Promise<EffectiveDeadline> {
  return asActor(db, actor, async (tx) => {
    let owner: { id: number; name: string } | null = null;
    if (input.provinceId === null) {
      if (!actor.global) throw forbidden("Chỉ quản trị hệ thống được đặt hạn chung toàn quốc");
    } else {
      const unit = await readableUnitRow(tx, actor, input.provinceId);
      if (unit.level !== "province")
        throw new AppError("validation", `Chỉ tỉnh, thành phố được đặt hạn riêng; ${unit.name} là cấp khác`, {
          fields: { provinceId: "Đơn vị không phải tỉnh, thành phố" },
        });
      if (!(await canOnUnit(tx, actor, "admin", unit.id)))
        throw forbidden(`Chỉ quản trị của ${unit.name} hoặc quản trị hệ thống được đặt hạn riêng của tỉnh`);
      if (input.level === "province")
        throw new AppError(
          "validation",
          "Hạn của tỉnh, thành phố (báo cáo lên cấp trên) là hạn chung toàn quốc; tỉnh chỉ đặt hạn cho xã, phường và Hội Khuyến học xã",
          { fields: { level: "Tỉnh không đặt được hạn của chính mình" } },
        );
      owner = unit;
    }
    const national = resolveRows(
      (await candidateRows(tx, [], 2100)).filter((r) => r.key === input.key && r.level === input.level),
      null,
    )[0];
    if (!national)
      throw new AppError("validation", `Lịch chưa có hạn "${input.key}" cho cấp ${levelNames[input.level]}`, {
        fields: { level: "Không có hạn này ở cấp đã chọn" },
      });
    const existing = await tx
      .selectFrom("programme_deadlines")
      .selectAll()
      .where("key", "=", input.key)
      .where("level", "=", input.level)
      .where((eb) => (owner ? eb("owner_unit_id", "=", owner.id) : eb("owner_unit_id", "is", null)))
      .where("valid_from", "=", input.validFrom)
      .executeTakeFirst();
    const values = {
      start_month: input.startMonth ?? null,
      start_day: input.startDay ?? null,
      month: input.month,
      day: input.day,
      year_offset: input.yearOffset,
      legal_basis: input.legalBasis?.trim() || (owner ? null : national.legal_basis),
      note: input.note?.trim() || null,
      confirmed: owner ? true : (existing?.confirmed ?? true),
      updated_by: actor.userId,
      updated_at: new Date(),
    };
    const row = existing
      ? await tx
          .updateTable("programme_deadlines")
          .set(values)
          .where("id", "=", existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto("programme_deadlines")
          .values({
            ...values,
            key: input.key,
            label: national.label,
            level: input.level,
            owner_unit_id: owner?.id ?? null,
            valid_from: input.validFrom,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    const effective = toEffective(
      { ...row, id: Number(row.id), owner_name: owner?.name ?? null },
      input.validFrom,
    );
    await recordAudit(tx, actor, {
      action: existing ? "update" : "create",
      entity: "programme_deadline",
      entityId: row.id,
      unitId: owner?.id ?? null,
      before: existing ?? undefined,
      after: row,
    });
    return effective;
  });
}

/** Removes a province's own date (its communes go back to the national one); national rows stay. Audited. */
export async function deleteDeadline(db: Db, actor: Actor, id: number): Promise<void> {
  return asActor(db, actor, async (tx) => {
    const row = await tx
      .selectFrom("programme_deadlines")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound("Không tìm thấy hạn");
    if (row.owner_unit_id === null)
      throw new AppError(
        "conflict",
        "Hạn chung toàn quốc không xóa được: đặt một phiên bản mới từ năm cần đổi",
      );
    if (!(await canOnUnit(tx, actor, "admin", Number(row.owner_unit_id))))
      throw forbidden("Chỉ quản trị của tỉnh, thành phố hoặc quản trị hệ thống được xóa hạn riêng của tỉnh");
    await tx.deleteFrom("programme_deadlines").where("id", "=", id).execute();
    await recordAudit(tx, actor, {
      action: "delete",
      entity: "programme_deadline",
      entityId: id,
      unitId: Number(row.owner_unit_id),
      before: row,
    });
  });
}

/**
 * Every version of a province's own dates (each applies from its first data year until a later one), newest first,
 * with whether the caller may set or delete them (the province's admins, system administrators).
 */
export async function ownVersions(db: Db, actor: Actor, provinceId: number) {
  return asActor(db, actor, async (tx) => {
    const unit = await readableUnitRow(tx, actor, provinceId);
    if (unit.level !== "province")
      throw new AppError("validation", `Chỉ tỉnh, thành phố có hạn riêng; ${unit.name} là cấp khác`, {
        fields: { provinceId: "Đơn vị không phải tỉnh, thành phố" },
      });
    const rows = await tx
      .selectFrom("programme_deadlines as d")
      .leftJoin("admin_units as o", "o.id", "d.owner_unit_id")
      .selectAll("d")
      .select("o.name as owner_name")
      .where("d.owner_unit_id", "=", unit.id)
      .orderBy("d.key")
      .orderBy("d.valid_from", "desc")
      .execute();
    return {
      province: { id: unit.id, name: unit.name },
      mayEdit: await canOnUnit(tx, actor, "admin", unit.id),
      versions: rows.map((row) =>
        toEffective({ ...row, id: Number(row.id), owner_name: row.owner_name }, row.valid_from),
      ),
    };
  });
}
