/**
 * Whether each commune met each deadline of a data year, from live data where the product holds it
 * (docs/DEADLINES.md): the TT 25 dossier (the commune's own TT 25 registration self-assessed), recognition (every
 * registration of the year decided by an issued decision), the fund disclosure (every fund of the commune that
 * existed that year disclosed). The annual report and the learning week have no data yet: their sources are hooks
 * (`statusSources`) that answer "chưa có dữ liệu" until a module registers a real one, never a made-up status.
 */
import { type SqlBool, sql } from "kysely";
import {
  type CommuneStatus,
  type DeadlineCell,
  type DeadlineKey,
  type DeadlineStatus,
  type EffectiveDeadline,
  type MissingReason,
  missingText,
} from "../../../shared/deadlines";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { fundDisclosed, fundExistedIn } from "../fund/fund-todo";
import { deadlinesByProvince } from "./calendar";

/** A commune's state for one deadline before the date is compared: done, missing, or no data. */
export type Finding = { status: Exclude<DeadlineStatus, "late">; reasons: MissingReason[] };

/** Answers for the given communes of a data year; a commune left out has nothing to show (no data). */
export type StatusSource = (
  tx: Db,
  actor: Actor,
  communeIds: number[],
  dataYear: number,
) => Promise<Map<number, Finding>>;

const ids = (communeIds: number[]) => sql`${communeIds}::bigint[]`;

const tt25Dossier: StatusSource = async (tx, actor, communeIds, year) => {
  const rows = await tx
    .selectFrom("registrations as r")
    .select(["r.commune_id", "r.status"])
    .where("r.year", "=", year)
    .where("r.title", "=", "learning_community_commune")
    .where("r.subject_kind", "=", "commune")
    .where("r.status", "<>", "withdrawn")
    .where(sql<SqlBool>`r.commune_id = ANY (${ids(communeIds)})`)
    .where(unitInScope(actor, "read", "r.scope_unit_id"))
    .execute();
  const byCommune = new Map(rows.map((r) => [Number(r.commune_id), r.status]));
  return new Map(
    communeIds.map((id): [number, Finding] => {
      const status = byCommune.get(id);
      if (status === undefined) return [id, { status: "missing", reasons: [{ code: "not_registered" }] }];
      if (status === "registered") return [id, { status: "missing", reasons: [{ code: "not_assessed" }] }];
      return [id, { status: "done", reasons: [] }];
    }),
  );
};

const recognition: StatusSource = async (tx, actor, communeIds, year) => {
  const rows = await tx
    .selectFrom("registrations as r")
    .select([
      "r.commune_id",
      sql<number>`count(*)::int`.as("total"),
      sql<number>`count(*) FILTER (WHERE r.status IN ('registered', 'assessed'))::int`.as("unreviewed"),
      sql<number>`count(*) FILTER (WHERE r.status = 'proposed' AND r.decision_id IS NULL)::int`.as(
        "undecided",
      ),
      sql<number>`count(*) FILTER (WHERE r.status = 'proposed' AND r.decision_id IS NOT NULL)::int`.as(
        "unissued",
      ),
    ])
    .where("r.year", "=", year)
    .where("r.status", "<>", "withdrawn")
    .where(sql<SqlBool>`r.commune_id = ANY (${ids(communeIds)})`)
    .where(unitInScope(actor, "read", "r.scope_unit_id"))
    .groupBy("r.commune_id")
    .execute();
  const byCommune = new Map(rows.map((r) => [Number(r.commune_id), r]));
  return new Map(
    communeIds.map((id): [number, Finding] => {
      const row = byCommune.get(id);
      if (!row) return [id, { status: "missing", reasons: [{ code: "no_registrations" }] }];
      const reasons = (["unreviewed", "undecided", "unissued"] as const)
        .filter((code) => row[code] > 0)
        .map((code) => ({ code, count: row[code] }));
      return [id, { status: reasons.length === 0 ? "done" : "missing", reasons }];
    }),
  );
};

const fundDisclosure: StatusSource = async (tx, actor, communeIds, year) => {
  const rows = await tx
    .selectFrom("funds as f")
    .select(["f.commune_id", "f.name", fundDisclosed(year).as("disclosed")])
    .where(sql<SqlBool>`f.commune_id = ANY (${ids(communeIds)})`)
    .where(fundExistedIn(year))
    .where(unitInScope(actor, "read", "f.commune_id"))
    .orderBy("f.name")
    .execute();
  const result = new Map<number, Finding>();
  for (const row of rows) {
    const id = Number(row.commune_id);
    const finding: Finding = result.get(id) ?? { status: "done", reasons: [] };
    if (!row.disclosed) finding.reasons.push({ code: "not_disclosed", name: row.name });
    finding.status = finding.reasons.length === 0 ? "done" : "missing";
    result.set(id, finding);
  }
  for (const id of communeIds)
    if (!result.has(id)) result.set(id, { status: "no_data", reasons: [{ code: "no_fund" }] });
  return result;
};

/**
 * A report of the commune's own level for the data year (migration 0043): done once its latest version is submitted
 * or accepted; a returned one and a draft (or none) are missing.
 */
