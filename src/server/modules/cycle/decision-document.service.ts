/** A decision as the .docx the officer prints for signature: its text in the NĐ 30 layout and the list of holders. */
import { sql } from "kysely";
import { type Grade, gradeLabels, titleLabels } from "../../../shared/rubric";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { buildDecisionDocument, type DecisionSubjectKind } from "../../documents/decision.docx";
import { renderNd30Document } from "../../documents/nd30.docx";
import { householdHolder } from "../../documents/nd30-names";
import { logExport } from "../readlog/processing-log";
import { loadDecision } from "./decisions.service";

export async function decisionDocument(
  db: Db,
  actor: Actor,
  decisionId: number,
  communeId?: number,
): Promise<Buffer> {
  return asActor(db, actor, async (tx) => {
    // Scope checked here: a decision outside the caller's units (or the commune given) answers 404.
    const { decision } = await loadDecision(tx, actor, decisionId, communeId);
    const link = decision.kind === "recognition" ? sql`r.decision_id` : sql`r.revocation_id`;
    const { rows } = await sql<{
      subject_kind: DecisionSubjectKind;
      holder: string;
      head_sex: "male" | "female" | null;
      village: string | null;
      grade: Grade | null;
    }>`SELECT r.subject_kind, r.grade,
        CASE r.subject_kind
          WHEN 'household' THEN (SELECT head_name FROM households s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          WHEN 'clan' THEN (SELECT name FROM clans s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          WHEN 'organization' THEN (SELECT name FROM organizations s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          WHEN 'citizen' THEN (SELECT full_name FROM citizens s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          WHEN 'centre' THEN (SELECT name FROM learning_centres s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          ELSE (SELECT name FROM admin_units s WHERE s.id = r.subject_id) END AS holder,
        CASE WHEN r.subject_kind = 'household' THEN (SELECT head_sex FROM households s
          WHERE s.commune_id = r.commune_id AND s.id = r.subject_id) END AS head_sex,
        (SELECT name FROM admin_units v WHERE v.id = r.village_id) AS village
      FROM registrations r
      WHERE r.commune_id = ${decision.communeId} AND ${link} = ${decision.id}
      ORDER BY r.village_id NULLS FIRST, r.id`.execute(tx);
    const commune = await tx
      .selectFrom("admin_units")
      .select("name")
      .where("id", "=", decision.communeId)
      .executeTakeFirstOrThrow();
    // Names of households and citizens: logged, and the file says who printed it.
    const exportedBy = await logExport(tx, actor, {
      print: true,
      kind: "decision",
      format: "docx",
      recordIds: [decision.id],
      recordCount: rows.length,
      unitId: decision.communeId,
    });
    const document = buildDecisionDocument({
      kind: decision.kind,
      number: decision.number,
      signedOn: decision.signedOn,
      agencyName: decision.agencyName,
      signerTitle: decision.signerTitle,
      signerName: decision.signerName,
      titleLabel: titleLabels[decision.title],
      year: decision.year,
      communeName: commune.name,
      subjectKind: rows[0]?.subject_kind ?? "household",
      reason: decision.reason,
      holders: rows.map((r) => ({
        name: r.subject_kind === "household" ? householdHolder(r.holder, r.head_sex) : r.holder,
        place: r.village ?? "",
        ...(r.grade ? { grade: gradeLabels[r.grade] } : {}),
      })),
    });
    return renderNd30Document({ ...document, exportedBy });
  });
}
