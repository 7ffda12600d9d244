/**
 * A kind's list: one page of the rows under a unit the caller may read, with the total before paging. Both reads
 * are bounded by what the page shows, not by how many rows the unit holds (docs/PERFORMANCE.md, "Registry lists"):
 *
 * - A kind listed by its unit's name (households, citizens) pages through the unit's villages in name order and
 *   takes from each only the rows the page may still need (a lateral join with a limit): a province of 3,000
 *   villages and 800,000 households reads its villages' names and a few dozen rows, not every household. A search
 *   or a filter, which finds few rows, sorts what it finds.
 * - A list without search, filter or archive reads its total from the title's "tổng số" (title_totals, kept by the
 *   registries' triggers) when the kind declares it: a few rows per village instead of a count of every row.
 */
import { type SqlBool, sql } from "kysely";
import type { KindDeclaration } from "../../shared/registry/declaration";
import type { Actor } from "../auth/scope";
import { asActor } from "../auth/scope";
import { type Db, prepared } from "../db/connection";
import { readPermission } from "./access";
import { baseQuery, orderItems, presentItem, selectItem, untyped } from "./rows";
import { readableUnit, searchPattern, underUnit } from "./units";

export type ListOptions = {
  unitId: number;
  q?: string;
  archived?: boolean;
  offset?: number;
  limit?: number;
  /** Reference fields by key and the id they must name. */
  filters?: Record<string, number>;
};

/** The kinds a kind's references and members resolve against (the platform's, or a test's). */
type Kinds = readonly KindDeclaration[] | undefined;

/** A list being answered: who asks, for which kind and rows, in which transaction. */
type List = {
  tx: Db;
  actor: Actor;
  kind: KindDeclaration;
  options: ListOptions;
  /** The list's unit's commune (the unit itself, or a village's commune); null above a commune. */
  communeId: number | null;
  /** The list's unit's level (a province's or a commune's total is one row of its level's totals). */
  level: string;
  /** The caller reads every row under the list's unit (see listItems). */
  covered: boolean;
  /** Every row not archived, without search or filter: a list as long as the unit's rows (the others are short). */
  plain: boolean;
  kinds: Kinds;
};

/**
 * The kind's rows `r` of a list: under the unit (unless `inUnit`, when the page joins each row to a unit already
 * under it), in the commune when the unit lies in one (one shard, docs/SCALE-OUT.md), archived or not, the
 * reference filters, and the folded search on search_name (or the exact code).
 */
function listed({ tx, actor, kind, options, communeId, covered }: List, inUnit = false) {
  let q = baseQuery(tx, actor, kind, { withUnit: false, covered });
  if (!inUnit) q = q.where(underUnit(options.unitId, `r.${kind.unit.column}`));
  if (communeId !== null) q = q.where("r.commune_id", "=", communeId);
  q = q.where("r.archived_at", options.archived ? "is not" : "is", null);
  for (const [key, id] of Object.entries(options.filters ?? {}))
    q = q.where(`r.${(kind.fields[key] as { column: string }).column}`, "=", id);
  const folded = searchPattern(options.q);
  if (folded) {
    const searched = kind.search.map((key) => kind.fields[key]);
    const codes = searched.filter((f) => f?.type === "code").map((f) => (f as { column: string }).column);
    const byName = searched.some((f) => f?.type === "text");
    q = q.where((eb) =>
      eb.or([
        ...(byName ? [eb("r.search_name", "like", `%${folded}%`)] : []),
        ...codes.map((column) => eb(`r.${column}`, "=", options.q!.trim())),
      ]),
    );
  }
  return q;
}

/** The level tables holding a province's or a commune's own total (migration 0052). */
const levelTotals: Partial<Record<string, { table: string; column: string }>> = {
  province: { table: "title_province_totals", column: "province_id" },
  commune: { table: "title_commune_totals", column: "commune_id" },
};

/**
 * The rows before paging. From the title's totals when the kind declares them and the list is every row not
 * archived under a unit whose every row the caller reads (`covered`), as the totals count them: a province's or a
 * commune's own row of its level (migration 0052, kept with the village rows in the same statement), the village
 * rows under any other unit.
 */
