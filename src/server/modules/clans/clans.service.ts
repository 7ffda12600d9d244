/** The clan registry (dòng họ) of a commune: every query scoped to the caller's units, every write audited. */
import { sql } from "kysely";
import type { Clan, ClanInput, ClanUpdate } from "../../../shared/clans";
import { cleanName } from "../../../shared/text";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import {
  archiveRegistryRow,
  isoOrNull,
  type RegistryListOptions,
  registryPage,
  writableUnit,
} from "../../lib/registry-scope";
import { recordAudit } from "../audit/audit.repo";

type Row = {
  id: number;
  commune_id: number;
  name: string;
  head_name: string;
  archived_at: Date | string | null;
  household_ids: (number | string)[];
};

export function presentClan(row: Row): Clan {
  return {
    id: row.id,
    communeId: row.commune_id,
    name: row.name,
    headName: row.head_name,
    householdIds: row.household_ids.map(Number),
    archivedAt: isoOrNull(row.archived_at),
  };
}

function baseQuery(tx: Db, actor: Actor) {
  return tx.selectFrom("clans as c").where(unitInScope(actor, "read", "c.commune_id"));
}

const columns = [
  "c.id",
  "c.commune_id",
  "c.name",
  "c.head_name",
  "c.archived_at",
  sql<(number | string)[]>`ARRAY(SELECT h.id FROM households h WHERE h.commune_id = c.commune_id
    AND h.clan_id = c.id AND h.archived_at IS NULL ORDER BY h.id)`.as("household_ids"),
] as const;

export async function listClans(db: Db, actor: Actor, options: RegistryListOptions) {
  return asActor(db, actor, async (tx) => {
    const { rows, total } = await registryPage<Row>(tx, actor, baseQuery(tx, actor), options, {
      alias: "c",
      unitColumn: "c.commune_id",
      select: (q) => q.select(columns).orderBy("c.name").orderBy("c.id"),
    });
    return { clans: rows.map(presentClan), total };
  });
}

async function loadClan(tx: Db, actor: Actor, id: number) {
  const row = await baseQuery(tx, actor).select(columns).where("c.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy dòng họ, hoặc dòng họ nằm ngoài phạm vi của bạn");
  return presentClan(row);
}

export const getClan = (db: Db, actor: Actor, id: number) =>
  asActor(db, actor, (tx) => loadClan(tx, actor, id));

const writableCommune = (tx: Db, actor: Actor, communeId: number) =>
  writableUnit(tx, actor, communeId, {
    levels: ["commune"],
    field: "communeId",
    message: "Dòng họ thuộc một xã, phường: chọn xã, phường",
  });

function duplicateName(error: unknown, name: string) {
  if ((error as { code?: string }).code === "23505")
    return new AppError("conflict", `Dòng họ "${name}" đã có trong xã, phường`, {
      fields: { name: "Tên dòng họ đã có" },
    });
  return error;
}

export async function createClan(db: Db, actor: Actor, input: ClanInput): Promise<Clan> {
  return asActor(db, actor, async (tx) => {
    const commune = await writableCommune(tx, actor, input.communeId);
    const name = cleanName(input.name);
    const { id } = await tx
      .insertInto("clans")
      .values({
        commune_id: commune.communeId,
        province_id: commune.provinceId,
        name,
        head_name: cleanName(input.headName),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error) => {
        throw duplicateName(error, name);
      });
    const created = await loadClan(tx, actor, id);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "clan",
      entityId: id,
      unitId: commune.communeId,
      after: created,
    });
    return created;
  });
}

async function writableClan(tx: Db, actor: Actor, id: number) {
  const before = await loadClan(tx, actor, id);
  await writableCommune(tx, actor, before.communeId);
  return before;
}

export async function updateClan(db: Db, actor: Actor, id: number, input: ClanUpdate): Promise<Clan> {
  return asActor(db, actor, async (tx) => {
    const before = await writableClan(tx, actor, id);
    if (before.archivedAt) throw new AppError("validation", "Dòng họ đã lưu trữ, không sửa được");
    const name = input.name === undefined ? undefined : cleanName(input.name);
    await tx
      .updateTable("clans")
      .set({ name, head_name: input.headName === undefined ? undefined : cleanName(input.headName) })
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute()
      .catch((error) => {
        throw duplicateName(error, name ?? "");
      });
    const after = await loadClan(tx, actor, id);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "clan",
      entityId: id,
      unitId: after.communeId,
      before,
      after,
    });
    return after;
  });
}

/**
 * Sets the member households of a clan: exactly the listed ones, which must be households (not archived) of the
 * clan's commune that the caller may write. Households no longer listed leave the clan.
 */
export async function setClanHouseholds(db: Db, actor: Actor, id: number, householdIds: number[]) {
  return asActor(db, actor, async (tx) => {
    const before = await writableClan(tx, actor, id);
    if (before.archivedAt) throw new AppError("validation", "Dòng họ đã lưu trữ, không sửa được");
    const wanted = [...new Set(householdIds)];
    if (wanted.length > 0) {
      const found = await tx
        .selectFrom("households as h")
        .select("h.id")
        .where("h.commune_id", "=", before.communeId)
        .where("h.id", "in", wanted)
        .where("h.archived_at", "is", null)
        .where(unitInScope(actor, "write", "h.village_id"))
        .execute();
      const known = new Set(found.map((h) => Number(h.id)));
      const missing = wanted.filter((h) => !known.has(h));
      if (missing.length > 0)
        throw new AppError(
          "validation",
          `Hộ ${missing.join(", ")} không thuộc xã, phường của dòng họ, đã lưu trữ, hoặc bạn không được sửa`,
          { fields: { householdIds: "Chỉ chọn hộ của cùng xã, phường" } },
        );
    }
    const leaving = before.householdIds.filter((h) => !wanted.includes(h));
    if (leaving.length > 0)
      await tx
        .updateTable("households")
        .set({ clan_id: null, updated_at: new Date() })
        .where("commune_id", "=", before.communeId)
        .where("clan_id", "=", id)
        .where("id", "in", leaving)
        .execute();
    const joining = wanted.filter((h) => !before.householdIds.includes(h));
    if (joining.length > 0)
      await tx
        .updateTable("households")
        .set({ clan_id: id, updated_at: new Date() })
        .where("commune_id", "=", before.communeId)
        .where("id", "in", joining)
        .execute();
    const after = await loadClan(tx, actor, id);
    if (joining.length + leaving.length > 0)
      await recordAudit(tx, actor, {
        action: "update",
        entity: "clan",
        entityId: id,
        unitId: after.communeId,
        before: { householdIds: before.householdIds },
        after: { householdIds: after.householdIds },
      });
    return after;
  });
}

export async function archiveClan(db: Db, actor: Actor, id: number) {
  return asActor(db, actor, async (tx) => {
    const before = await writableClan(tx, actor, id);
    await archiveRegistryRow(tx, actor, {
      table: "clans",
      entity: "clan",
      id,
      communeId: before.communeId,
      unitId: before.communeId,
      archivedAt: before.archivedAt,
      alreadyArchived: "Dòng họ đã được lưu trữ",
    });
  });
}