const reportSubmitted =
  (kind: "year" | "week"): StatusSource =>
  async (tx, actor, communeIds, year) => {
    const rows = await tx
      .selectFrom("reports as r")
      .select(["r.commune_id", "r.status"])
      .where("r.level", "=", "commune")
      .where("r.kind", "=", kind)
      .where(sql<SqlBool>`extract(year FROM r.period_to) = ${year}`)
      .where(sql<SqlBool>`r.commune_id = ANY (${ids(communeIds)})`)
      .where(unitInScope(actor, "read", "r.commune_id"))
      .orderBy("r.version", "desc")
      .execute();
    const latest = new Map<number, string>();
    for (const row of rows)
      if (!latest.has(Number(row.commune_id))) latest.set(Number(row.commune_id), row.status);
    return new Map(
      communeIds.map((id): [number, Finding] => {
        const status = latest.get(id);
        if (status === "submitted" || status === "accepted") return [id, { status: "done", reasons: [] }];
        return [
          id,
          {
            status: "missing",
            reasons: [
              {
                code: `${kind === "week" ? "week_" : ""}${status === "returned" ? "report_returned" : "report_not_submitted"}` as const,
              },
            ],
          },
        ];
      }),
    );
  };

/**
 * Where each deadline's status comes from. A module that starts holding the data (the reports module: the annual
 * report) sets its source here; until then the deadline reports "chưa có dữ liệu".
 */
export const statusSources: Partial<Record<DeadlineKey, StatusSource>> = {
  tt25_dossier: tt25Dossier,
  recognition,
  fund_disclosure: fundDisclosure,
  annual_report: reportSubmitted("year"),
  learning_week: reportSubmitted("week"),
};

/** Why a deadline without a source has no status (the codes of the others' "no data" are their own). */
const noData: Record<DeadlineKey, MissingReason> = {
  tt25_dossier: { code: "not_registered" },
  recognition: { code: "no_registrations" },
  fund_disclosure: { code: "no_fund" },
  annual_report: { code: "no_reports_module" },
  learning_week: { code: "no_week_records" },
};

/** The findings of every key for the communes (each key's source asked once, for all of them). */
export async function findings(
  tx: Db,
  actor: Actor,
  keys: DeadlineKey[],
  communeIds: number[],
  dataYear: number,
): Promise<Map<DeadlineKey, Map<number, Finding>>> {
  const result = new Map<DeadlineKey, Map<number, Finding>>();
  for (const key of keys) {
    const source = statusSources[key];
    result.set(
      key,
      source && communeIds.length > 0 ? await source(tx, actor, communeIds, dataYear) : new Map(),
    );
  }
  return result;
}

/** The cell of a commune for a deadline: a missing thing past its date is late. */
export function cellOf(
  deadline: EffectiveDeadline,
  finding: Finding | undefined,
  today: string,
): DeadlineCell {
  const due = deadline.due;
  const reasons = finding ? finding.reasons : [noData[deadline.key]];
  const missing = reasons.map((r) => missingText(r, deadline.dataYear));
  const status = !finding ? "no_data" : finding.status === "missing" && due < today ? "late" : finding.status;
  return { status, due, missing, reasons };
}

/** The deadlines a commune and its Hội meet (a province's own report is not a commune's). */
export const ofCommunes = (list: EffectiveDeadline[]) => list.filter((d) => d.level !== "province");

/**
 * Every commune's cells for a data year: the deadlines of its province (its own dates, else the national ones),
 * each source asked once for all the communes.
 */
export async function communeCells(
  tx: Db,
  actor: Actor,
  communes: { id: number; province_id: number | null }[],
  dataYear: number,
  today: string,
): Promise<{
  byProvince: Map<number | null, EffectiveDeadline[]>;
  cells: Map<number, CommuneStatus["cells"]>;
}> {
  const provinceIds = [
    ...new Set(communes.flatMap((c) => (c.province_id === null ? [] : [Number(c.province_id)]))),
  ];
  const byProvince = await deadlinesByProvince(tx, provinceIds, dataYear);
  const keys = [...new Set([...byProvince.values()].flatMap((list) => ofCommunes(list).map((d) => d.key)))];
  const found = await findings(
    tx,
    actor,
    keys,
    communes.map((c) => Number(c.id)),
    dataYear,
  );
  const cells = new Map<number, CommuneStatus["cells"]>();
  for (const c of communes) {
    const row: CommuneStatus["cells"] = {};
    const province = c.province_id === null ? null : Number(c.province_id);
    for (const deadline of ofCommunes(byProvince.get(province) ?? []))
      row[deadline.key] = cellOf(deadline, found.get(deadline.key)?.get(Number(c.id)), today);
    cells.set(Number(c.id), row);
  }
  return { byProvince, cells };
}

/** SQL: the province of the commune `c` (its ancestor of level province). */
export const provinceColumn = (column: "id" | "name") =>
  sql<string>`(SELECT a.${sql.raw(column)} FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
    WHERE p.descendant_id = c.id AND a.level = 'province' LIMIT 1)`;
