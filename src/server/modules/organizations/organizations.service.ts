/** The organisation registry of a commune (agencies, schools, enterprises): scoped queries, audited writes. */
import { sql } from "kysely";
import type { Organization, OrganizationInput, OrganizationUpdate } from "../../../shared/organizations";
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
  "o.id",
  "o.commune_id",
  "o.code",
  "o.name",
  "o.kind",
  "o.archived_at",
  "u.id as unit_id",
  "u.code as unit_code",
  "u.name as unit_name",
  "u.level as unit_level",
  "u.kind as unit_kind",
] as const;

type Row = {
  id: number;
  commune_id: number;
  code: string;
  name: string;
  kind: Organization["kind"];
  archived_at: Date | string | null;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_level: Organization["unit"]["level"];
  unit_kind: string;
};

export function presentOrganization(row: Row): Organization {
  return {
    id: row.id,
    communeId: row.commune_id,
    unit: {
      id: row.unit_id,
      code: row.unit_code,
      name: row.unit_name,
      level: row.unit_level,
      kind: row.unit_kind,
    },
    code: row.code,
    name: row.name,
    kind: row.kind,
    archivedAt: isoOrNull(row.archived_at),
  };
}

function baseQuery(tx: Db, actor: Actor) {
  return tx
    .selectFrom("organizations as o")
    .innerJoin("admin_units as u", "u.id", "o.unit_id")
    .where(unitInScope(actor, "read", "o.unit_id"));
}

export async function listOrganizations(db: Db, actor: Actor, options: RegistryListOptions) {
  return asActor(db, actor, async (tx) => {
    const { rows, total } = await registryPage<Row>(tx, actor, baseQuery(tx, actor), options, {
      alias: "o",
      unitColumn: "o.unit_id",
      searchCode: true,
      select: (q) => q.select(columns).orderBy("o.code"),
    });
    return { organizations: rows.map(presentOrganization), total };
  });
}

async function loadOrganization(tx: Db, actor: Actor, id: number) {
  const row = await baseQuery(tx, actor).select(columns).where("o.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy cơ quan, đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
  return presentOrganization(row);
}

export const getOrganization = (db: Db, actor: Actor, id: number) =>
  asActor(db, actor, (tx) => loadOrganization(tx, actor, id));

/** The village or commune an organisation belongs to, writable by the caller. */
export const writableHome = (tx: Db, actor: Actor, unitId: number) =>
  writableUnit(tx, actor, unitId, {
    levels: ["village", "commune"],
    field: "unitId",
    message: "Cơ quan, đơn vị phải thuộc một xã, phường hoặc một thôn, tổ dân phố",
  });

/** Next free numeric organisation code of a commune. */
export async function nextOrganizationCode(tx: Db, communeId: number): Promise<string> {
  const { rows } = await sql<{ next: number }>`
    SELECT coalesce(max(code::bigint), 0) + 1 AS next FROM organizations
    WHERE commune_id = ${communeId} AND code ~ '^[0-9]{1,15}$'`.execute(tx);
  return String(rows[0]?.next ?? 1).padStart(3, "0");
}

function duplicateCode(error: unknown, code: string) {
  if ((error as { code?: string }).code === "23505")
    return new AppError("conflict", `Mã đơn vị ${code} đã có trong xã, phường`, {
      fields: { code: "Mã đơn vị đã có" },
    });
  return error;
}

export async function createOrganization(
  db: Db,
  actor: Actor,
  input: OrganizationInput,
): Promise<Organization> {
  return asActor(db, actor, async (tx) => {
    const home = await writableHome(tx, actor, input.unitId);
    const code = input.code ?? (await nextOrganizationCode(tx, home.communeId));
    const { id } = await tx
      .insertInto("organizations")
      .values({
        commune_id: home.communeId,
        province_id: home.provinceId,
        unit_id: home.id,
        code,
        name: cleanName(input.name),
        kind: input.kind,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error) => {
        throw duplicateCode(error, code);
      });
    const created = await loadOrganization(tx, actor, id);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "organization",
      entityId: id,
      unitId: home.id,
      after: created,
    });
    return created;
  });
}

export async function updateOrganization(db: Db, actor: Actor, id: number, input: OrganizationUpdate) {
  return asActor(db, actor, async (tx) => {
    const before = await loadOrganization(tx, actor, id);
    if (before.archivedAt) throw new AppError("validation", "Cơ quan, đơn vị đã lưu trữ, không sửa được");
    await writableHome(tx, actor, before.unit.id);
    if (input.unitId !== undefined && input.unitId !== before.unit.id) {
      const target = await writableHome(tx, actor, input.unitId);
      if (target.communeId !== before.communeId)
        throw new AppError("validation", "Chỉ chuyển cơ quan, đơn vị trong cùng xã, phường", {
          fields: { unitId: "Chỉ chuyển trong cùng xã, phường" },
        });
    }
    await tx
      .updateTable("organizations")
      .set({
        unit_id: input.unitId,
        code: input.code,
        name: input.name === undefined ? undefined : cleanName(input.name),
        kind: input.kind,
      })
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute()
      .catch((error) => {
        throw duplicateCode(error, input.code ?? "");
      });
    const after = await loadOrganization(tx, actor, id);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "organization",
      entityId: id,
      unitId: after.unit.id,
      before,
      after,
    });
    return after;
  });
}

export async function archiveOrganization(db: Db, actor: Actor, id: number) {
  return asActor(db, actor, async (tx) => {
    const before = await loadOrganization(tx, actor, id);
    await writableHome(tx, actor, before.unit.id);
    await archiveRegistryRow(tx, actor, {
      table: "organizations",
      entity: "organization",
      id,
      communeId: before.communeId,
      unitId: before.unit.id,
      archivedAt: before.archivedAt,
      alreadyArchived: "Cơ quan, đơn vị đã được lưu trữ",
    });
  });
}
