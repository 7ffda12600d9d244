/**
 * Answers of a learning-needs survey from Excel or CSV, added all or nothing: every row is checked (the village of
 * the commune, the household by its code, the age group, the sex, each topic of the cell, separated by "," or ";",
 * by its label or another spelling, folded), and a refused cell is named by its row and column; nothing is written
 * unless every row passes. A dry run does the same writes and rolls them back (lib/import-transaction.ts). No name
 * is read: a respondent is a household code of the registry or nobody.
 */
import type { RowError } from "../../../shared/api";
import {
  type AgeGroup,
  ageGroupAliases,
  ageGroupOf,
  ageGroupOptions,
  type SurveyImportReport,
} from "../../../shared/needs-survey";
import { type Topic, topicAliases, topicOptions } from "../../../shared/registry/kinds/topics";
import { foldText } from "../../../shared/text";
import { requireOnUnit } from "../../auth/capabilities";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { inImportTransaction } from "../../lib/import-transaction";
import { recordsToUnicode } from "../../lib/legacy-detect";
import { type ColumnSpec, readTable, writeTemplate } from "../../lib/spreadsheet";
import { choiceKey } from "../../registry/cells";
import { communeVillages, villageMessage } from "../../registry/units";
import { recordAudit } from "../audit/audit.repo";
import { fromDatabase } from "../fund/ledger";
import { requireOpen, responseValues, surveyInScope } from "./needs-survey.service";

export const surveyColumns: ColumnSpec[] = [
  {
    key: "village",
    label: "Thôn, tổ dân phố",
    aliases: ["Thôn", "Tổ dân phố", "Khu phố", "Thôn/Tổ dân phố", "Tên thôn"],
    required: true,
    maxLength: 200,
  },
  { key: "household", label: "Mã hộ", aliases: ["Mã số hộ", "Số hộ"], maxLength: 30 },
  { key: "ageGroup", label: "Nhóm tuổi", aliases: ["Độ tuổi", "Tuổi"], required: true, maxLength: 40 },
  { key: "sex", label: "Giới tính", aliases: ["Nam/Nữ", "Nam, nữ"], maxLength: 10 },
  {
    key: "topics",
    label: "Chủ đề muốn học",
    aliases: ["Chủ đề", "Nội dung muốn học", "Nhu cầu học tập", "Nội dung"],
    required: true,
    maxLength: 500,
  },
  { key: "freeTopics", label: "Chủ đề khác", aliases: ["Nội dung khác", "Nhu cầu khác"], maxLength: 500 },
];
const label = (key: string) => surveyColumns.find((c) => c.key === key)!.label;
const textColumns = ["village", "ageGroup", "sex", "topics", "freeTopics"] as const;
export const SURVEY_MAX_ROWS = 20_000;

export const surveyTemplate = () =>
  writeTemplate("PHIẾU KHẢO SÁT NHU CẦU HỌC TẬP", surveyColumns, [
    ["Tổ dân phố số 1", "0001", "Từ 36 đến 60 tuổi", "Nữ", "Sức khỏe; Kỹ năng số", ""],
    ["Tổ dân phố số 2", "", "Trên 60 tuổi", "Nam", "Pháp luật, Tin học", "Dưỡng sinh"],
    ["Tổ dân phố số 2", "", "15-35", "", "Ngoại ngữ", ""],
  ]);

const lookup = <T extends string>(
  options: Record<T, { vi: string; en: string }>,
  aliases: readonly (readonly [string, T])[],
) => {
  const byKey = new Map<string, T>(aliases.map(([alias, code]) => [choiceKey(alias), code]));
  for (const [code, text] of Object.entries(options) as [T, { vi: string; en: string }][])
    for (const spelling of [code, text.vi, text.en]) byKey.set(choiceKey(spelling), code);
  return (text: string) => byKey.get(choiceKey(text));
};
const topicOf = lookup<Topic>(topicOptions, topicAliases);
const ageGroupByName = lookup<AgeGroup>(ageGroupOptions, ageGroupAliases);

/** A topic cell: several topics separated by "," or ";", each by its label or alias; the unknown ones named. */
export function readTopics(text: string): { topics: Topic[]; unknown: string[] } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const found: Topic[] = [];
  const unknown: string[] = [];
  for (const part of parts) {
    const topic = topicOf(part);
    if (topic) {
      if (!found.includes(topic)) found.push(topic);
    } else unknown.push(part);
  }
  return { topics: found, unknown };
}

/** An age group by its name, or an age in years ("42"). */
function readAgeGroup(text: string, year: number): AgeGroup | undefined {
  if (/^\d{1,3}$/.test(text)) return ageGroupOf(year - Number(text), year);
  return ageGroupByName(text);
}

