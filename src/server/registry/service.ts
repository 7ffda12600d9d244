/**
 * The operations of every registry kind: list, get, create, update (optimistic concurrency: a save names the
 * version it started from, a stale one answers 409), archive, and setting a kind's members. Every query is scoped
 * to the caller's units and runs as the caller under row-level security; every write is audited.
 */
import {
  capitalize,
  type KindDeclaration,
  type MembersField,
  valueFields,
} from "../../shared/registry/declaration";
import { kindNamed } from "../../shared/registry/kinds";
import { movable } from "../../shared/registry/schemas";
import { type Actor, asActor, unitInScope } from "../auth/scope";
import type { Db } from "../db/connection";
import { AppError, notFound } from "../errors";
import { ensureUpdated, staleVersionError } from "../lib/concurrency";
import { recordAudit } from "../modules/audit/audit.repo";
import { secretaryOf, writePermission } from "./access";
import { baseQuery, columnValues, type Item, nextCode, presentItem, selectItem, untyped } from "./rows";
import { rulesOf, todayIso } from "./rules";
import { writableUnit } from "./units";

/** The kinds a kind's references and members resolve against (the platform's, or a test's). */
type Kinds = readonly KindDeclaration[] | undefined;

const levelText = { village: "một thôn, tổ dân phố", commune: "một xã, phường" };

/**
 * The levels a kind's rows may belong to, the 422 message naming the unit field, the kind's write permission, and
 * whether the caller writes as the secretary of every chapter named in `chapters` (the row's, before and after).
 */
export const unitRule = (kind: KindDeclaration, actor?: Actor, chapters: unknown[] = []) => ({
  levels: kind.unit.levels,
  field: kind.unit.field,
  message: `${capitalize(kind.noun.vi)} phải thuộc ${kind.unit.levels.map((l) => levelText[l]).join(" hoặc ")}`,
  permission: writePermission(kind),
  secretary: actor ? secretaryOf(actor, kind, chapters) : false,
});

/** The chapters a write touches: the row's before and after (none for a kind without a chapter field). */
function chaptersOf(kind: KindDeclaration, ...rows: (Record<string, unknown> | null)[]) {
  const key = kind.access?.chapter;
  if (!key) return [];
  return rows.filter((r) => r && r[key] !== undefined).map((r) => r![key]);
}

/** The kind's rules across fields, on the row as it would be stored: 422 naming the field. */
function checkRules(
  kind: KindDeclaration,
  body: Record<string, unknown>,
  before: Item | null,
  unitLevel: string,
) {
  const rules = rulesOf(kind);
  if (!rules) return;
  const values: Record<string, unknown> = { ...before };
  for (const [key] of valueFields(kind)) if (body[key] !== undefined) values[key] = body[key];
  const given = new Set(Object.keys(body).filter((k) => body[k] !== undefined));
  const problem = rules({ values, given, before, unitLevel, today: todayIso() });
  if (problem)
    throw new AppError("validation", problem.message, { fields: { [problem.key]: problem.message } });
}

/** The unit an item belongs to: its village (or the commune for an organisation), or its commune. */
export const unitOf = (kind: KindDeclaration, item: Item) =>
  kind.unit.item ? (item[kind.unit.item] as { id: number }).id : item.communeId;

/**
 * One row by id, in the caller's scope. Given its commune (known after a write, or to a caller that has it), the
 * lookup names the distribution column and reads one shard (docs/SCALE-OUT.md); by id alone it reads them all.
 */
async function loadItem(
  tx: Db,
  actor: Actor,
  kind: KindDeclaration,
  id: number,
  kinds: Kinds,
  communeId?: number,
) {
  let query = selectItem(baseQuery(tx, actor, kind), kind, actor, kinds).where("r.id", "=", id);
  if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
  const row = await query.executeTakeFirst();
  const noun = kind.noun.vi;
  if (!row) throw notFound(`Không tìm thấy ${noun}, hoặc ${noun} nằm ngoài phạm vi của bạn`);
  return presentItem(kind, row);
}

export const getItem = (
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  id: number,
  kinds?: Kinds,
  communeId?: number,
) => asActor(db, actor, (tx) => loadItem(tx, actor, kind, id, kinds, communeId));

/** A unique column's value taken already: 409 naming the field. */
function duplicate(kind: KindDeclaration, error: unknown, values: Record<string, unknown>) {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== "23505") return error;
  const unique = valueFields(kind).filter(([, f]) => f.unique);
  const found = unique.find(([, f]) => constraint?.includes(f.column)) ?? unique[0];
  if (!found) return error;
  const [key, field] = found;
  const value = values[field.column];
  return new AppError("conflict", `${field.label.vi}${value ? ` "${value}"` : ""} đã có trong xã, phường`, {
    fields: { [key]: `${field.label.vi} đã có` },
  });
}

