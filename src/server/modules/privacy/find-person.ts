/**
 * "Find everything about this person" in one commune: by name (folded like the registries' search: no diacritics,
 * đ → d, any case), birth year and village, across every registry kind and module that keeps a person's name:
 * households' heads, citizens (household members), the Hội's members, donors, beneficiaries, commendations'
 * subjects, posted receipts' donors, disbursements' and award rounds' recipients; then what refers to the
 * households and citizens found (their title registrations, survey answers, places in activities). A row whose
 * birth year or village is recorded must match the ones given; rows that record none are kept. Each match says
 * what forbids deleting it (`hold`): pseudonymise.ts then keeps it under a pseudonym.
 *
 * The caller's scope is the commune of the request, which they administer (`privacy.request`); every table's
 * row-level security is behind the `commune_id` filter.
 */
import { type RawBuilder, sql } from "kysely";
import type { PersonMatch, PersonSource } from "../../../shared/privacy-requests";
import type { Db } from "../../db/connection";
import { searchPattern } from "../../registry/units";

export type PersonQuery = {
  communeId: number;
  name: string;
  birthYear?: number | null;
  villageId?: number | null;
};

type Row = {
  id: number;
  name: string;
  village: string | null;
  birth_year: number | null;
  detail: string | null;
  hold: string | null;
};

/** The commune and the communes merged into it (their registrations name its households since 2025). */
const lineage = (c: number) => sql`(WITH RECURSIVE pre (id) AS (SELECT ${c}::bigint
  UNION SELECT s.predecessor_id FROM unit_successions s JOIN pre ON s.successor_id = pre.id) SELECT id FROM pre)`;

const issuedHold = (
  c: number,
  kind: string,
  alias: string,
) => sql`(SELECT 'có tên trong phụ lục quyết định số ' || d.number
  || ' (' || to_char(d.signed_on, 'DD/MM/YYYY') || ') đã ban hành; phụ lục không được sửa'
  FROM registrations g JOIN decisions d ON d.commune_id = g.commune_id AND d.id = g.decision_id
  WHERE g.commune_id IN ${lineage(c)} AND g.subject_kind = ${kind}
    AND g.subject_id = ${sql.ref(`${alias}.id`)} AND d.status = 'issued' ORDER BY d.signed_on LIMIT 1)`;

/**
 * Which rows of a source: by the person's folded name (`names`: the name columns, any may match), birth year and
 * village (`filters`), or by id (linked records). Always within the commune (`c`).
 */
export type Pick = (
  source: PersonSource,
  alias: string,
  names: string[],
  year?: string,
  village?: string,
) => RawBuilder<unknown>;

export function byPerson(q: PersonQuery): Pick | null {
  const pattern = searchPattern(q.name);
  if (!pattern) return null;
  const like = `%${pattern}%`;
  return (_source, _alias, names, year, village) => {
    const matched = sql.join(
      names.map((column) => sql`hieuhoc_fold(coalesce(${sql.ref(column)}, '')) LIKE ${like}`),
      sql` OR `,
    );
    const byYear =
      q.birthYear && year ? sql`AND (${sql.ref(year)} IS NULL OR ${sql.ref(year)} = ${q.birthYear})` : sql``;
    const byVillage =
      q.villageId && village
        ? sql`AND (${sql.ref(village)} = ${q.villageId} OR ${sql.ref(village)} = ${q.communeId})`
        : sql``;
    return sql`(${matched}) ${byYear} ${byVillage}`;
  };
}

export function byIds(records: readonly { source: string; id: number }[]): Pick {
  return (source, alias) => {
    const ids = records.filter((r) => r.source === source).map((r) => r.id);
    return sql`${sql.ref(`${alias}.id`)} = ANY (${sql.val(ids)}::bigint[])`;
  };
}

