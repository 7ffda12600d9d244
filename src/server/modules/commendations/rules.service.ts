/**
 * Proposal rules (a commune's, and its province's that apply to it) and the proposal list of a commune and year:
 * one set-based query per rule, leaving out subjects already commended with the rule's form that year.
 */
import { sql } from "kysely";
import {
  type CommendationRule,
  consecutiveReason,
  type ProposalCandidate,
  type ProposalList,
  type RuleCreate,
  type RuleTitle,
  ruleText,
  ruleTitleSubject,
} from "../../../shared/commendations";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitVisible } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { notFound } from "../../errors";
import { rowInScope } from "../../registry/access";
import { recordAudit } from "../audit/audit.repo";
import { readableUnitRow, unitContext } from "../territory/territory.repo";
import { subjectSource } from "./subjects";
import { invalid } from "./units";

type RuleRow = {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_level: string;
  kind: "consecutive_title" | "membership_years";
  title: string | null;
  years: number;
  form: string;
};

const toRule = (r: RuleRow): CommendationRule => ({
  id: Number(r.id),
  unit: { id: Number(r.unit_id), name: r.unit_name, level: r.unit_level },
  kind: r.kind,
  title: r.title as RuleTitle | null,
  years: r.years,
  form: r.form,
  text: ruleText(r),
});

/** The rules that apply to a unit: its own and its ancestors' (a province's apply to every commune of it). */
async function rulesFor(tx: Db, actor: Actor, unitId: number): Promise<CommendationRule[]> {
  const rows = await tx
    .selectFrom("commendation_rules as r")
    .innerJoin("admin_units as u", "u.id", "r.commune_id")
    .innerJoin("admin_unit_paths as p", (join) =>
      join.onRef("p.ancestor_id", "=", "r.commune_id").on("p.descendant_id", "=", unitId),
    )
    .select([
      "r.id",
      "u.id as unit_id",
      "u.name as unit_name",
      "u.level as unit_level",
      "r.kind",
      "r.title",
      "r.years",
      "r.form",
    ])
    .where(unitVisible(actor, "r.commune_id"))
    .orderBy("p.depth", "desc")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => toRule(r as RuleRow));
}

export async function listRules(db: Db, actor: Actor, unitId: number) {
  return asActor(db, actor, async (tx) => {
    await readableUnitRow(tx, actor, unitId);
    return { rules: await rulesFor(tx, actor, unitId) };
  });
}