/** Each reference given (and changed) must name a row, not archived, of the same commune that the caller sees. */
async function checkReferences(
  tx: Db,
  actor: Actor,
  kind: KindDeclaration,
  communeId: number,
  body: Record<string, unknown>,
  before: Item | null,
  kinds: Kinds,
) {
  for (const [key, field] of valueFields(kind)) {
    const value = body[key];
    if (field.type !== "reference" || value === undefined || value === null || before?.[key] === value)
      continue;
    const target = kindNamed(field.kind, kinds);
    const found = await untyped(tx)
      .selectFrom(`${target.table} as t`)
      .select("t.id")
      .where("t.commune_id", "=", communeId)
      .where("t.id", "=", value)
      .where("t.archived_at", "is", null)
      .where(unitInScope(actor, "read", `t.${target.unit.column}`))
      .executeTakeFirst();
    if (!found)
      throw new AppError(
        "validation",
        `${capitalize(target.noun.vi)} không thuộc xã, phường của ${kind.noun.vi}, hoặc đã lưu trữ`,
        { fields: { [key]: `Chọn ${target.noun.vi} của cùng xã, phường` } },
      );
  }
}

export function createItem(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  body: Record<string, unknown>,
  kinds?: Kinds,
) {
  return asActor(db, actor, async (tx) => {
    const rule = unitRule(kind, actor, chaptersOf(kind, body));
    const place = await writableUnit(tx, actor, Number(body[kind.unit.field]), rule);
    await checkReferences(tx, actor, kind, place.communeId, body, null, kinds);
    checkRules(kind, body, null, place.level);
    const values = columnValues(kind, body);
    for (const [, field] of valueFields(kind)) {
      if (values[field.column] !== undefined) continue;
      if (field.type === "choice" && field.default !== undefined) values[field.column] = field.default;
      if (field.type === "code" && field.generate) {
        const code = await nextCode(tx, kind, field.column, place.communeId, field.generate.pad);
        values[field.column] = code.format(code.next);
      }
    }
    const inserted = await untyped(tx)
      .insertInto(kind.table)
      .values({
        commune_id: place.communeId,
        province_id: place.provinceId,
        [kind.unit.column]: place.id,
        ...values,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        throw duplicate(kind, error, values);
      });
    const created = await loadItem(tx, actor, kind, Number(inserted.id), kinds, place.communeId);
    await recordAudit(tx, actor, {
      action: "create",
      entity: kind.entity,
      entityId: created.id,
      unitId: unitOf(kind, created),
      after: created,
    });
    return created;
  });
}

/** A row the caller may change: loaded in scope (404), where the caller may write (403), not archived (422). */
async function writableItem(
  tx: Db,
  actor: Actor,
  kind: KindDeclaration,
  id: number,
  kinds: Kinds,
  body: Record<string, unknown> | null = null,
  communeId?: number,
) {
  const before = await loadItem(tx, actor, kind, id, kinds, communeId);
  await writableUnit(tx, actor, unitOf(kind, before), unitRule(kind, actor, chaptersOf(kind, before, body)));
  return before;
}

const refuseArchived = (kind: KindDeclaration, item: Item) => {
  if (item.archivedAt)
    throw new AppError("validation", `${capitalize(kind.noun.vi)} đã lưu trữ, không sửa được`);
};

