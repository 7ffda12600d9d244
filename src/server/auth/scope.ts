import { type Expression, type SqlBool, sql } from "kysely";
import type { Permission } from "../../shared/capabilities";
import type { Db } from "../db/connection";
import type { Role } from "../db/schema";
import { AppError } from "../errors";

export type { Permission } from "../../shared/capabilities";

/**
 * Who is calling and where they may act. `roots` are the units whose subtrees each permission covers (grants plus
 * their predecessors, transitively; computed by hieuhoc_roots_for in SQL, the same function row-level security
 * uses). A system administrator with a nation-wide grant is `global`.
 */
export type Actor = {
  userId: number | null;
  name: string;
  global: boolean;
  roots: Record<Permission, number[]>;
  /** The chapters the actor is secretary of (their members are the actor's to read and write). */
  chapters: number[];
  requestId?: string;
};

/** The command line acts as the database owner, outside row-level security; audited under this name. */
export const commandLineActor: Actor = {
  userId: null,
  name: "hieuhoc (dòng lệnh)",
  global: true,
  roots: {
    read: [],
    write: [],
    review: [],
    admin: [],
    association: [],
    association_read: [],
    fund: [],
    approve: [],
    attendance: [],
  },
  chapters: [],
};

/** The columns of who a user is, for a query that names the user in `userId` (a value or a column). */
export const actorColumns = (
  userId: Expression<unknown> | number,
) => sql`hieuhoc_is_global_for(${userId}) AS global,
  hieuhoc_roots_for(${userId}, 'read') AS read, hieuhoc_roots_for(${userId}, 'write') AS write,
  hieuhoc_roots_for(${userId}, 'review') AS review, hieuhoc_roots_for(${userId}, 'admin') AS admin,
  hieuhoc_roots_for(${userId}, 'association') AS association,
  hieuhoc_roots_for(${userId}, 'association_read') AS association_read,
  hieuhoc_roots_for(${userId}, 'fund') AS fund, hieuhoc_roots_for(${userId}, 'approve') AS approve,
  hieuhoc_roots_for(${userId}, 'attendance') AS attendance,
  hieuhoc_chapters_for(${userId}) AS chapters`;

/** A row of `actorColumns`. */
export type ActorRow = { global: boolean; chapters: unknown[] } & Record<Permission, unknown[]>;

/** The actor of a row of `actorColumns`. */
export function actorOf(row: ActorRow, userId: number, name: string, requestId?: string): Actor {
  const ids = (list: unknown[]) => list.map(Number);
  return {
    userId,
    name,
    global: row.global,
    roots: {
      read: ids(row.read),
      write: ids(row.write),
      review: ids(row.review),
      admin: ids(row.admin),
      association: ids(row.association),
      association_read: ids(row.association_read),
      fund: ids(row.fund),
      approve: ids(row.approve),
      attendance: ids(row.attendance),
    },
    chapters: ids(row.chapters),
    requestId,
  };
}

export async function loadActor(db: Db, userId: number, name: string, requestId?: string): Promise<Actor> {
  const { rows } = await sql<ActorRow>`SELECT ${actorColumns(userId)}`.execute(db);
  return actorOf(rows[0]!, userId, name, requestId);
}

/** SQL condition: the unit in `column` lies in the actor's scope for `permission`. */
export function unitInScope(actor: Actor, permission: Permission, column: string): Expression<SqlBool> {
  if (actor.global) return sql<SqlBool>`true`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM admin_unit_paths scope_path
    WHERE scope_path.descendant_id = ${sql.ref(column)}
      AND scope_path.ancestor_id = ANY (${actor.roots[permission]}::bigint[]))`;
}

/** SQL condition for reading a unit's own row: in scope, an ancestor of a root, or a direct successor of one. */
export function unitVisible(actor: Actor, column: string): Expression<SqlBool> {
  if (actor.global) return sql<SqlBool>`true`;
  const roots = actor.roots.read;
  return sql<SqlBool>`(EXISTS (SELECT 1 FROM admin_unit_paths scope_path
      WHERE scope_path.descendant_id = ${sql.ref(column)} AND scope_path.ancestor_id = ANY (${roots}::bigint[]))
    OR EXISTS (SELECT 1 FROM admin_unit_paths scope_path
      WHERE scope_path.ancestor_id = ${sql.ref(column)} AND scope_path.descendant_id = ANY (${roots}::bigint[]))
    OR EXISTS (SELECT 1 FROM unit_successions scope_succession
      WHERE scope_succession.successor_id = ${sql.ref(column)}
        AND scope_succession.predecessor_id = ANY (${roots}::bigint[])))`;
}

/**
 * Runs `work` in one transaction as the application role, with the caller's id set for row-level security:
 * whatever the query says, PostgreSQL returns and accepts only rows in the caller's scope.
 */
export async function asActor<T>(db: Db, actor: Actor, work: (tx: Db) => Promise<T>): Promise<T> {
  const scoped = async (tx: Db) => {
    if (actor.userId !== null) {
      // SET LOCAL ROLE hieuhoc_app and the user, in one round trip (set_config('role') is SET ROLE). JIT off: the
      // product's reads are short, and on the national sums PostgreSQL's JIT compiled for 300–400 ms what runs in
      // 30 (docs/PERFORMANCE.md); set here, it costs no statement of its own.
      // Without parameters (the id is an integer, written as a literal), so that it goes with BEGIN in one message
      // (db/connection.ts fewerRoundTrips).
      await sql`SELECT set_config('role', 'hieuhoc_app', true), set_config('hieuhoc.user_id', ${sql.lit(String(Math.trunc(actor.userId)))}, true),
        set_config('jit', 'off', true)`.execute(tx);
    }
    return work(tx);
  };
  // Inside a caller's transaction (a whole-file import), the operations join it: all or nothing.
  if (db.isTransaction) return scoped(db);
  return db.transaction().execute(scoped);
}

export function hasAnyRole(actor: Actor, permission: Permission): boolean {
  return actor.global || actor.roots[permission].length > 0;
}

export function requireRoles(actor: Actor, permission: Permission): void {
  if (!hasAnyRole(actor, permission))
    throw new AppError("forbidden", "Bạn không có quyền thực hiện thao tác này");
}

export const roleRank: Record<Role, number> = {
  viewer: 1,
  treasurer: 2,
  teacher: 1,
  reviewer: 2,
  data_entry: 2,
  unit_admin: 3,
  system_admin: 4,
  association_admin: 2,
  chapter_secretary: 1,
};
