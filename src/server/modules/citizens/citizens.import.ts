/**
 * Citizen lists from Excel/CSV into one commune: the tolerant table reader, TCVN3/VNI columns converted, a dry run
 * listing every problem, a real run all or nothing and idempotent, keyed by (village, full name, birth year).
 * Only name, village, birth year and group are read: no identity numbers, no phones.
 */
import { sql } from "kysely";
import { type PopulationGroup, populationGroupLabels } from "../../../shared/citizens";
import { cleanName, foldText } from "../../../shared/text";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { parseInteger } from "../../lib/cell-values";
import {
  applyImportPlan,
  communeVillages,
  convertLegacyColumns,
  importCommune,
  labelLookup,
  newImportReport,
  type RegistryImportReport,
  runImport,
  villageColumn,
  villageMessage,
  writeExport,
} from "../../lib/registry-import";
import { type ColumnSpec, readTable, writeTemplate } from "../../lib/spreadsheet";
import { listCitizens } from "./citizens.service";

export const citizenColumns: ColumnSpec[] = [
  villageColumn(true),
  { key: "fullName", label: "Họ và tên", aliases: ["Họ tên", "Tên", "Họ và tên công dân"], required: true },
  { key: "birthYear", label: "Năm sinh", aliases: ["Sinh năm", "Năm"] },
  { key: "group", label: "Đối tượng", aliases: ["Nhóm", "Nhóm đối tượng", "Thành phần", "Nghề nghiệp"] },
];

/** "Cán bộ, công chức" → "can bo cong chuc": no diacritics, case or punctuation. */
const groupKey = (text: string) =>
  foldText(text)
    .replace(/[^a-z]+/g, " ")
    .trim();

/** "Nông dân", "nong dan", "farmer" → farmer. */
export const parsePopulationGroup = labelLookup<PopulationGroup>(
  populationGroupLabels,
  [
    ["cong chuc", "official"],
    ["can bo", "official"],
    ["vien chuc", "official"],
    ["can bo cong chuc vien chuc", "official"],
  ],
  groupKey,
);

export const citizenTemplate = () =>
  writeTemplate("DANH SÁCH CÔNG DÂN HỌC TẬP", citizenColumns, [
    ["Tổ dân phố số 1", "Nguyễn Thị Hoa", "1985", "Công nhân"],
  ]);

export const exportCitizens = (db: Db, actor: Actor, unitId: number) =>
  writeExport(
    "Công dân",
    citizenColumns,
    async (offset, limit) =>
      (await listCitizens(db, actor, { unitId, offset, limit })).citizens.map((p) => ({
        village: p.village.name,
        fullName: p.fullName,
        birthYear: p.birthYear ?? "",
        group: populationGroupLabels[p.group],
      })),
    ["fullName"],
  );

type Planned = {
  villageId: number;
  fullName: string;
  birthYear: number | null;
  group: PopulationGroup | null;
};
const keyOf = (villageId: number, fullName: string, birthYear: number | null) =>
  `${villageId}|${fullName}|${birthYear ?? ""}`;

export async function importCitizens(
  db: Db,
  actor: Actor,
  communeId: number,
  file: { bytes: Uint8Array; name: string },
  dryRun: boolean,
): Promise<RegistryImportReport> {
  const report = newImportReport(dryRun);
  const { errors } = report;
  const label = (key: string) => citizenColumns.find((c) => c.key === key)!.label;
  return runImport(db, actor, report, async (tx) => {
    const commune = await importCommune(tx, actor, communeId, "danh sách công dân");
    const records = await readTable(file.bytes, file.name, citizenColumns);
    report.total = records.length;
    report.converted = convertLegacyColumns(records, ["village", "fullName", "group"]);
    const villages = await communeVillages(tx, communeId);
    const seen = new Map<string, number>();
    const planned: Planned[] = [];
    for (const { line, values } of records) {
      const villageId = villages.get(foldText(values.village ?? ""));
      const fullName = cleanName(values.fullName ?? "");
      const year = values.birthYear ? parseInteger(values.birthYear, { min: 1900, max: 2100 }) : null;
      const group = values.group ? parsePopulationGroup(values.group) : null;
      if (!villageId)
        errors.push({
          row: line,
          column: label("village"),
          message: villageMessage(values.village),
        });
      if (!fullName) errors.push({ row: line, column: label("fullName"), message: "Thiếu họ và tên" });
      if (year && !year.ok) errors.push({ row: line, column: label("birthYear"), message: year.message });
      if (group === undefined)
        errors.push({
          row: line,
          column: label("group"),
          message: `Đối tượng "${values.group}" không có: ghi ${Object.values(populationGroupLabels).join("; ")}`,
        });
      if (!villageId || !fullName || (year && !year.ok) || group === undefined) continue;
      const birthYear = year?.ok ? year.value : null;
      const key = keyOf(villageId, fullName, birthYear);
      if (seen.has(key)) {
        errors.push({
          row: line,
          column: label("fullName"),
          message: `${fullName} (${birthYear ?? "không rõ năm sinh"}) trùng với dòng ${seen.get(key)}`,
        });
        continue;
      }
      seen.set(key, line);
      planned.push({ villageId, fullName, birthYear, group });
    }
    if (errors.length > 0) return;
    const existing = new Map<string, { id: number; population_group: PopulationGroup }>();
    for (const row of await tx
      .selectFrom("citizens")
      .select(["id", "village_id", "full_name", "birth_year", "population_group"])
      .where("commune_id", "=", communeId)
      .where("archived_at", "is", null)
      .orderBy("id")
      .execute()) {
      const key = keyOf(row.village_id, row.full_name, row.birth_year);
      if (!existing.has(key)) existing.set(key, row);
    }
    await applyImportPlan(tx, actor, report, {
      entity: "citizen",
      communeId,
      fileName: file.name,
      planned,
      existing,
      key: (p) => keyOf(p.villageId, p.fullName, p.birthYear),
      same: (p, e) => p.group === null || p.group === e.population_group,
      insert: (batch) =>
        tx
          .insertInto("citizens")
          .values(
            batch.map((p) => ({
              commune_id: communeId,
              province_id: commune.provinceId,
              village_id: p.villageId,
              full_name: p.fullName,
              birth_year: p.birthYear,
              population_group: p.group ?? "other",
            })),
          )
          .execute(),
      update: (batch) => {
        const values = sql.join(batch.map((u) => sql`(${u.id}::bigint, ${u.group})`));
        return sql`UPDATE citizens c SET population_group = v.population_group
          FROM (VALUES ${values}) AS v (id, population_group)
          WHERE c.commune_id = ${communeId} AND c.id = v.id`.execute(tx);
      },
    });
  });
}
