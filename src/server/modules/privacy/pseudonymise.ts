/**
 * Erasing a person from a commune's records, as far as the rules allow (issue 12, item 3; the retention job reuses
 * it). Every linked record loses the person's name (replaced by one pseudonym, "Ẩn danh X7K2QM"), phone and
 * address, in one transaction:
 * - what a rule forbids deleting stays, under the pseudonym, and still counts in the statistics: a household or
 *   citizen in an issued decision's annex (the annex is frozen; it now shows the pseudonym), a member with dues in
 *   the append-only dues ledger, a donor with posted receipts, a beneficiary paid from the fund, a commendation;
 * - a person-only registry row with nothing holding it (citizen, member, donor, beneficiary) is also archived, so
 *   it leaves the lists; a household stays (it is a household of the village, counted as such) under the pseudonym;
 * - posted receipts take the pseudonym through hieuhoc_pseudonymise_receipts (migration 0041: only the names
 *   change; the hash chain does not cover them); disbursements (the payee's or the recipient's name, whichever is
 *   the person's) and award rounds' recipients through hieuhoc_pseudonymise_disbursements and
 *   hieuhoc_pseudonymise_award_recipients (migration 0045: only the names change; a round's list hash covers the
 *   names, so each change is recorded with the hash before and after, and `hieuhoc fund verify` accepts it);
 * - survey answers are unlinked from the person (the answer still counts, anonymous);
 * - the audit log's before/after values equal to the names, phones or addresses are replaced by the pseudonym
 *   (hieuhoc_pseudonymise_audit), and the processing log's list filters holding them (the search text) too
 *   (hieuhoc_pseudonymise_processing_log).
 * Counters are kept by triggers on the same rows: a name change moves none of them (test/api/data-requests.test.ts
 * checks them against a recount). The caller audits the result; no step carries the person's data.
 */
import { randomInt } from "node:crypto";
import { sql } from "kysely";
import type { ErasureStep, PersonMatch, PersonSource } from "../../../shared/privacy-requests";
import type { Db } from "../../db/connection";
import { byIds, readSources } from "./find-person";

export type PseudonymiseInput = {
  communeId: number;
  records: readonly { source: PersonSource; id: number }[];
  /** A pseudonym to use (the request's, for a second pass); a new one when not given. */
  pseudonym?: string;
  /** The person's name as the request gives it: tells which name of a disbursement is theirs. */
  personName?: string;
};

export type PseudonymiseResult = {
  pseudonym: string;
  steps: ErasureStep[];
  auditRows: number;
  /** Rows of the processing log whose list filter held the person's name or phone. */
  processingLogRows: number;
};

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const newPseudonym = () =>
  `Ẩn danh ${Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join("")}`;

/** The registry tables of the person-only kinds: name column, personal columns cleared, whether archived. */
const personRows: Partial<
  Record<PersonSource, { table: string; name: string; clear: string[]; archive: boolean }>
> = {
  household: { table: "households", name: "head_name", clear: ["phone", "address"], archive: false },
  citizen: { table: "citizens", name: "full_name", clear: [], archive: true },
  member: { table: "members", name: "full_name", clear: [], archive: true },
  donor: { table: "fund_donors", name: "name", clear: ["phone", "address"], archive: true },
  beneficiary: { table: "fund_beneficiaries", name: "full_name", clear: ["guardian_phone"], archive: true },
};

const keptReason: Partial<Record<PersonSource, string>> = {
  registration: "hồ sơ không ghi tên; phụ lục quyết định hiện tên đã thay bằng bí danh",
  learner: "danh sách học viên trỏ tới công dân đã thay bằng bí danh",
};

async function secretsOf(tx: Db, communeId: number, matches: PersonMatch[]): Promise<string[]> {
  // A disbursement's name may be another person's (the pupil's, when the parent asks): its names come from
  // hieuhoc_pseudonymise_disbursements.
  const secrets = new Set(matches.filter((m) => m.source !== "disbursement").map((m) => m.name));
  for (const [source, spec] of Object.entries(personRows)) {
    const ids = matches.filter((m) => m.source === source).map((m) => m.id);
    if (!spec || ids.length === 0 || spec.clear.length === 0) continue;
    const { rows } = await sql<
      Record<string, string | null>
    >`SELECT ${sql.join(spec.clear.map((c) => sql.ref(c)))}
      FROM ${sql.table(spec.table)} WHERE commune_id = ${communeId} AND id = ANY (${sql.val(ids)}::bigint[])`.execute(
      tx,
    );
    for (const row of rows) for (const value of Object.values(row)) if (value) secrets.add(value);
  }
  return [...secrets];
}

/**
 * Pseudonymises the person's linked records of one commune (see the file's comment). Runs in the caller's
 * transaction (`asActor`, or the command line's); returns what was done to each record and why.
 */
