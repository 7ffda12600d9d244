/** Accounts and role grants. A unit admin manages users below their units; only a system admin grants system admin. */
import { type SqlBool, sql } from "kysely";
import type { Grant, RoleName, UserSummary } from "../../../shared/api";
import { hashPassword } from "../../auth/passwords";
import { type Actor, asActor, requireRoles, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { canOnUnit, unitOutOfScope } from "../territory/territory.repo";

async function grantsOf(tx: Db, userIds: number[]): Promise<Map<number, Grant[]>> {
  const byUser = new Map<number, Grant[]>();
  if (userIds.length === 0) return byUser;
  const rows = await tx
    .selectFrom("role_grants as g")
    .leftJoin("admin_units as u", "u.id", "g.unit_id")
    .leftJoin("chapters as ch", (j) =>
      j.onRef("ch.commune_id", "=", "g.unit_id").onRef("ch.id", "=", "g.chapter_id"),
    )
    .select(["g.id", "g.user_id", "g.role", "u.id as unit_id", "u.code", "u.name", "u.level", "u.kind"])
    .select(["g.chapter_id", "ch.code as chapter_code", "ch.name as chapter_name"])
    .where("g.user_id", "in", userIds)
    .where("g.revoked_at", "is", null)
    .orderBy("g.id")
    .execute();
  for (const g of rows) {
    const grant: Grant = {
      id: g.id,
      role: g.role,
      unit:
        g.unit_id === null
          ? null
          : { id: g.unit_id, code: g.code!, name: g.name!, level: g.level!, kind: g.kind! },
    };
    if (g.chapter_id !== null)
      grant.chapter = { id: g.chapter_id, code: g.chapter_code ?? "", name: g.chapter_name ?? "" };
    byUser.set(g.user_id, [...(byUser.get(g.user_id) ?? []), grant]);
  }
  return byUser;
}

/** Users the actor administers: those holding a grant inside the actor's admin scope, or created by the actor. */
function administeredUser(actor: Actor): (column: string) => ReturnType<typeof sql<SqlBool>> {
  return (column) =>
    actor.global
      ? sql<SqlBool>`true`
      : sql<SqlBool>`(${sql.ref(column)} IN (SELECT g.user_id FROM role_grants g
            WHERE g.revoked_at IS NULL AND ${unitInScope(actor, "admin", "g.unit_id")})
          OR ${sql.ref(column)} IN (SELECT id FROM app_users WHERE created_by = ${actor.userId}))`;
}

export async function listUsers(db: Db, actor: Actor, unitId?: number): Promise<UserSummary[]> {
  requireRoles(actor, "admin");
  return asActor(db, actor, async (tx) => {
    if (unitId !== undefined && !(await canOnUnit(tx, actor, "admin", unitId)))
      throw forbidden("Đơn vị này nằm ngoài phạm vi quản trị của bạn");
    let query = tx
      .selectFrom("app_users as u")
      .select(["u.id", "u.username", "u.full_name", "u.disabled_at", "u.version"])
      .where(administeredUser(actor)("u.id"));
    if (unitId !== undefined)
      query = query.where(
        sql<SqlBool>`u.id IN (SELECT g.user_id FROM role_grants g JOIN admin_unit_paths p ON p.descendant_id = g.unit_id
          WHERE p.ancestor_id = ${unitId} AND g.revoked_at IS NULL)`,
      );
    const users = await query.orderBy("u.username").limit(500).execute();
    const grants = await grantsOf(
      tx,
      users.map((u) => u.id),
    );
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.full_name,
      disabled: u.disabled_at !== null,
      grants: grants.get(u.id) ?? [],
      version: u.version,
    }));
  });
}

