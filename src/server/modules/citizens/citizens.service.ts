/**
 * The citizen registry (Công dân học tập) of a commune: name, village, birth year and group only. Every query is
 * scoped to the caller's units, every write audited; nothing of it is public.
 */
import type { Citizen, CitizenInput, CitizenUpdate } from "../../../shared/citizens";
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

const columns = [
  "p.id",
  "p.commune_id",
  "p.full_name",
  "p.birth_year",
  "p.population_group",
  "p.household_id",
  "p.archived_at",
  "v.id as village_id",
  "v.code as village_code",
  "v.name as village_name",
  "v.kind as village_kind",
] as const;

type Row = {
  id: number;
  commune_id: number;
  full_name: string;
  birth_year: number | null;
  population_group: Citizen["group"];
  household_id: number | null;
  archived_at: Date | string | null;
  village_id: number;
  village_code: string;
  village_name: string;
  village_kind: string;
};

export function presentCitizen(row: Row): Citizen {
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
    fullName: row.full_name,
    birthYear: row.birth_year,
    group: row.population_group,
    householdId: row.household_id,
    archivedAt: isoOrNull(row.archived_at),
  };
}

function baseQuery(tx: Db, actor: Actor) {
  return tx
    .selectFrom("citizens as p")
    .innerJoin("admin_units as v", "v.id", "p.village_id")
    .where(unitInScope(actor, "read", "p.village_id"));
}

export async function listCitizens(db: Db, actor: Actor, options: RegistryListOptions) {
  return asActor(db, actor, async (tx) => {
    const { rows, total } = await registryPage<Row>(tx, actor, baseQuery(tx, actor), options, {
      alias: "p",
      unitColumn: "p.village_id",
      select: (q) => q.select(columns).orderBy("v.name").orderBy("p.search_name").orderBy("p.id"),
    });
    return { citizens: rows.map(presentCitizen), total };
  });
}

async function loadCitizen(tx: Db, actor: Actor, id: number) {
  const row = await baseQuery(tx, actor).select(columns).where("p.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy công dân, hoặc người này nằm ngoài phạm vi của bạn");
  return presentCitizen(row);
}

export const getCitizen = (db: Db, actor: Actor, id: number) =>
  asActor(db, actor, (tx) => loadCitizen(tx, actor, id));

const writableVillage = (tx: Db, actor: Actor, villageId: number) =>
  writableUnit(tx, actor, villageId, {
    levels: ["village"],
    field: "villageId",
    message: "Công dân phải thuộc một thôn, tổ dân phố",
  });

/** A household of the same commune the caller may read, or a validation error. */
async function checkHousehold(
  tx: Db,
  actor: Actor,
  communeId: number,
  householdId: number | null | undefined,
) {
  if (householdId === null || householdId === undefined) return;
  const found = await tx
    .selectFrom("households as h")
    .select("h.id")
    .where("h.commune_id", "=", communeId)
    .where("h.id", "=", householdId)
    .where(unitInScope(actor, "read", "h.village_id"))
    .executeTakeFirst();
  if (!found)
    throw new AppError("validation", "Hộ gia đình không thuộc xã, phường của công dân", {
      fields: { householdId: "Chọn hộ của cùng xã, phường" },
    });
}

export async function createCitizen(db: Db, actor: Actor, input: CitizenInput): Promise<Citizen> {
  return asActor(db, actor, async (tx) => {
    const village = await writableVillage(tx, actor, input.villageId);
    await checkHousehold(tx, actor, village.communeId, input.householdId);
    const { id } = await tx
      .insertInto("citizens")
      .values({
        commune_id: village.communeId,
        province_id: village.provinceId,
        village_id: village.id,
        full_name: cleanName(input.fullName),
        birth_year: input.birthYear ?? null,
        population_group: input.group ?? "other",
        household_id: input.householdId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await loadCitizen(tx, actor, id);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "citizen",
      entityId: id,
      unitId: village.id,
      after: created,
    });
    return created;
  });
}

export async function updateCitizen(db: Db, actor: Actor, id: number, input: CitizenUpdate) {
  return asActor(db, actor, async (tx) => {
    const before = await loadCitizen(tx, actor, id);
    if (before.archivedAt) throw new AppError("validation", "Công dân đã lưu trữ, không sửa được");
    await writableVillage(tx, actor, before.village.id);
    if (input.villageId !== undefined && input.villageId !== before.village.id) {
      const target = await writableVillage(tx, actor, input.villageId);
      if (target.communeId !== before.communeId)
        throw new AppError(
          "validation",
          "Công dân chuyển sang xã, phường khác: lưu trữ ở đây và thêm ở nơi mới",
          { fields: { villageId: "Chỉ chuyển trong cùng xã, phường" } },
        );
    }
    await checkHousehold(tx, actor, before.communeId, input.householdId);
    await tx
      .updateTable("citizens")
      .set({
        village_id: input.villageId,
        full_name: input.fullName === undefined ? undefined : cleanName(input.fullName),
        birth_year: input.birthYear,
        population_group: input.group,
        household_id: input.householdId,
      })
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute();
    const after = await loadCitizen(tx, actor, id);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "citizen",
      entityId: id,
      unitId: after.village.id,
      before,
      after,
    });
    return after;
  });
}

export async function archiveCitizen(db: Db, actor: Actor, id: number) {
  return asActor(db, actor, async (tx) => {
    const before = await loadCitizen(tx, actor, id);
    await writableVillage(tx, actor, before.village.id);
    await archiveRegistryRow(tx, actor, {
      table: "citizens",
      entity: "citizen",
      id,
      communeId: before.communeId,
      unitId: before.village.id,
      archivedAt: before.archivedAt,
      alreadyArchived: "Công dân đã được lưu trữ",
    });
  });
}