/** Each source's query, its rows picked by `pick`. */
function sources(c: number, pick: Pick): [PersonSource, RawBuilder<Row>][] {
  return [
    [
      "household",
      sql<Row>`SELECT h.id, h.head_name AS name, v.name AS village, NULL::int AS birth_year,
        'Sổ hộ ' || h.code || ', ' || h.members || ' nhân khẩu' || coalesce(', ' || h.address, '')
          || coalesce(', điện thoại ' || h.phone, '') AS detail,
        ${issuedHold(c, "household", "h")} AS hold
      FROM households h JOIN admin_units v ON v.id = h.village_id
      WHERE h.commune_id = ${c} AND ${pick("household", "h", ["h.head_name"], undefined, "h.village_id")}`,
    ],
    [
      "citizen",
      sql<Row>`SELECT p.id, p.full_name AS name, v.name AS village, p.birth_year,
        'Công dân' || coalesce(', hộ ' || h.code || ' (' || h.head_name || ')', '') AS detail,
        ${issuedHold(c, "citizen", "p")} AS hold
      FROM citizens p JOIN admin_units v ON v.id = p.village_id
        LEFT JOIN households h ON h.commune_id = p.commune_id AND h.id = p.household_id
      WHERE p.commune_id = ${c} AND ${pick("citizen", "p", ["p.full_name"], "p.birth_year", "p.village_id")}`,
    ],
    [
      "member",
      sql<Row>`SELECT m.id, m.full_name AS name, u.name AS village, m.birth_year,
        'Hội viên số ' || m.member_number || ', ' || ch.name || ', vào hội ' || to_char(m.joined_on, 'DD/MM/YYYY')
          AS detail,
        CASE WHEN EXISTS (SELECT 1 FROM dues_payments d WHERE d.commune_id = m.commune_id AND d.member_id = m.id)
          THEN 'có hội phí đã ghi sổ (sổ hội phí không sửa, không xóa)' END AS hold
      FROM members m JOIN admin_units u ON u.id = m.unit_id
        JOIN chapters ch ON ch.commune_id = m.commune_id AND ch.id = m.chapter_id
      WHERE m.commune_id = ${c} AND ${pick("member", "m", ["m.full_name"], "m.birth_year", "m.unit_id")}`,
    ],
    [
      "donor",
      sql<Row>`SELECT o.id, o.name, NULL AS village, NULL::int AS birth_year,
        'Nhà hảo tâm ' || o.code || coalesce(', ' || o.address, '') || coalesce(', điện thoại ' || o.phone, '')
          AS detail,
        CASE WHEN EXISTS (SELECT 1 FROM fund_receipts r WHERE r.commune_id = o.commune_id AND r.donor_id = o.id)
          THEN 'có phiếu thu đã ghi sổ quỹ (sổ quỹ không sửa, không xóa)' END AS hold
      FROM fund_donors o WHERE o.commune_id = ${c} AND o.kind = 'person' AND ${pick("donor", "o", ["o.name"])}`,
    ],
    [
      "beneficiary",
      sql<Row>`SELECT b.id, b.full_name AS name, u.name AS village, b.birth_year,
        'Người nhận ' || b.code || coalesce(', ' || b.school, '') || coalesce(' lớp ' || b.class, '') AS detail,
        CASE WHEN EXISTS (SELECT 1 FROM fund_disbursements d WHERE d.commune_id = b.commune_id
          AND d.beneficiary_id = b.id AND d.state = 'paid')
          THEN 'đã nhận khoản chi đã ghi sổ quỹ' END AS hold
      FROM fund_beneficiaries b JOIN admin_units u ON u.id = b.unit_id
      WHERE b.commune_id = ${c} AND ${pick("beneficiary", "b", ["b.full_name"], "b.birth_year", "b.unit_id")}`,
    ],
    [
      "commendation",
      sql<Row>`SELECT k.id, k.subject_name AS name, NULL AS village, NULL::int AS birth_year,
        'Khen thưởng năm ' || k.year || ', quyết định ' || k.decision_number AS detail,
        'quyết định khen thưởng đã ban hành' AS hold
      FROM commendations k WHERE k.commune_id = ${c} AND k.recipient = 'individual'
        AND ${pick("commendation", "k", ["k.subject_name"])}`,
    ],
    [
      "receipt",
      sql<Row>`SELECT r.id, r.donor_name AS name, NULL AS village, NULL::int AS birth_year,
        'Phiếu thu PT' || r.number || '/' || r.year || ', ' || r.amount || ' đồng' AS detail,
        'phiếu thu đã ghi sổ quỹ (sổ quỹ không sửa, không xóa)' AS hold
      FROM fund_receipts r WHERE r.commune_id = ${c} AND r.donor_kind = 'person'
        AND ${pick("receipt", "r", ["r.donor_name", "r.payer_name"])}`,
    ],
    [
      "disbursement",
      sql<Row>`SELECT d.id, d.beneficiary_name AS name, NULL AS village, NULL::int AS birth_year,
        'Khoản chi ' || d.amount || ' đồng, ' || d.reason AS detail,
        CASE WHEN d.state = 'paid' THEN 'khoản chi đã ghi sổ quỹ (chứng từ kế toán)'
          ELSE 'khoản chi đã đề xuất (hủy và đề xuất lại nếu cần)' END AS hold
      FROM fund_disbursements d WHERE d.commune_id = ${c}
        AND ${pick("disbursement", "d", ["d.beneficiary_name", "d.recipient_name"])}`,
    ],
    [
      "award_recipient",
      sql<Row>`SELECT a.id, a.full_name AS name, a.village_name AS village, a.birth_year,
        'Đợt trao ' || w.name || ', ' || a.amount || ' đồng' AS detail,
        'danh sách đợt trao học bổng đã lập (chứng từ kế toán)' AS hold
      FROM fund_award_recipients a JOIN fund_award_rounds w ON w.commune_id = a.commune_id AND w.id = a.round_id
      WHERE a.commune_id = ${c} AND ${pick("award_recipient", "a", ["a.full_name"], "a.birth_year", "a.village_id")}`,
    ],
  ];
}

