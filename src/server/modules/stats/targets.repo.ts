/**
 * Reading targets (chỉ tiêu): the target as the API shows it, with its basis document (căn cứ) in one line, the
 * query of one target or of every target that can apply to a unit (national ones and those of the unit and its
 * ancestors, with each local unit's distance). Which of them applies is target-progress.ts.
 */
import { sql } from "kysely";
import type { TargetMetric, TargetSubject } from "../../../shared/stats";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";

export type TargetBasis = {
  id: number;
  number: string;
  signedOn: IsoDate | null;
  issuer: string;
  name: string;
  confirmed: boolean;
  note: string | null;
  /** One line for tables: "QĐ 387/QĐ-TTg ngày 25/03/2022 của Thủ tướng Chính phủ". */
  text: string;
};

export type Target = {
  id: number;
  title: TargetSubject;
  metric: TargetMetric;
  year: number;
  value: number;
  variant: "standard" | "difficult";
  indicator: string;
  note: string | null;
  source: "national" | "local";
  unit: { id: number; code: string; name: string; level: string } | null;
  basis: TargetBasis;
  setBy: string | null;
  updatedAt: string;
  /** Raised on every change; a change names the version it started from (409 otherwise). */
  version: number;
};

export const viDate = (date: IsoDate | null) => (date ? date.split("-").reverse().join("/") : null);

function basisText(b: { number: string; signed_on: IsoDate | null; issuer: string }) {
  const kind = /QĐ/.test(b.number) ? "QĐ " : "";
  const on = viDate(b.signed_on);
  return `${kind}${b.number}${on ? ` ngày ${on}` : ""} của ${b.issuer}`;
}

type TargetRow = {
  id: number;
  title: TargetSubject;
  metric: TargetMetric;
  year: number;
  value: string | number;
  variant: "standard" | "difficult";
  indicator: string;
  note: string | null;
  unit_id: number | null;
  unit_code: string | null;
  unit_name: string | null;
  unit_level: string | null;
  basis_id: number;
  number: string;
  signed_on: IsoDate | null;
  issuer: string;
  basis_name: string;
  confirmed: boolean;
  basis_note: string | null;
  set_by: string | null;
  updated_at: Date | string;
  version: number;
};

export function toTarget(row: TargetRow): Target {
  return {
    id: Number(row.id),
    title: row.title,
    metric: row.metric,
    year: Number(row.year),
    value: Number(row.value),
    variant: row.variant,
    indicator: row.indicator,
    note: row.note,
    source: row.unit_id === null ? "national" : "local",
    unit:
      row.unit_id === null
        ? null
        : {
            id: Number(row.unit_id),
            code: row.unit_code ?? "",
            name: row.unit_name ?? "",
            level: row.unit_level ?? "",
          },
    basis: {
      id: Number(row.basis_id),
      number: row.number,
      signedOn: row.signed_on,
      issuer: row.issuer,
      name: row.basis_name,
      confirmed: row.confirmed,
      note: row.basis_note,
      text: basisText(row),
    },
    setBy: row.set_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: Number(row.version),
  };
}

export function selectTargets(tx: Db) {
  return tx
    .selectFrom("targets as t")
    .innerJoin("target_bases as b", "b.id", "t.basis_id")
    .leftJoin("admin_units as u", "u.id", "t.unit_id")
    .leftJoin("app_users as who", (join) =>
      join.on(sql<boolean>`who.id = coalesce(t.updated_by, t.created_by)`),
    )
    .select([
      "t.id",
      "t.title",
      "t.metric",
      "t.year",
      "t.value",
      "t.variant",
      "t.indicator",
      "t.note",
      "t.unit_id",
      "u.code as unit_code",
      "u.name as unit_name",
      "u.level as unit_level",
      "b.id as basis_id",
      "b.number",
      "b.signed_on",
      "b.issuer",
      "b.name as basis_name",
      "b.confirmed",
      "b.note as basis_note",
      "who.full_name as set_by",
      "t.updated_at",
      "t.version",
    ]);
}

/**
 * National targets and the local targets of the unit and its ancestors, with each local unit's distance (the
 * nation, unitId null, has the national ones only).
 */
export async function chainTargets(tx: Db, unitId: number | null): Promise<TargetChain> {
  return chainOf(await chainTargetsQuery(tx, unitId).execute());
}

export type TargetChain = { target: Target; depth: number | null }[];

/** The query of `chainTargets`, for a caller that sends it with other reads (db/together.ts): one statement. */
export function chainTargetsQuery(tx: Db, unitId: number | null) {
  return selectTargets(tx)
    .select(
      sql<number | null>`(SELECT p.depth FROM admin_unit_paths p WHERE p.descendant_id = ${unitId}
        AND p.ancestor_id = t.unit_id)`.as("depth"),
    )
    .where((eb) =>
      unitId === null
        ? eb("t.unit_id", "is", null)
        : eb.or([
            eb("t.unit_id", "is", null),
            eb(
              "t.unit_id",
              "in",
              tx.selectFrom("admin_unit_paths").select("ancestor_id").where("descendant_id", "=", unitId),
            ),
          ]),
    )
    .orderBy("t.title")
    .orderBy("t.metric")
    .orderBy("t.year")
    .orderBy("t.variant");
}

type ChainRow = { unit_id: number | null; depth: number | null };

export function chainOf(rows: ChainRow[]): TargetChain {
  return rows.map((row) => ({
    target: toTarget(row as unknown as TargetRow),
    depth: row.unit_id === null || row.depth === null ? null : Number(row.depth),
  }));
}

export async function findTarget(tx: Db, id: number) {
  const row = await selectTargets(tx).where("t.id", "=", id).executeTakeFirst();
  return row ? toTarget(row as TargetRow) : undefined;
}