export function updateItem(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  id: number,
  body: Record<string, unknown> & { version: number },
  kinds?: Kinds,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const before = await writableItem(tx, actor, kind, id, kinds, body, communeId);
    const record = { entity: kind.entity, id };
    if (body.version !== before.version) throw await staleVersionError(tx, record, before.version);
    refuseArchived(kind, before);
    const values = columnValues(kind, body);
    const unitId = body[kind.unit.field] as number | undefined;
    let unitLevel = kind.unit.item ? (before[kind.unit.item] as { level: string }).level : "commune";
    if (movable(kind) && unitId !== undefined && unitId !== unitOf(kind, before)) {
      const target = await writableUnit(
        tx,
        actor,
        unitId,
        unitRule(kind, actor, chaptersOf(kind, before, body)),
      );
      unitLevel = target.level;
      if (target.communeId !== before.communeId)
        throw new AppError(
          "validation",
          `${capitalize(kind.noun.vi)} chuyển sang xã, phường khác: lưu trữ ở đây và thêm ở nơi mới`,
          { fields: { [kind.unit.field]: "Chỉ chuyển trong cùng xã, phường" } },
        );
      values[kind.unit.column] = unitId;
    }
    await checkReferences(tx, actor, kind, before.communeId, body, before, kinds);
    checkRules(kind, body, before, unitLevel);
    if (Object.keys(values).length === 0) return before;
    if (kind.updatedAt) values.updated_at = new Date();
    // The version in the WHERE clause: of two saves from the same version, the second updates nothing.
    const result = await untyped(tx)
      .updateTable(kind.table)
      .set(values)
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .where("version", "=", body.version)
      .execute()
      .catch((error: unknown) => {
        throw duplicate(kind, error, values);
      });
    const reload = () => loadItem(tx, actor, kind, id, kinds, before.communeId);
    await ensureUpdated(tx, record, result, async () => (await reload()).version);
    const after = await reload();
    await recordAudit(tx, actor, {
      action: "update",
      entity: kind.entity,
      entityId: id,
      unitId: unitOf(kind, after),
      before,
      after,
    });
    return after;
  });
}

/** Archives a row (kept, never deleted: codes and history stay), with a reason when the kind asks for one. */
export function archiveItem(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  id: number,
  reason?: string,
  kinds?: Kinds,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const before = await writableItem(tx, actor, kind, id, kinds, null, communeId);
    if (before.archivedAt) throw new AppError("validation", `${capitalize(kind.noun.vi)} đã được lưu trữ`);
    const values: Record<string, unknown> = { archived_at: new Date() };
    if (kind.archive) values.archived_reason = reason;
    if (kind.updatedAt) values.updated_at = new Date();
    await untyped(tx)
      .updateTable(kind.table)
      .set(values)
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, actor, {
      action: "archive",
      entity: kind.entity,
      entityId: id,
      unitId: unitOf(kind, before),
      before: { archivedAt: null },
      after: kind.archive ? { archivedReason: reason } : { archived: true },
    });
  });
}

/**
 * Sets the members of a row (a clan's households): exactly the listed ones, which must be rows (not archived) of
 * the same commune that the caller may write. Rows no longer listed leave.
 */
export function setMembers(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  key: string,
  id: number,
  memberIds: number[],
  kinds?: Kinds,
  communeId?: number,
) {
  const field = kind.fields[key] as MembersField;
  const member = kindNamed(field.kind, kinds);
  const via = member.fields[field.via] as { column: string };
  return asActor(db, actor, async (tx) => {
    const before = await writableItem(tx, actor, kind, id, kinds, null, communeId);
    refuseArchived(kind, before);
    const current = before[key] as number[];
    const wanted = [...new Set(memberIds)];
    if (wanted.length > 0) {
      const found = await untyped(tx)
        .selectFrom(`${member.table} as m`)
        .select("m.id")
        .where("m.commune_id", "=", before.communeId)
        .where("m.id", "in", wanted)
        .where("m.archived_at", "is", null)
        .where(unitInScope(actor, "write", `m.${member.unit.column}`))
        .execute();
      const known = new Set(found.map((m) => Number(m.id)));
      const missing = wanted.filter((m) => !known.has(m));
      if (missing.length > 0)
        throw new AppError(
          "validation",
          `${capitalize(member.noun.vi)} ${missing.join(", ")} không thuộc xã, phường của ${kind.noun.vi}, đã lưu trữ, hoặc bạn không được sửa`,
          { fields: { [key]: `Chỉ chọn ${member.noun.vi} của cùng xã, phường` } },
        );
    }
    const move = async (ids: number[], to: number | null, from: number | null) => {
      if (ids.length === 0) return;
      let update = untyped(tx)
        .updateTable(member.table)
        .set({ [via.column]: to, ...(member.updatedAt ? { updated_at: new Date() } : {}) })
        .where("commune_id", "=", before.communeId)
        .where("id", "in", ids);
      if (from !== null) update = update.where(via.column, "=", from);
      await update.execute();
    };
    const leaving = current.filter((m) => !wanted.includes(m));
    const joining = wanted.filter((m) => !current.includes(m));
    await move(leaving, null, id);
    await move(joining, id, null);
    const after = await loadItem(tx, actor, kind, id, kinds, before.communeId);
    if (joining.length + leaving.length > 0)
      await recordAudit(tx, actor, {
        action: "update",
        entity: kind.entity,
        entityId: id,
        unitId: unitOf(kind, after),
        before: { [key]: current },
        after: { [key]: after[key] },
      });
    return after;
  });
}