/** A chapter secretary's grant names a chapter of the grant's commune; no other grant names one. */
async function checkChapter(tx: Db, role: RoleName, unitId: number | null, chapterId: number | undefined) {
  if (role !== "chapter_secretary") {
    if (chapterId !== undefined)
      throw new AppError("validation", "Chỉ quyền thư ký chi hội gắn với một chi hội", {
        fields: { chapterId: "Bỏ chi hội, hoặc chọn vai trò thư ký chi hội" },
      });
    return;
  }
  const message = "Chọn chi hội của xã, phường được cấp quyền";
  if (chapterId === undefined || unitId === null)
    throw new AppError("validation", message, { fields: { chapterId: message } });
  const chapter = await tx
    .selectFrom("chapters")
    .select("id")
    .where("commune_id", "=", unitId)
    .where("id", "=", chapterId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  if (!chapter) throw new AppError("validation", message, { fields: { chapterId: message } });
}

async function checkGrantable(tx: Db, actor: Actor, role: RoleName, unitId: number | null) {
  if (unitId === null && role !== "system_admin" && actor.global)
    throw new AppError("validation", "Chọn đơn vị: chỉ quyền quản trị hệ thống được cấp toàn quốc", {
      fields: { unitId: "Chọn đơn vị cho vai trò này" },
    });
  if (role === "system_admin" || unitId === null) {
    if (!actor.global)
      throw forbidden("Chỉ quản trị hệ thống được cấp quyền quản trị hệ thống hoặc quyền toàn quốc");
    return;
  }
  const unit = await tx.selectFrom("admin_units").select("id").where("id", "=", unitId).executeTakeFirst();
  if (!unit) throw notFound(unitOutOfScope);
  if (!(await canOnUnit(tx, actor, "admin", unitId)))
    throw forbidden("Đơn vị này nằm ngoài phạm vi quản trị của bạn");
}

export type NewUser = {
  username: string;
  fullName: string;
  password: string;
  role: RoleName;
  unitId: number | null;
  chapterId?: number;
};

export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<UserSummary> {
  requireRoles(actor, "admin");
  const passwordHash = await hashPassword(input.password);
  return asActor(db, actor, async (tx) => {
    await checkGrantable(tx, actor, input.role, input.unitId);
    await checkChapter(tx, input.role, input.unitId, input.chapterId);
    const user = await tx
      .insertInto("app_users")
      .values({
        username: input.username,
        full_name: input.fullName,
        password_hash: passwordHash,
        created_by: actor.userId,
      })
      .returning(["id", "username", "full_name", "version"])
      .executeTakeFirstOrThrow()
      .catch((error: { code?: string }) => {
        // Usernames outside the caller's scope are invisible to it, so the unique index is the check.
        if (error.code === "23505")
          throw new AppError("conflict", `Tên đăng nhập "${input.username}" đã có`, {
            fields: { username: "Tên đăng nhập đã có" },
          });
        throw error;
      });
    await recordAudit(tx, actor, {
      action: "create",
      entity: "user",
      entityId: user.id,
      unitId: input.unitId,
      after: { username: user.username, fullName: user.full_name },
    });
    await insertGrant(tx, actor, user.id, input.role, input.unitId, input.chapterId);
    const grants = await grantsOf(tx, [user.id]);
    return {
      id: user.id,
      username: user.username,
      fullName: user.full_name,
      disabled: false,
      grants: grants.get(user.id) ?? [],
      version: user.version,
    };
  });
}

async function insertGrant(
  tx: Db,
  actor: Actor,
  userId: number,
  role: RoleName,
  unitId: number | null,
  chapterId?: number,
) {
  const grant = await tx
    .insertInto("role_grants")
    .values({
      user_id: userId,
      role,
      unit_id: unitId,
      chapter_id: chapterId ?? null,
      granted_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    action: "grant",
    entity: "role_grant",
    entityId: grant.id,
    unitId,
    after: { userId, role, unitId, ...(chapterId ? { chapterId } : {}) },
  });
  return grant.id;
}

async function loadAdministeredUser(tx: Db, actor: Actor, userId: number) {
  const user = await tx
    .selectFrom("app_users as u")
    .select(["u.id", "u.username", "u.full_name", "u.disabled_at", "u.version"])
    .where("u.id", "=", userId)
    .where(administeredUser(actor)("u.id"))
    .executeTakeFirst();
  if (!user) throw notFound("Không tìm thấy người dùng trong phạm vi quản trị của bạn");
  return user;
}

/**
 * The user again, FOR UPDATE, once the scope is checked: a concurrent save waits for this transaction and then
 * reads its version. No row means row-level security does not let the caller change this user.
 */
async function lockUser(tx: Db, userId: number) {
  const user = await tx
    .selectFrom("app_users")
    .select(["id", "full_name", "disabled_at", "version"])
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw forbidden("Bạn không có quyền sửa người dùng này");
  return user;
}

export async function addGrant(
  db: Db,
  actor: Actor,
  userId: number,
  role: RoleName,
  unitId: number | null,
  chapterId?: number,
) {
  requireRoles(actor, "admin");
  return asActor(db, actor, async (tx) => {
    await loadAdministeredUser(tx, actor, userId);
    await checkGrantable(tx, actor, role, unitId);
    await checkChapter(tx, role, unitId, chapterId);
    return { id: await insertGrant(tx, actor, userId, role, unitId, chapterId) };
  });
}

export async function revokeGrant(db: Db, actor: Actor, grantId: number) {
  requireRoles(actor, "admin");
  return asActor(db, actor, async (tx) => {
    const grant = await tx
      .selectFrom("role_grants")
      .select(["id", "user_id", "role", "unit_id", "revoked_at"])
      .where("id", "=", grantId)
      .executeTakeFirst();
    if (!grant || grant.revoked_at !== null) throw notFound("Không tìm thấy quyền này");
    await checkGrantable(tx, actor, grant.role, grant.unit_id);
    await tx
      .updateTable("role_grants")
      .set({ revoked_at: new Date(), revoked_by: actor.userId })
      .where("id", "=", grantId)
      .execute();
    await recordAudit(tx, actor, {
      action: "revoke",
      entity: "role_grant",
      entityId: grantId,
      unitId: grant.unit_id,
      before: { userId: grant.user_id, role: grant.role, unitId: grant.unit_id },
    });
  });
}

/**
 * Saves a user's name, password or disabled flag, from the version the administrator started from (409 when
 * someone saved the user since). A new password or a disabled account ends all the user's sessions in the same
 * transaction (a trigger, migration 0010), whoever makes the change.
 */
export async function updateUser(
  db: Db,
  actor: Actor,
  userId: number,
  input: { fullName?: string; password?: string; disabled?: boolean; version: number },
) {
  requireRoles(actor, "admin");
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await asActor(db, actor, async (tx) => {
    await loadAdministeredUser(tx, actor, userId);
    const current = await lockUser(tx, userId);
    await expectVersion(tx, { entity: "user", id: userId }, input.version, current.version);
    if (input.disabled && userId === actor.userId)
      throw new AppError("validation", "Không thể tự khóa tài khoản của mình");
    const changes: { full_name?: string; password_hash?: string; disabled_at?: Date | null } = {};
    if (input.fullName !== undefined) changes.full_name = input.fullName;
    if (passwordHash) changes.password_hash = passwordHash;
    if (input.disabled !== undefined) changes.disabled_at = input.disabled ? new Date() : null;
    if (Object.keys(changes).length === 0) return;
    await tx.updateTable("app_users").set(changes).where("id", "=", userId).execute();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "user",
      entityId: userId,
      before: { fullName: current.full_name, disabled: current.disabled_at !== null },
      after: {
        fullName: input.fullName ?? current.full_name,
        disabled: input.disabled ?? current.disabled_at !== null,
        passwordChanged: Boolean(passwordHash),
      },
    });
  });
}
