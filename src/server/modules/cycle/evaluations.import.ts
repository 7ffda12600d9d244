/**
 * Self-assessment results from Excel: one row per candidate (household code, clan name, village or organisation
 * code), one column per item of the criteria set in force (points, or "x"/"đạt" for level sets). Candidates not yet
 * registered are registered. Dry run first; a real run is all or nothing; the same file again changes nothing.
 */
import type { ImportReport, RowError } from "../../../shared/api";
import { type SubjectKindName, subjectKindOfTitle } from "../../../shared/cycle";
import type { LevelsDefinition, PointsDefinition, Title } from "../../../shared/rubric";
import { foldText } from "../../../shared/text";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { parseInteger, parseYesNo } from "../../lib/cell-values";
import { inImportTransaction } from "../../lib/import-transaction";
import { type ColumnSpec, readTable, writeTemplate } from "../../lib/spreadsheet";
import { rubricForYear } from "../rubrics/rubrics.service";
import { unitContextIfCan, unitOutOfScope } from "../territory/territory.repo";
import { type EvaluationFile, type PlannedEvaluation, writeEvaluations } from "./evaluations.write";
import { registrationUnitLevel } from "./registrations.service";

/** Field lengths as in the API: household and organisation codes 30, clan and village names 200. */
const subjectColumn: Record<SubjectKindName, ColumnSpec> = {
  household: {
    key: "subject",
    label: "Mã hộ",
    aliases: ["Mã số hộ", "Số hộ"],
    required: true,
    maxLength: 30,
  },
  clan: { key: "subject", label: "Tên dòng họ", aliases: ["Dòng họ"], required: true, maxLength: 200 },
  village: {
    key: "subject",
    label: "Mã thôn",
    aliases: ["Thôn", "Tổ dân phố", "Mã tổ dân phố"],
    required: true,
    maxLength: 200,
  },
  organization: {
    key: "subject",
    label: "Mã đơn vị",
    aliases: ["Mã cơ quan", "Mã"],
    required: true,
    maxLength: 30,
  },
  citizen: { key: "subject", label: "Mã công dân", aliases: [], required: true, maxLength: 30 },
  commune: { key: "subject", label: "Mã xã", aliases: [], required: true, maxLength: 30 },
  centre: { key: "subject", label: "Mã trung tâm", aliases: ["Mã TTHTCĐ"], required: true, maxLength: 30 },
};

type Item = { key: string; text: string; maxPoints?: number };

function itemsOf(definition: PointsDefinition | LevelsDefinition): Item[] {
  if (definition.scheme === "points")
    return definition.criteria.flatMap((c) =>
      c.items.map((i) => ({ key: i.key, text: i.text, maxPoints: i.maxPoints })),
    );
  return definition.levels.flatMap((l) =>
    l.criteria.flatMap((c) => c.items.map((i) => ({ key: i.key, text: i.text }))),
  );
}

/** "tc1.1 (10 điểm)" is matched by its key: the first word of the header. A score or a tick is a short cell. */
const itemColumn = (item: Item): ColumnSpec => ({
  key: `item:${item.key}`,
  label: item.maxPoints === undefined ? item.key : `${item.key} (${item.maxPoints} điểm)`,
  aliases: [item.key],
  maxLength: 50,
});

async function setup(db: Db, actor: Actor, unitId: number, title: Title, year: number) {
  return asActor(db, actor, async (tx) => {
    const unit = await unitContextIfCan(tx, actor, "read", unitId);
    if (!unit) throw notFound(unitOutOfScope);
    await requireOnUnit(tx, actor, "cycle.assess", unitId, "đơn vị này");
    const communeId = unit.level === "commune" ? unit.id : unit.communeId;
    if (communeId === null) throw new AppError("validation", "Chọn một xã, phường hoặc thôn, tổ dân phố");
    const kind = subjectKindOfTitle[title];
    const rubric = await rubricForYear(
      tx,
      title,
      year,
      unit.provinceId,
      kind === "organization" ? "commune" : undefined,
    );
    // The set a new registration is given, as registerSubjects asks for it (ĐVHT cấp xã for centres too).
    const registrationRubric =
      registrationUnitLevel(kind) === (kind === "organization" ? "commune" : undefined)
        ? rubric
        : await rubricForYear(tx, title, year, unit.provinceId, registrationUnitLevel(kind)).catch(
            (error) => {
              if (error instanceof AppError) return error.message;
              throw error;
            },
          );
    const file: EvaluationFile = {
      communeId,
      provinceId: unit.provinceId,
      year,
      title,
      kind,
      registrationRubric,
    };
    return { communeId, kind, rubric, items: itemsOf(rubric.definition), file };
  });
}

export async function evaluationTemplate(db: Db, actor: Actor, unitId: number, title: Title, year: number) {
  const { kind, rubric, items } = await setup(db, actor, unitId, title, year);
  return writeTemplate(
    `KẾT QUẢ TỰ ĐÁNH GIÁ NĂM ${year}: ${rubric.name}`,
    [subjectColumn[kind], ...items.map(itemColumn)],
    [],
  );
}

