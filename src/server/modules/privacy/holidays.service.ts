/**
 * The national public holidays the working-day clock skips (table public_holidays, migration 0041): everybody reads
 * them, system administrators add and remove days (audited). A due date already computed does not move.
 */
import type { PublicHoliday } from "../../../shared/privacy-requests";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";

export async function holidaySet(tx: Db): Promise<Set<string>> {
  const rows = await tx.selectFrom("public_holidays").select("day").execute();
  return new Set(rows.map((r) => r.day));
}

export async function listHolidays(db: Db, actor: Actor, year?: number): Promise<PublicHoliday[]> {
  return asActor(db, actor, async (tx) => {
    let query = tx.selectFrom("public_holidays").select(["day", "name"]).orderBy("day");
    if (year) query = query.where("day", ">=", `${year}-01-01`).where("day", "<=", `${year}-12-31`);
    return query.execute();
  });
}

const onlyAdmins = () => forbidden("Chỉ Quản trị hệ thống được sửa danh sách ngày nghỉ lễ");

export async function addHoliday(db: Db, actor: Actor, input: PublicHoliday): Promise<PublicHoliday> {
  if (!actor.global) throw onlyAdmins();
  return asActor(db, actor, async (tx) => {
    const exists = await tx
      .selectFrom("public_holidays")
      .select("name")
      .where("day", "=", input.day)
      .executeTakeFirst();
    if (exists)
      throw new AppError("validation", `Ngày ${input.day} đã có trong danh sách (${exists.name})`, {
        fields: { day: `Ngày đã có: ${exists.name}` },
      });
    const row = { day: input.day, name: input.name.trim() };
    await tx
      .insertInto("public_holidays")
      .values({ ...row, created_by: actor.userId })
      .execute();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "public_holiday",
      entityId: row.day,
      after: row,
    });
    return row;
  });
}

export async function removeHoliday(db: Db, actor: Actor, day: string): Promise<void> {
  if (!actor.global) throw onlyAdmins();
  return asActor(db, actor, async (tx) => {
    const before = await tx
      .deleteFrom("public_holidays")
      .where("day", "=", day)
      .returning(["day", "name"])
      .executeTakeFirst();
    if (!before) throw notFound("Không có ngày nghỉ lễ này");
    await recordAudit(tx, actor, { action: "delete", entity: "public_holiday", entityId: day, before });
  });
}