export async function pseudonymisePerson(tx: Db, input: PseudonymiseInput): Promise<PseudonymiseResult> {
  const pseudonym = input.pseudonym ?? newPseudonym();
  const c = input.communeId;
  const matches = await readSources(tx, c, byIds(input.records));
  // Posted receipts of the linked donors are the donors' too.
  const donors = matches.filter((m) => m.source === "donor").map((m) => m.id);
  const receipts = new Set(matches.filter((m) => m.source === "receipt").map((m) => m.id));
  if (donors.length > 0) {
    const { rows } = await sql<{ id: number }>`SELECT id FROM fund_receipts WHERE commune_id = ${c}
      AND donor_id = ANY (${sql.val(donors)}::bigint[])`.execute(tx);
    for (const row of rows) receipts.add(Number(row.id));
  }
  const secrets = await secretsOf(tx, c, matches);
  const steps: ErasureStep[] = [];
  const ids = (source: PersonSource) => matches.filter((m) => m.source === source).map((m) => m.id);

  for (const m of matches) {
    const spec = personRows[m.source];
    if (!spec) continue;
    const archive = spec.archive && !m.hold;
    const sets = [
      sql`${sql.ref(spec.name)} = ${pseudonym}`,
      ...spec.clear.map((column) => sql`${sql.ref(column)} = NULL`),
      ...(archive ? [sql`archived_at = coalesce(archived_at, now())`] : []),
    ];
    await sql`UPDATE ${sql.table(spec.table)} SET ${sql.join(sets)}
      WHERE commune_id = ${c} AND id = ${m.id}`.execute(tx);
    steps.push({
      source: m.source,
      id: m.id,
      action: archive ? "archived" : "pseudonymised",
      reason: m.hold
        ? `giữ lại dưới dạng bí danh vì ${m.hold}`
        : archive
          ? "không có quy định buộc giữ: đã xóa tên, đưa ra khỏi danh sách (lưu trữ)"
          : "hộ gia đình vẫn được tính trong số liệu: thay tên chủ hộ bằng bí danh, xóa địa chỉ, điện thoại",
    });
  }

  const commendations = matches.filter((m) => m.source === "commendation").map((m) => m.id);
  if (commendations.length > 0)
    await sql`UPDATE commendations SET subject_name = ${pseudonym}
      WHERE commune_id = ${c} AND id = ANY (${sql.val(commendations)}::bigint[])`.execute(tx);
  for (const id of commendations)
    steps.push({
      source: "commendation",
      id,
      action: "pseudonymised",
      reason: "giữ lại dưới dạng bí danh vì quyết định khen thưởng đã ban hành",
    });

  if (receipts.size > 0)
    await sql`SELECT hieuhoc_pseudonymise_receipts(${c}, ${sql.val([...receipts])}::bigint[], ${pseudonym})`.execute(
      tx,
    );
  for (const id of receipts)
    steps.push({
      source: "receipt",
      id,
      action: "pseudonymised",
      reason: "giữ lại dưới dạng bí danh vì phiếu thu đã ghi sổ quỹ (sổ quỹ không sửa, không xóa)",
    });

  const disbursements = ids("disbursement");
  if (disbursements.length > 0) {
    const names = [input.personName ?? "", ...secrets];
    const { rows: replaced } = await sql<{ names: string[] }>`SELECT hieuhoc_pseudonymise_disbursements(${c},
      ${sql.val(disbursements)}::bigint[], ${sql.val(names)}::text[], ${pseudonym}) AS names`.execute(tx);
    secrets.push(...(replaced[0]?.names ?? []));
  }
  for (const id of disbursements)
    steps.push({
      source: "disbursement",
      id,
      action: "pseudonymised",
      reason:
        "giữ lại dưới dạng bí danh vì khoản chi là chứng từ kế toán của quỹ (số tiền, ngày, số phiếu chi giữ nguyên)",
    });
  const awards = ids("award_recipient");
  if (awards.length > 0)
    await sql`SELECT hieuhoc_pseudonymise_award_recipients(${c}, ${sql.val(awards)}::bigint[],
      ${pseudonym})`.execute(tx);
  for (const id of awards)
    steps.push({
      source: "award_recipient",
      id,
      action: "pseudonymised",
      reason:
        "giữ lại dưới dạng bí danh vì danh sách đợt trao là chứng từ kế toán; mã kiểm tra của danh sách trước và sau khi thay tên được ghi lại để sổ quỹ vẫn kiểm tra được",
    });

  // Survey answers of the linked households and citizens, and those linked directly.
  const households = input.records.filter((r) => r.source === "household").map((r) => r.id);
  const citizens = input.records.filter((r) => r.source === "citizen").map((r) => r.id);
  const answers = input.records.filter((r) => r.source === "survey_answer").map((r) => r.id);
  const { rows: unlinked } = await sql<{ id: number }>`UPDATE survey_responses SET household_id = NULL,
      citizen_id = NULL
    WHERE commune_id = ${c} AND (id = ANY (${sql.val(answers)}::bigint[])
      OR household_id = ANY (${sql.val(households)}::bigint[]) OR citizen_id = ANY (${sql.val(citizens)}::bigint[]))
    RETURNING id`.execute(tx);
  for (const row of unlinked)
    steps.push({
      source: "survey_answer",
      id: Number(row.id),
      action: "unlinked",
      reason: "phiếu vẫn được tính trong số liệu khảo sát, không còn gắn với người",
    });

  for (const r of input.records) {
    const reason = keptReason[r.source];
    if (reason) steps.push({ source: r.source, id: r.id, action: "kept", reason });
  }

  const { rows } = await sql<{
    n: number;
  }>`SELECT hieuhoc_pseudonymise_audit(${c}, ${sql.val(secrets)}::text[],
    ${pseudonym}) AS n`.execute(tx);
  const searched = [...secrets, ...(input.personName ? [input.personName] : [])];
  const { rows: logged } = await sql<{ n: number }>`SELECT hieuhoc_pseudonymise_processing_log(${c},
    ${sql.val(searched)}::text[], ${pseudonym}) AS n`.execute(tx);
  return {
    pseudonym,
    steps,
    auditRows: Number(rows[0]?.n ?? 0),
    processingLogRows: Number(logged[0]?.n ?? 0),
  };
}
