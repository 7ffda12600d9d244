/**
 * The commune's TT 25/2023 dossier documents from its self-assessment: "Báo cáo tự đánh giá" and "Bản tổng hợp kết
 * quả đánh giá các tiêu chí, chỉ tiêu", as .docx in the NĐ 30/2020 format.
 */
import { type LevelsDefinition, level2Withheld } from "../../../shared/rubric";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import {
  renderCriteriaSummary,
  renderSelfAssessmentReport,
  type Tt25ReportInput,
} from "../../documents/tt25-reports.docx";
import { AppError } from "../../errors";
import type { LevelsEvaluation } from "../rubrics/rubric.evaluate";
import { loadRubric } from "../rubrics/rubrics.service";
import { loadRegistration } from "./registrations.service";

export type Tt25Options = {
  date: string;
  signerName: string;
  signerTitle: string;
  documentNumber?: string;
  situation?: string;
  /** The registration's commune (always from the web): it is then looked for there alone, one shard. */
  communeId?: number;
};

async function reportInput(
  db: Db,
  actor: Actor,
  registrationId: number,
  options: Tt25Options,
): Promise<Tt25ReportInput> {
  return asActor(db, actor, async (tx) => {
    const registration = await loadRegistration(tx, actor, registrationId, options.communeId);
    if (registration.subject.kind !== "commune")
      throw new AppError(
        "validation",
        "Báo cáo tự đánh giá TT 25/2023 dành cho hồ sơ Cộng đồng học tập cấp xã",
      );
    const rubric = await loadRubric(tx, registration.rubric.id);
    if (rubric.scheme !== "levels")
      throw new AppError("validation", "Bộ tiêu chí của hồ sơ không theo mức độ");
    const definition = rubric.definition as LevelsDefinition;
    const assessment = (registration.assessment ?? {}) as {
      items?: Record<string, boolean | null>;
      notes?: Record<string, string>;
    };
    const result = registration.result as LevelsEvaluation | null;
    const province = await tx
      .selectFrom("admin_unit_paths as p")
      .innerJoin("admin_units as a", "a.id", "p.ancestor_id")
      .select("a.name")
      .where("p.descendant_id", "=", registration.communeId)
      .where("a.level", "=", "province")
      .executeTakeFirstOrThrow();
    const levelOf = (n: 1 | 2) => definition.levels.find((l) => l.level === n);
    const metOf = (n: 1 | 2, key: string) =>
      result?.levels.find((l) => l.level === n)?.criteria.find((c) => c.key === key)?.met ?? null;
    const level1 = levelOf(1);
    const level2 = levelOf(2);
    const criteria = (level1?.criteria ?? []).map((criterion, index) => {
      const twin = level2?.criteria[index];
      return {
        key: criterion.key,
        name: criterion.name,
        metLevel1: metOf(1, criterion.key),
        metLevel2: twin ? metOf(2, twin.key) : null,
        items: criterion.items.map((item, itemIndex) => {
          const twinItem = twin?.items[itemIndex];
          return {
            key: item.key,
            text: item.text,
            metLevel1: assessment.items?.[item.key] ?? null,
            metLevel2: twinItem ? (assessment.items?.[twinItem.key] ?? null) : null,
            evidence: assessment.notes?.[item.key],
          };
        }),
      };
    });
    const levelReached = (result?.levelReached ?? 0) as 0 | 1 | 2;
    return {
      commune: {
        name: registration.subject.name,
        provinceName: province.name,
        place: registration.subject.name.replace(/^(Xã|Phường|Đặc khu)\s+/u, ""),
      },
      year: registration.year,
      level: level2 && levelReached === 2 ? 2 : levelReached === 0 ? 1 : levelReached,
      documentNumber: options.documentNumber,
      date: options.date,
      signerName: options.signerName,
      signerTitle: options.signerTitle,
      situation: options.situation,
      criteria,
      levelReached,
      level2Withheld: result ? level2Withheld(result) : null,
    };
  });
}

export async function tt25Document(
  db: Db,
  actor: Actor,
  registrationId: number,
  kind: "report" | "summary",
  options: Tt25Options,
) {
  const input = await reportInput(db, actor, registrationId, options);
  return kind === "report" ? renderSelfAssessmentReport(input) : renderCriteriaSummary(input);
}
