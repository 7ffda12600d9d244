/** Database-backed sessions: the cookie holds a random token, the table only its SHA-256. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { Me } from "../../shared/api";
import { type Db, prepared } from "../db/connection";
import { AppError } from "../errors";
import { claimAttempt, type LoginLimits, releaseAttempt } from "./login-limits";
import { decoyHash, verifyPassword } from "./passwords";
import { type Actor, type ActorRow, actorColumns, actorOf } from "./scope";

export const sessionCookie = "hh_session";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export type Session = { userId: number; csrfToken: string; actor: Actor };

/**
 * Signs a user in. The attempt is counted before the password is checked (login-limits.ts), so that parallel
 * guesses cannot outrun the limits; `now` is the server's clock (Config.now).
 */
export async function login(
  db: Db,
  input: { username: string; password: string; ip: string },
  options: { hours: number; limits: LoginLimits; now: Date },
): Promise<{ token: string; csrfToken: string; userId: number }> {
  const attempt = { username: input.username, address: input.ip };
  await claimAttempt(db, attempt, options.limits, options.now);
  const user = await db
    .selectFrom("app_users")
    .select(["id", "password_hash", "disabled_at"])
    .where("username", "=", input.username)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash), input.password);
  await db
    .insertInto("login_attempts")
    .values({ username: input.username, ip: input.ip, succeeded: ok })
    .execute();
  if (!user || !ok) throw new AppError("unauthenticated", "Tên đăng nhập hoặc mật khẩu không đúng");
  await releaseAttempt(db, attempt, options.now);
  if (user.disabled_at)
    throw new AppError("unauthenticated", "Tài khoản đã bị khóa. Liên hệ quản trị đơn vị.");
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + options.hours * 3600_000),
    })
    .execute();
  await db.deleteFrom("sessions").where("expires_at", "<", new Date()).execute();
  return { token, csrfToken, userId: user.id };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", sha256(token)).execute();
}

/** The session of a cookie token, with the caller's scope, or null when missing, expired or disabled. */
export async function resolveSession(db: Db, token: string, requestId?: string): Promise<Session | null> {
  // One statement: the session, its user and who the user is (the scope functions run for the one row found).
  const { rows } = await sql<
    ActorRow & { user_id: number; csrf_token: string; full_name: string; username: string }
  >`${prepared}
    SELECT s.user_id, s.csrf_token, u.full_name, u.username, ${actorColumns(sql.ref("s.user_id"))}
    FROM sessions s JOIN app_users u ON u.id = s.user_id
    WHERE s.token_hash = ${sha256(token)} AND s.expires_at > ${new Date()} AND u.disabled_at IS NULL`.execute(
    db,
  );
  const row = rows[0];
  if (!row) return null;
  const actor = actorOf(row, Number(row.user_id), `${row.full_name} (${row.username})`, requestId);
  return { userId: Number(row.user_id), csrfToken: row.csrf_token, actor };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function describeUser(db: Db, userId: number): Promise<Me> {
  const user = await db
    .selectFrom("app_users")
    .select(["id", "username", "full_name", "locale"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom("role_grants as g")
    .leftJoin("admin_units as u", "u.id", "g.unit_id")
    .select(["g.id", "g.role", "u.id as unit_id", "u.code", "u.name", "u.level", "u.kind"])
    .where("g.user_id", "=", userId)
    .where("g.revoked_at", "is", null)
    .orderBy("g.id")
    .execute();
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    locale: user.locale,
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role,
      unit:
        g.unit_id === null
          ? null
          : { id: g.unit_id, code: g.code!, name: g.name!, level: g.level!, kind: g.kind! },
    })),
  };
}
