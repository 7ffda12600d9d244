/**
 * The retention job (issue 12, item 4; docs/PRIVACY.md): the archived rows of the person kinds whose archive date
 * plus the period in force (privacy_retention, else the kind's declaration) is before today are pseudonymised with
 * `pseudonymisePerson`, the function the deletion requests use: the name becomes "Ẩn danh X7K2QM", phone and
 * address are cleared, the posted receipts and the audit log follow. Nothing is deleted: every such row is still
 * counted somewhere (a household, a member's dues, a donor's receipts), so the statistics stay exact (a name change
 * moves no counter). One transaction per kind, each row audited without its data, and one summary row per kind.
 * A row already carrying a pseudonym is done: a second run finds nothing. `dryRun` lists the same rows, writes nothing.
 */
import { sql } from "kysely";
import { type PersonSource, personSourceLabels } from "../../../shared/privacy-requests";
import { kindNamed } from "../../../shared/registry/kinds";
import { type Actor, commandLineActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { pseudonymisePerson } from "./pseudonymise";

/** The registry kinds holding people, with their table, name column and which rows are about a person. */
const retentionKinds: readonly {
  kind: string;
  source: PersonSource;
  table: string;
  name: string;
  /** Rows that are not about a person (an organisation donating, a clan receiving) are left alone. */
  persons?: string;
}[] = [
  { kind: "households", source: "household", table: "households", name: "head_name" },
  { kind: "citizens", source: "citizen", table: "citizens", name: "full_name" },
  { kind: "members", source: "member", table: "members", name: "full_name" },
  { kind: "donors", source: "donor", table: "fund_donors", name: "name", persons: "person" },
  { kind: "beneficiaries", source: "beneficiary", table: "fund_beneficiaries", name: "full_name" },
];

/** The pseudonyms `newPseudonym` makes: a row carrying one was already erased. */
const pseudonymPattern = "^Ẩn danh [A-Z0-9]{6}$";

export type RetentionKindResult = {
  kind: string;
  label: string;
  years: number;
  /** Rows archived before this day are past their period. */
  archivedBefore: string;
  rows: { communeId: number; id: number }[];
};

export type RetentionResult = { dryRun: boolean; on: string; kinds: RetentionKindResult[] };

/** The actor the nightly run is audited under. */
export const retentionActor: Actor = { ...commandLineActor, name: "hieuhoc (lưu trữ hằng đêm)" };

/** `on` less `years` years, as an ISO date (29 February becomes 28 February). */
function yearsBefore(on: string, years: number): string {
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

async function periods(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom("privacy_retention").select(["data_key", "years"]).execute();
  return new Map(rows.map((r) => [r.data_key, Number(r.years)]));
}

/** The rows of one kind past their period, oldest first. */
async function due(db: Db, spec: (typeof retentionKinds)[number], archivedBefore: string) {
  const { rows } = await sql<{ commune_id: number; id: number }>`SELECT commune_id, id
    FROM ${sql.table(spec.table)}
    WHERE archived_at IS NOT NULL
      AND (archived_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < ${archivedBefore}::date
      AND ${sql.ref(spec.name)} !~ ${pseudonymPattern}
      ${spec.persons ? sql`AND kind = ${spec.persons}` : sql``}
      ${spec.source === "beneficiary" ? sql`AND kind <> 'clan'` : sql``}
    ORDER BY archived_at, commune_id, id`.execute(db);
  return rows.map((r) => ({ communeId: Number(r.commune_id), id: Number(r.id) }));
}

/**
 * Finds, and unless `dryRun` pseudonymises, what is past its retention period (see the file's comment). Runs as
 * the database owner (the command line, the server's nightly timer).
 */
export async function runRetention(
  db: Db,
  options: { dryRun?: boolean; on?: string; actor?: Actor } = {},
): Promise<RetentionResult> {
  const on = options.on ?? today();
  const actor = options.actor ?? commandLineActor;
  const stored = await periods(db);
  const kinds: RetentionKindResult[] = [];
  for (const spec of retentionKinds) {
    const declaration = kindNamed(spec.kind);
    const years = stored.get(spec.kind) ?? declaration.privacy?.retention.years;
    if (!years) continue;
    const archivedBefore = yearsBefore(on, years);
    const label = personSourceLabels[spec.source].vi;
    if (options.dryRun) {
      kinds.push({
        kind: spec.kind,
        label,
        years,
        archivedBefore,
        rows: await due(db, spec, archivedBefore),
      });
      continue;
    }
    const rows = await db.transaction().execute(async (tx) => {
      const found = await due(tx, spec, archivedBefore);
      for (const row of found) {
        const result = await pseudonymisePerson(tx, {
          communeId: row.communeId,
          records: [{ source: spec.source, id: row.id }],
        });
        await recordAudit(tx, actor, {
          action: "retention",
          entity: spec.source,
          entityId: row.id,
          unitId: row.communeId,
          after: { years, archivedBefore, steps: result.steps, auditRows: result.auditRows },
        });
      }
      if (found.length > 0)
        await recordAudit(tx, actor, {
          action: "retention",
          entity: "privacy_retention",
          entityId: spec.kind,
          after: { kind: spec.kind, years, archivedBefore, count: found.length },
        });
      return found;
    });
    kinds.push({ kind: spec.kind, label, years, archivedBefore, rows });
  }
  return { dryRun: !!options.dryRun, on, kinds };
}