async function countRows(list: List) {
  const { tx, kind, options, communeId, level } = list;
  const n = sql<number>`coalesce(sum(t.total), 0)`.as("n");
  const own = levelTotals[level];
  const query = !(kind.totals && list.covered && list.plain)
    ? listed(list).select((eb) => eb.fn.countAll<number>().as("n"))
    : own
      ? untyped(tx)
          .selectFrom(`${own.table} as t`)
          .where(`t.${own.column}`, "=", options.unitId)
          .where("t.title", "=", kind.totals)
          .select(n)
      : untyped(tx)
          .selectFrom("title_totals as t")
          .where("t.title", "=", kind.totals)
          .where(underUnit(options.unitId, "t.unit_id"))
          .where((eb) => (communeId === null ? eb.lit(true) : eb("t.commune_id", "=", communeId)))
          .select(n);
  return Number((await query.modifyEnd(prepared).executeTakeFirstOrThrow()).n);
}

/**
 * One page of a kind listed by its unit's name: the units under the list's unit in name order, and for each the
 * first rows in the kind's order after the unit, at most as many as the page reaches (offset + limit). PostgreSQL
 * then sorts only within units of the same name (an incremental sort) and stops once the page is full.
 */
function pageByUnit(list: List, offset: number, limit: number) {
  const { tx, actor, kind, options } = list;
  const levels = [...kind.unit.levels];
  // hieuhoc_units_under (migration 0055) checks the caller's scope once, not once per unit as admin_units' policy.
  const units = untyped(tx)
    .selectFrom(sql`hieuhoc_units_under(${options.unitId}, ${levels}::text[])`.as("u"))
    .select(["u.id", "u.code", "u.name", "u.level", "u.kind"])
    .orderBy("u.name");
  const rows = orderItems(
    listed(list, true).selectAll("r").whereRef(`r.${kind.unit.column}`, "=", "u.id"),
    kind,
    true,
  ).limit(offset + limit);
  const joined = untyped(tx)
    .selectFrom(units.as("u"))
    .innerJoinLateral(rows.as("r"), (join) => join.on(sql<SqlBool>`true`));
  return orderItems(selectItem(joined, kind, actor, list.kinds), kind)
    .offset(offset)
    .limit(limit);
}

/**
 * One page of a kind under a unit the caller may read: the rows under `unitId`, archived or not, matching the
 * folded search on search_name (or the exact code), with the total before paging. Pages hold at most 500 rows.
 */
export function listItems(db: Db, actor: Actor, kind: KindDeclaration, options: ListOptions, kinds?: Kinds) {
  return asActor(db, actor, async (tx) => {
    const { communeId, level } = await readableUnit(tx, actor, options.unitId);
    // readableUnit checked that the caller reads the unit: with the government's `read`, the caller then reads
    // every row under it (the scope is a subtree), and the lists' own condition on the scope is that unit.
    const covered = readPermission(kind) === "read";
    const plain =
      !options.archived && !searchPattern(options.q) && Object.keys(options.filters ?? {}).length === 0;
    const list: List = { tx, actor, kind, options, communeId, level, covered, plain, kinds };
    const total = await countRows(list);
    const offset = options.offset ?? 0;
    const limit = Math.min(options.limit ?? 50, 500);
    const page =
      // A search or a filter finds few rows (often fewer than a page, when the walk by unit would visit every
      // unit): those are sorted whole.
      kind.unit.item && kind.order[0] === "unit" && plain && list.covered
        ? pageByUnit(list, offset, limit)
        : orderItems(
            selectItem(
              kind.unit.item
                ? listed(list).innerJoin("admin_units as u", "u.id", `r.${kind.unit.column}`)
                : listed(list),
              kind,
              actor,
              kinds,
            ),
            kind,
          )
            .offset(offset)
            .limit(limit);
    const rows = await page.modifyEnd(prepared).execute();
    return { [kind.name]: rows.map((row) => presentItem(kind, row)), total };
  });
}