/** What refers to the households and citizens found. */
function references(c: number, households: number[], citizens: number[]): [PersonSource, RawBuilder<Row>][] {
  const h = sql`${sql.val(households)}::bigint[]`;
  const p = sql`${sql.val(citizens)}::bigint[]`;
  return [
    [
      "registration",
      sql<Row>`SELECT g.id, coalesce(h.head_name, p.full_name) AS name, NULL AS village, NULL::int AS birth_year,
        'Hồ sơ danh hiệu năm ' || g.year || ' (' || g.status || ')' || coalesce(', quyết định ' || d.number, '')
          AS detail,
        CASE WHEN d.status = 'issued' THEN 'hồ sơ trong quyết định đã ban hành' END AS hold
      FROM registrations g LEFT JOIN decisions d ON d.commune_id = g.commune_id AND d.id = g.decision_id
        LEFT JOIN households h ON g.subject_kind = 'household' AND h.commune_id = ${c} AND h.id = g.subject_id
        LEFT JOIN citizens p ON g.subject_kind = 'citizen' AND p.commune_id = ${c} AND p.id = g.subject_id
      WHERE g.commune_id IN ${lineage(c)} AND ((g.subject_kind = 'household' AND g.subject_id = ANY (${h}))
        OR (g.subject_kind = 'citizen' AND g.subject_id = ANY (${p})))`,
    ],
    [
      "survey_answer",
      sql<Row>`SELECT s.id, coalesce(h.head_name, p.full_name) AS name, v.name AS village, NULL::int AS birth_year,
        'Phiếu khảo sát nhu cầu học tập năm ' || n.year AS detail, NULL AS hold
      FROM survey_responses s JOIN needs_surveys n ON n.commune_id = s.commune_id AND n.id = s.survey_id
        JOIN admin_units v ON v.id = s.village_id
        LEFT JOIN households h ON h.commune_id = s.commune_id AND h.id = s.household_id
        LEFT JOIN citizens p ON p.commune_id = s.commune_id AND p.id = s.citizen_id
      WHERE s.commune_id = ${c} AND (s.household_id = ANY (${h}) OR s.citizen_id = ANY (${p}))`,
    ],
    [
      "learner",
      sql<Row>`SELECT a.id, p.full_name AS name, NULL AS village, p.birth_year,
        'Học viên ' || a.title AS detail, NULL AS hold
      FROM activity_learners l JOIN citizens p ON p.commune_id = l.commune_id AND p.id = l.citizen_id
        JOIN centre_activities a ON a.commune_id = l.commune_id AND a.id = l.activity_id
      WHERE l.commune_id = ${c} AND l.citizen_id = ANY (${p})`,
    ],
  ];
}

const toMatch = (source: PersonSource, r: Row): PersonMatch => ({
  source,
  id: Number(r.id),
  name: r.name,
  village: r.village,
  birthYear: r.birth_year === null ? null : Number(r.birth_year),
  detail: r.detail ?? "",
  hold: r.hold,
});

/** Every record of the commune that may be the person's, grouped by source in `personSources` order. */
export async function findPerson(tx: Db, q: PersonQuery): Promise<PersonMatch[]> {
  const pick = byPerson(q);
  if (!pick) return [];
  const found = await readSources(tx, q.communeId, pick);
  const ids = (source: PersonSource) => found.filter((m) => m.source === source).map((m) => m.id);
  const households = ids("household");
  const citizens = ids("citizen");
  if (households.length + citizens.length > 0)
    for (const [source, query] of references(q.communeId, households, citizens))
      for (const row of (await query.execute(tx)).rows) found.push(toMatch(source, row));
  return found;
}

/** The rows `pick` chooses in every direct source (not the references), with their holds. */
export async function readSources(tx: Db, communeId: number, pick: Pick): Promise<PersonMatch[]> {
  const found: PersonMatch[] = [];
  for (const [source, query] of sources(communeId, pick))
    for (const row of (await query.execute(tx)).rows) found.push(toMatch(source, row));
  return found;
}
