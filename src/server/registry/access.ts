/**
 * Who may read and write a kind's rows: the permissions its declaration names (the government's `read` and
 * `write` by default, the Hội Khuyến học's `association_read` and `association` for its kinds), and, for a kind
 * with a chapter field, the secretaries of the row's chapter. Row-level security enforces the same rules
 * (migration 0012, hieuhoc_association_policies).
 */
import { type Expression, type SqlBool, sql } from "kysely";
import type { KindDeclaration } from "../../shared/registry/declaration";
import { type Actor, type Permission, unitInScope } from "../auth/scope";

export const readPermission = (kind: KindDeclaration): Permission => kind.access?.read ?? "read";
export const writePermission = (kind: KindDeclaration): Permission => kind.access?.write ?? "write";

/** The column of the chapter whose secretary reaches the row, when the kind has one. */
export function chapterColumn(kind: KindDeclaration): string | null {
  const key = kind.access?.chapter;
  const field = key ? kind.fields[key] : undefined;
  return field && field.type === "reference" ? field.column : null;
}

/** SQL condition: the caller may read (or write) the row `alias` of `kind`. */
export function rowInScope(
  actor: Actor,
  kind: KindDeclaration,
  mode: "read" | "write",
  alias = "r",
): Expression<SqlBool> {
  const permission = mode === "read" ? readPermission(kind) : writePermission(kind);
  const onUnit = unitInScope(actor, permission, `${alias}.${kind.unit.column}`);
  const chapter = chapterColumn(kind);
  if (!chapter || actor.global || actor.chapters.length === 0) return onUnit;
  return sql<SqlBool>`(${onUnit} OR ${sql.ref(`${alias}.${chapter}`)} = ANY (${actor.chapters}::bigint[]))`;
}

/** Whether the caller is secretary of every chapter named (none named: no). */
export function secretaryOf(actor: Actor, kind: KindDeclaration, chapterIds: unknown[]): boolean {
  if (!kind.access?.chapter || chapterIds.length === 0) return false;
  return chapterIds.every((id) => typeof id === "number" && actor.chapters.includes(id));
}
