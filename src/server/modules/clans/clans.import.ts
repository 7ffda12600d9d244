/**
 * Clan lists from Excel/CSV into one commune: the tolerant table reader, TCVN3/VNI columns converted, a dry run
 * listing every problem, a real run all or nothing and idempotent (keyed by the clan's name in the commune).
 */
import { sql } from "kysely";
import { cleanName } from "../../../shared/text";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import {
  applyImportPlan,
  convertLegacyColumns,
  importCommune,
  newImportReport,
  type RegistryImportReport,
  runImport,
  writeExport,
} from "../../lib/registry-import";
import { type ColumnSpec, readTable, writeTemplate } from "../../lib/spreadsheet";
import { listClans } from "./clans.service";

export const clanColumns: ColumnSpec[] = [
  { key: "name", label: "Tên dòng họ", aliases: ["Dòng họ", "Tên họ", "Họ tộc"], required: true },
  {
    key: "headName",
    label: "Trưởng họ",
    aliases: ["Họ tên trưởng họ", "Trưởng tộc", "Tộc trưởng", "Người đứng đầu"],
    required: true,
  },
];

export const clanTemplate = () =>
  writeTemplate("DANH SÁCH DÒNG HỌ", clanColumns, [["Họ Nguyễn Văn", "Nguyễn Văn Bình"]]);

export const exportClans = (db: Db, actor: Actor, unitId: number) =>
  writeExport(
    "Dòng họ",
    clanColumns,
    async (offset, limit) =>
      (await listClans(db, actor, { unitId, offset, limit })).clans.map((c) => ({
        name: c.name,
        headName: c.headName,
      })),
    ["name", "headName"],
  );

export async function importClans(
  db: Db,
  actor: Actor,
  communeId: number,
  file: { bytes: Uint8Array; name: string },
  dryRun: boolean,
): Promise<RegistryImportReport> {
  const report = newImportReport(dryRun);
  const { errors } = report;
  const label = (key: string) => clanColumns.find((c) => c.key === key)!.label;
  return runImport(db, actor, report, async (tx) => {
    const commune = await importCommune(tx, actor, communeId, "danh sách dòng họ");
    const records = await readTable(file.bytes, file.name, clanColumns);
    report.total = records.length;
    report.converted = convertLegacyColumns(records, ["name", "headName"]);
    const seen = new Map<string, number>();
    const planned: { name: string; headName: string }[] = [];
    for (const { line, values } of records) {
      const name = cleanName(values.name ?? "");
      const headName = cleanName(values.headName ?? "");
      if (!name) errors.push({ row: line, column: label("name"), message: "Thiếu tên dòng họ" });
      else if (seen.has(name))
        errors.push({
          row: line,
          column: label("name"),
          message: `Dòng họ "${name}" trùng với dòng ${seen.get(name)}`,
        });
      else seen.set(name, line);
      if (!headName) errors.push({ row: line, column: label("headName"), message: "Thiếu họ tên trưởng họ" });
      if (name.length > 200 || headName.length > 200)
        errors.push({ row: line, message: "Tên dài quá 200 ký tự" });
      planned.push({ name, headName });
    }
    if (errors.length > 0) return;
    const existing = new Map(
      (
        await tx
          .selectFrom("clans")
          .select(["id", "name", "head_name"])
          .where("commune_id", "=", communeId)
          .execute()
      ).map((row) => [row.name, row]),
    );
    await applyImportPlan(tx, actor, report, {
      entity: "clan",
      communeId,
      fileName: file.name,
      planned,
      existing,
      key: (p) => p.name,
      same: (p, e) => e.head_name === p.headName,
      insert: (batch) =>
        tx
          .insertInto("clans")
          .values(
            batch.map((p) => ({
              commune_id: communeId,
              province_id: commune.provinceId,
              name: p.name,
              head_name: p.headName,
            })),
          )
          .execute(),
      update: (batch) => {
        const values = sql.join(batch.map((u) => sql`(${u.id}::bigint, ${u.headName})`));
        return sql`UPDATE clans c SET head_name = v.head_name FROM (VALUES ${values}) AS v (id, head_name)
          WHERE c.commune_id = ${communeId} AND c.id = v.id`.execute(tx);
      },
    });
  });
}