function readSex(text: string): "male" | "female" | null | undefined {
  const key = choiceKey(text);
  if (key === "") return null;
  if (["nam", "m", "male"].includes(key)) return "male";
  if (["nu", "f", "female"].includes(key)) return "female";
  return undefined;
}

export type ImportFile = { bytes: Uint8Array; name: string };

export async function importResponses(
  db: Db,
  actor: Actor,
  surveyId: number,
  file: ImportFile,
  dryRun: boolean,
  communeId?: number,
): Promise<SurveyImportReport> {
  const report: SurveyImportReport = {
    dryRun,
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    converted: {},
  };
  const errors: RowError[] = report.errors;
  try {
    await inImportTransaction(db, actor, { dryRun, errors }, async (tx) => {
      const seen = await surveyInScope(tx, actor, surveyId, { communeId });
      await requireOnUnit(tx, actor, "registry.edit", seen.commune_id, "xã, phường này");
      const survey = await surveyInScope(tx, actor, surveyId, { lock: true, communeId: seen.commune_id });
      requireOpen(survey);
      const records = await readTable(file.bytes, file.name, surveyColumns, { maxRows: SURVEY_MAX_ROWS });
      report.total = records.length;
      if (records.length === 0)
        throw new AppError("validation", "Tệp không có phiếu nào dưới dòng tiêu đề", {
          rows: [{ row: 1, message: "Không có dòng dữ liệu" }],
        });
      recordsToUnicode(records, textColumns, report.converted);
      const villages = await communeVillages(tx, survey.commune_id);
      const homes = new Map(
        (
          await tx
            .selectFrom("households")
            .select(["id", "code", "village_id"])
            .where("commune_id", "=", survey.commune_id)
            .where("archived_at", "is", null)
            .execute()
        ).map((h) => [h.code.toLowerCase(), h]),
      );
      const rows = [];
      for (const { line, values } of records) {
        const fail = (key: string, message: string) =>
          errors.push({ row: line, column: label(key), message });
        const before = errors.length;
        const village = villages.get(foldText(values.village ?? ""));
        if (!village) fail("village", villageMessage(values.village));
        let householdId: number | null = null;
        if (values.household) {
          const home = homes.get(values.household.toLowerCase());
          if (!home) fail("household", `Không có hộ mã ${values.household} trong sổ hộ của xã, phường`);
          else if (village && home.village_id !== village.id)
            fail("household", `Hộ mã ${values.household} không ở “${values.village}”`);
          else householdId = home.id;
        }
        const ageGroup = readAgeGroup(values.ageGroup ?? "", survey.year);
        if (!ageGroup)
          fail(
            "ageGroup",
            values.ageGroup
              ? `Nhóm tuổi “${values.ageGroup}” không có: ghi ${Object.values(ageGroupOptions)
                  .map((o) => o.vi)
                  .join(", ")} hoặc số tuổi`
              : "Thiếu nhóm tuổi",
          );
        const sex = readSex(values.sex ?? "");
        if (sex === undefined)
          fail("sex", `Giới tính “${values.sex}” không rõ: ghi Nam hoặc Nữ, hoặc để trống`);
        const { topics, unknown } = readTopics(values.topics ?? "");
        if (unknown.length > 0)
          fail(
            "topics",
            `Chủ đề “${unknown.join("”, “")}” không có trong danh sách (${Object.values(topicOptions)
              .map((o) => o.vi)
              .join(", ")}): ghi vào cột “${label("freeTopics")}”`,
          );
        else if (topics.length === 0 && !values.freeTopics) fail("topics", "Thiếu chủ đề muốn học");
        if (errors.length > before) continue;
        rows.push({
          commune_id: survey.commune_id,
          province_id: survey.province_id,
          survey_id: survey.id,
          ...responseValues({
            villageId: village!.id,
            householdId,
            citizenId: null,
            ageGroup: ageGroup!,
            sex: sex ?? null,
            topics,
            freeTopics: values.freeTopics || null,
          }),
        });
      }
      if (errors.length > 0) return;
      for (let start = 0; start < rows.length; start += 1000)
        await tx
          .insertInto("survey_responses")
          .values(rows.slice(start, start + 1000))
          .execute();
      report.created = rows.length;
      await recordAudit(tx, actor, {
        action: "survey.response.import",
        entity: "needs_survey",
        entityId: survey.id,
        unitId: survey.commune_id,
        before: { responseCount: survey.response_count },
        after: { responseCount: survey.response_count + rows.length, file: file.name },
      });
    });
  } catch (error) {
    throw fromDatabase(error);
  }
  if (errors.length > 0) report.created = 0;
  return report;
}
