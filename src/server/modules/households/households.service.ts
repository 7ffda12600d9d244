/** The household registry of a commune: every query scoped to the caller's units, every write audited. */
import { sql } from "kysely";
import type { Household, HouseholdInput } from "../../../shared/registries";
import { cleanName } from "../../../shared/text";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { type RegistryListOptions, registryPage, writableUnit } from "../../lib/registry-scope";
import { recordAudit } from "../audit/audit.repo";

const columns = [
  "h.id",
  "h.commune_id",
  "h.code",
  "h.head_name",
  "h.address",
  "h.members",
  "h.phone",
  "h.clan_id",
  "h.archived_at",
  "h.archived_reason",
  "v.id as village_id",
  "v.code as village_code",
  "v.name as village_name",
  "v.kind as village_kind",
] as const;

type Row = {
  id: number;
  commune_id: number;
  code: string;
  head_name: string;
  address: string | null;
  members: number;
  phone: string | null;
  clan_id: number | null;
  archived_at: Date | string | null;
  archived_reason: Household["archivedReason"];
  village_id: number;
  village_code: string;
  village_name: string;
  village_kind: string;
};

export function presentHousehold(row: Row): Household {
  return {
    id: row.id,
    communeId: row.commune_id,
    village: {
      id: row.village_id,
      code: row.village_code,
      name: row.village_name,
      level: "village",
      kind: row.village_kind,
    },
    code: row.code,
    headName: row.head_name,
    address: row.address,
    members: row.members,
    phone: row.phone,
    clanId: row.clan_id,
    archivedAt: row.archived_at === null ? null : new Date(row.archived_at).toISOString(),
    archivedReason: row.archived_reason,
  };
}

function baseQuery(tx: Db, actor: Actor) {
  return tx
    .selectFrom("households as h")
    .innerJoin("admin_units as v", "v.id", "h.village_id")
    .where(unitInScope(actor, "read", "h.village_id"));
}

export async function listHouseholds(db: Db, actor: Actor, options: RegistryListOptions) {
  return asActor(db, actor, async (tx) => {
    const { rows, total } = await registryPage<Row>(tx, actor, baseQuery(tx, actor), options, {
      alias: "h",
      unitColumn: "h.village_id",
      searchCode: true,
      select: (q) => q.select(columns).orderBy("v.name").orderBy("h.code"),
    });
    return { households: rows.map(presentHousehold), total };
  });
}

async function loadHousehold(tx: Db, actor: Actor, id: number) {
  const row = await baseQuery(tx, actor).select(columns).where("h.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy hộ gia đình, hoặc hộ nằm ngoài phạm vi của bạn");
  return row;
}

export const getHousehold = (db: Db, actor: Actor, id: number) =>
  asActor(db, actor, async (tx) => presentHousehold(await loadHousehold(tx, actor, id)));

/** A village the caller may write, with its commune and province. */
export const writableVillage = (tx: Db, actor: Actor, villageId: number) =>
  writableUnit(tx, actor, villageId, {
    levels: ["village"],
    field: "villageId",
    message: "Hộ gia đình phải thuộc một thôn, tổ dân phố",
  });

/** Next free numeric household code of a commune (codes are kept when households are archived). */
export async function nextHouseholdCode(tx: Db, communeId: number): Promise<string> {
  const { rows } = await sql<{ next: number }>`
    SELECT coalesce(max(code::bigint), 0) + 1 AS next FROM households
    WHERE commune_id = ${communeId} AND code ~ '^[0-9]{1,15}$'`.execute(tx);
  return String(rows[0]?.next ?? 1).padStart(4, "0");
}

function duplicateCode(error: unknown, code: string) {
  if ((error as { code?: string }).code === "23505")
    return new AppError("conflict", `Mã hộ ${code} đã có trong xã, phường`, {
      fields: { code: "Mã hộ đã có" },
    });
  return error;
}

export async function createHousehold(db: Db, actor: Actor, input: HouseholdInput): Promise<Household> {
  return asActor(db, actor, async (tx) => {
    const village = await writableVillage(tx, actor, input.villageId);
    const code = input.code ?? (await nextHouseholdCode(tx, village.communeId));
    const { id } = await tx
      .insertInto("households")
      .values({
        commune_id: village.communeId,
        province_id: village.provinceId,
        village_id: village.id,
        code,
        head_name: cleanName(input.headName),
        address: input.address ?? null,
        members: input.members,
        phone: input.phone ?? null,
        clan_id: input.clanId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error) => {
        throw duplicateCode(error, code);
      });
    const created = presentHousehold(await loadHousehold(tx, actor, id));
    await recordAudit(tx, actor, {
      action: "create",
      entity: "household",
      entityId: id,
      unitId: village.id,
      after: created,
    });
    return created;
  });
}

export async function updateHousehold(db: Db, actor: Actor, id: number, input: Partial<HouseholdInput>) {
  return asActor(db, actor, async (tx) => {
    const before = presentHousehold(await loadHousehold(tx, actor, id));
    if (before.archivedAt) throw new AppError("validation", "Hộ đã lưu trữ, không sửa được");
    await writableVillage(tx, actor, before.village.id);
    if (input.villageId !== undefined && input.villageId !== before.village.id) {
      const target = await writableVillage(tx, actor, input.villageId);
      if (target.communeId !== before.communeId)
        throw new AppError(
          "validation",
          "Hộ chuyển sang xã, phường khác: lưu trữ hộ ở đây (chuyển đi) và tạo hộ ở nơi mới",
          {
            fields: { villageId: "Chỉ chuyển trong cùng xã, phường" },
          },
        );
    }
    await tx
      .updateTable("households")
      .set({
        village_id: input.villageId,
        code: input.code,
        head_name: input.headName === undefined ? undefined : cleanName(input.headName),
        address: input.address,
        members: input.members,
        phone: input.phone,
        clan_id: input.clanId,
        updated_at: new Date(),
      })
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute()
      .catch((error) => {
        throw duplicateCode(error, input.code ?? "");
      });
    const after = presentHousehold(await loadHousehold(tx, actor, id));
    await recordAudit(tx, actor, {
      action: "update",
      entity: "household",
      entityId: id,
      unitId: after.village.id,
      before,
      after,
    });
    return after;
  });
}

export async function archiveHousehold(
  db: Db,
  actor: Actor,
  id: number,
  reason: "moved" | "merged" | "dissolved",
) {
  return asActor(db, actor, async (tx) => {
    const before = presentHousehold(await loadHousehold(tx, actor, id));
    await writableVillage(tx, actor, before.village.id);
    if (before.archivedAt) throw new AppError("validation", "Hộ đã được lưu trữ");
    await tx
      .updateTable("households")
      .set({ archived_at: new Date(), archived_reason: reason, updated_at: new Date() })
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, actor, {
      action: "archive",
      entity: "household",
      entityId: id,
      unitId: before.village.id,
      before: { archivedAt: null },
      after: { archivedReason: reason },
    });
  });
}