export async function createRule(db: Db, actor: Actor, input: RuleCreate) {
  return asActor(db, actor, async (tx) => {
    await requireOnUnit(tx, actor, "registry.edit", input.unitId, "đơn vị này");
    const unit = await unitContext(tx, input.unitId);
    if (!unit || (unit.level !== "commune" && unit.level !== "province"))
      throw invalid("unitId", "Quy tắc đề nghị khen thưởng thuộc một xã, phường hoặc một tỉnh, thành phố");
    const title = input.kind === "consecutive_title" ? input.title : null;
    if (input.kind === "consecutive_title" && !title)
      throw invalid("title", "Chọn danh hiệu của quy tắc (đạt danh hiệu nhiều năm liền)");
    const { id } = await tx
      .insertInto("commendation_rules")
      .values({
        commune_id: unit.id,
        province_id: unit.provinceId,
        kind: input.kind,
        title: title ?? null,
        years: input.years,
        form: input.form,
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const rule = (await rulesFor(tx, actor, unit.id)).find((r) => r.id === Number(id))!;
    await recordAudit(tx, actor, {
      action: "create",
      entity: "commendation_rule",
      entityId: rule.id,
      unitId: unit.id,
      after: rule,
    });
    return rule;
  });
}

/** Removes a rule; given its unit (a commune, or a province for its rules), it is looked for there alone. */
export async function deleteRule(db: Db, actor: Actor, id: number, unitId?: number) {
  return asActor(db, actor, async (tx) => {
    let query = tx
      .selectFrom("commendation_rules as r")
      .select(["r.commune_id", "r.kind", "r.title", "r.years", "r.form"])
      .where("r.id", "=", id)
      .where(unitVisible(actor, "r.commune_id"));
    if (unitId !== undefined) query = query.where("r.commune_id", "=", unitId);
    const row = await query.executeTakeFirst();
    if (!row) throw notFound("Không tìm thấy quy tắc đề nghị khen thưởng");
    await requireOnUnit(tx, actor, "registry.edit", row.commune_id, "đơn vị của quy tắc");
    await tx
      .deleteFrom("commendation_rules")
      .where("commune_id", "=", row.commune_id)
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, actor, {
      action: "delete",
      entity: "commendation_rule",
      entityId: id,
      unitId: row.commune_id,
      before: { ...row, text: ruleText(row) },
    });
  });
}

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

type Found = { id: number; name: string; village: string | null; detail: string };

/** Subjects of the commune recognised for the rule's title in each of the N years ending with `year`. */
async function consecutive(tx: Db, actor: Actor, communeId: number, year: number, rule: CommendationRule) {
  const title = rule.title as RuleTitle;
  const kind = ruleTitleSubject[title];
  const { declaration, table, nameColumn } = subjectSource(kind);
  const { rows } = await sql<Found>`
    WITH held AS (
      SELECT g.subject_id FROM registrations g
      WHERE g.commune_id = ${communeId} AND g.title = ${title} AND g.subject_kind = ${kind}
        AND g.status = 'recognized' AND g.year BETWEEN ${year - rule.years + 1} AND ${year}
      GROUP BY g.subject_id HAVING count(DISTINCT g.year) = ${rule.years})
    SELECT s.id, s.${sql.ref(nameColumn)} AS name, v.name AS village, '' AS detail
    FROM held JOIN ${sql.table(table)} s ON s.commune_id = ${communeId} AND s.id = held.subject_id
    LEFT JOIN admin_units v ON v.id = s.${sql.ref(declaration.unit.column)} AND v.level = 'village'
    WHERE s.archived_at IS NULL AND ${rowInScope(actor, declaration, "read", "s")}
      AND NOT EXISTS (SELECT 1 FROM commendations c WHERE c.commune_id = ${communeId} AND c.year = ${year}
        AND c.form = ${rule.form} AND c.subject_kind = ${kind} AND c.subject_id = s.id)
    ORDER BY v.name NULLS FIRST, 2, s.id`.execute(tx);
  const years = Array.from({ length: rule.years }, (_, i) => year - rule.years + 1 + i);
  return rows.map((r) => ({ kind, row: r, reason: consecutiveReason(title, years) }));
}

/** Members of the commune's Hội who joined at least N years before 31/12 of `year` and are members then. */
async function membership(tx: Db, actor: Actor, communeId: number, year: number, rule: CommendationRule) {
  const { declaration } = subjectSource("member");
  const { rows } = await sql<Found>`
    SELECT m.id, m.full_name AS name, v.name AS village, m.joined_on::text AS detail
    FROM members m LEFT JOIN admin_units v ON v.id = m.unit_id AND v.level = 'village'
    WHERE m.commune_id = ${communeId} AND m.archived_at IS NULL
      AND m.joined_on <= make_date(${year - rule.years}::int, 12, 31)
      AND (m.left_on IS NULL OR m.left_on > make_date(${year}::int, 12, 31))
      AND ${rowInScope(actor, declaration, "read", "m")}
      AND NOT EXISTS (SELECT 1 FROM commendations c WHERE c.commune_id = ${communeId} AND c.year = ${year}
        AND c.form = ${rule.form} AND c.subject_kind = 'member' AND c.subject_id = m.id)
    ORDER BY v.name NULLS FIRST, m.full_name, m.id`.execute(tx);
  return rows.map((r) => ({
    kind: "member" as const,
    row: r,
    reason: `Hội viên Hội Khuyến học ${year - Number(r.detail.slice(0, 4))} năm (vào Hội ngày ${vnDate(r.detail)})`,
  }));
}

export async function proposalList(
  db: Db,
  actor: Actor,
  communeId: number,
  year: number,
): Promise<ProposalList> {
  return asActor(db, actor, async (tx) => {
    const commune = await readableUnitRow(tx, actor, communeId);
    if (commune.level !== "commune")
      throw invalid("id", "Danh sách đề nghị khen thưởng được lập cho một xã, phường");
    const rules = await rulesFor(tx, actor, communeId);
    const candidates: ProposalCandidate[] = [];
    const seen = new Set<string>();
    for (const rule of rules) {
      const found =
        rule.kind === "consecutive_title"
          ? await consecutive(tx, actor, communeId, year, rule)
          : await membership(tx, actor, communeId, year, rule);
      for (const { kind, row, reason } of found) {
        const key = `${kind}:${row.id}:${rule.form}`;
        if (seen.has(key)) continue;
        seen.add(key);
        candidates.push({
          ruleId: rule.id,
          subject: { kind, id: Number(row.id) },
          subjectName: row.name,
          village: row.village,
          form: rule.form,
          reason,
        });
      }
    }
    return { commune: { id: commune.id, name: commune.name }, year, rules, candidates };
  });
}