/** Subject ids of the commune by the code written in the file. */
async function subjectIndex(db: Db, actor: Actor, kind: SubjectKindName, communeId: number) {
  return asActor(db, actor, async (tx) => {
    const index = new Map<string, number>();
    const add = (rows: { id: number; key: string }[]) => {
      for (const row of rows) index.set(foldText(row.key), row.id);
    };
    if (kind === "household")
      add(
        await tx
          .selectFrom("households")
          .select(["id", "code as key"])
          .where("commune_id", "=", communeId)
          .where("archived_at", "is", null)
          .execute(),
      );
    else if (kind === "clan")
      add(
        await tx
          .selectFrom("clans")
          .select(["id", "name as key"])
          .where("commune_id", "=", communeId)
          .where("archived_at", "is", null)
          .execute(),
      );
    else if (kind === "organization")
      add(
        await tx
          .selectFrom("organizations")
          .select(["id", "code as key"])
          .where("commune_id", "=", communeId)
          .where("archived_at", "is", null)
          .execute(),
      );
    else if (kind === "centre")
      add(
        await tx
          .selectFrom("learning_centres")
          .select(["id", "code as key"])
          .where("commune_id", "=", communeId)
          .where("archived_at", "is", null)
          .execute(),
      );
    else if (kind === "village") {
      const villages = await tx
        .selectFrom("admin_units")
        .select(["id", "code", "name"])
        .where("parent_id", "=", communeId)
        .where("valid_to", "is", null)
        .execute();
      add(villages.map((v) => ({ id: v.id, key: v.code })));
      add(villages.map((v) => ({ id: v.id, key: v.name })));
    } else throw new AppError("validation", "Chưa hỗ trợ nhập kết quả cho danh hiệu này từ Excel");
    return index;
  });
}

/** Rows of one evaluation file: a commune's households at most (docs/IMPORT.md, "Giới hạn tệp nhập"). */
export const EVALUATION_MAX_ROWS = 100_000;

export async function importEvaluations(
  db: Db,
  actor: Actor,
  input: {
    unitId: number;
    title: Title;
    year: number;
    file: { bytes: Uint8Array; name: string };
    dryRun: boolean;
  },
): Promise<ImportReport> {
  const { communeId, kind, rubric, items, file } = await setup(
    db,
    actor,
    input.unitId,
    input.title,
    input.year,
  );
  const records = await readTable(
    input.file.bytes,
    input.file.name,
    [subjectColumn[kind], ...items.map(itemColumn)],
    {
      maxRows: EVALUATION_MAX_ROWS,
    },
  );
  const errors: RowError[] = [];
  const report: ImportReport = {
    dryRun: input.dryRun,
    total: records.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors,
  };
  const label = subjectColumn[kind].label;
  // The dry run and the real run are one code path: every write runs, in one transaction, and is rolled back unless
  // this is a real run without errors. A row the services would refuse (already reviewed, decided, out of the
  // caller's village…) is named; the writes are set-based (evaluations.write.ts).
  await inImportTransaction(db, actor, { dryRun: input.dryRun, errors }, async (tx) => {
    const index = await subjectIndex(tx, actor, kind, communeId);
    const planned: PlannedEvaluation[] = [];
    const seen = new Map<number, number>();
    for (const { line, values } of records) {
      const subjectId = index.get(foldText(values.subject ?? ""));
      if (subjectId === undefined) {
        errors.push({
          row: line,
          column: label,
          message: values.subject ? `Không có "${values.subject}" trong xã, phường` : "Thiếu đối tượng",
        });
        continue;
      }
      if (seen.has(subjectId))
        errors.push({ row: line, column: label, message: `Trùng với dòng ${seen.get(subjectId)}` });
      seen.set(subjectId, line);
      const scores: Record<string, number | null> = {};
      const met: Record<string, boolean | null> = {};
      for (const item of items) {
        const raw = (values[`item:${item.key}`] ?? "").trim();
        if (raw === "") {
          if (rubric.scheme === "points") scores[item.key] = null;
          else met[item.key] = null;
          continue;
        }
        const parsed =
          rubric.scheme === "points" ? parseInteger(raw, { min: 0, max: item.maxPoints }) : parseYesNo(raw);
        if (!parsed.ok) errors.push({ row: line, column: itemColumn(item).label, message: parsed.message });
        else if (rubric.scheme === "points") scores[item.key] = parsed.value as number;
        else met[item.key] = parsed.value as boolean;
      }
      planned.push({ line, subjectId, assessment: rubric.scheme === "points" ? { scores } : { items: met } });
    }
    if (errors.length > 0) return;
    const written = await writeEvaluations(tx, actor, file, planned);
    for (const { line, message } of written.refused) errors.push({ row: line, column: label, message });
    Object.assign(report, {
      created: written.created,
      updated: written.updated,
      unchanged: written.unchanged,
    });
  });
  if (errors.length > 0) Object.assign(report, { created: 0, updated: 0, unchanged: 0 });
  return report;
}
