/**
 * Organisation lists from Excel/CSV into one commune: the tolerant table reader, TCVN3/VNI columns converted, a
 * dry run listing every problem, a real run all or nothing and idempotent (keyed by the organisation's code).
 */
import { sql } from "kysely";
import { type OrganizationKind, organizationKindLabels } from "../../../shared/organizations";
import { cleanName, foldText } from "../../../shared/text";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
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
import { listOrganizations } from "./organizations.service";

export const organizationColumns: ColumnSpec[] = [
  { key: "code", label: "Mã đơn vị", aliases: ["Mã", "Mã cơ quan", "Mã số"], required: true },
  {
    key: "name",
    label: "Tên cơ quan, đơn vị",
    aliases: ["Tên đơn vị", "Tên cơ quan", "Cơ quan, đơn vị", "Đơn vị", "Tên"],
    required: true,
  },
  { key: "kind", label: "Loại hình", aliases: ["Loại", "Loại đơn vị", "Loại hình đơn vị"], required: true },
  villageColumn(false),
];

/** "Trường học", "truong hoc", "school" → school. */
export const parseOrganizationKind = labelLookup<OrganizationKind>(organizationKindLabels, [
  ["truong", "school"],
  ["co quan nha nuoc", "agency"],
  ["cong ty", "enterprise"],
  ["hop tac xa", "enterprise"],
]);

export const organizationTemplate = () =>
  writeTemplate("DANH SÁCH CƠ QUAN, ĐƠN VỊ", organizationColumns, [
    ["TH01", "Trường Tiểu học Kim Đồng", "Trường học", ""],
    ["DN01", "Công ty TNHH Minh Phát", "Doanh nghiệp", "Tổ dân phố số 1"],
  ]);

export const exportOrganizations = (db: Db, actor: Actor, unitId: number) =>
  writeExport(
    "Cơ quan, đơn vị",
    organizationColumns,
    async (offset, limit) =>
      (await listOrganizations(db, actor, { unitId, offset, limit })).organizations.map((o) => ({
        code: o.code,
        name: o.name,
        kind: organizationKindLabels[o.kind],
        village: o.unit.level === "village" ? o.unit.name : "",
      })),
    ["name"],
  );

type Planned = { code: string; name: string; kind: OrganizationKind; unitId: number };

export async function importOrganizations(
  db: Db,
  actor: Actor,
  communeId: number,
  file: { bytes: Uint8Array; name: string },
  dryRun: boolean,
): Promise<RegistryImportReport> {
  const report = newImportReport(dryRun);
  const { errors } = report;
  const label = (key: string) => organizationColumns.find((c) => c.key === key)!.label;
  return runImport(db, actor, report, async (tx) => {
    const commune = await importCommune(tx, actor, communeId, "danh sách cơ quan, đơn vị");
    const records = await readTable(file.bytes, file.name, organizationColumns);
    report.total = records.length;
    report.converted = convertLegacyColumns(records, ["name", "kind", "village"]);
    const villages = await communeVillages(tx, communeId);
    const seen = new Map<string, number>();
    const planned: Planned[] = [];
    for (const { line, values } of records) {
      const code = (values.code ?? "").trim();
      const name = cleanName(values.name ?? "");
      const kind = parseOrganizationKind(values.kind ?? "");
      const villageText = values.village ?? "";
      const unitId = villageText ? villages.get(foldText(villageText)) : communeId;
      if (!/^[0-9A-Za-z._/-]{1,30}$/.test(code))
        errors.push({
          row: line,
          column: label("code"),
          message: code ? `Mã đơn vị "${code}" không hợp lệ` : "Thiếu mã đơn vị",
        });
      else if (seen.has(code))
        errors.push({
          row: line,
          column: label("code"),
          message: `Mã đơn vị ${code} trùng với dòng ${seen.get(code)}`,
        });
      else seen.set(code, line);
      if (!name) errors.push({ row: line, column: label("name"), message: "Thiếu tên cơ quan, đơn vị" });
      if (!kind)
        errors.push({
          row: line,
          column: label("kind"),
          message: values.kind
            ? `Loại hình "${values.kind}" không có: ghi ${Object.values(organizationKindLabels).join(", ")}`
            : "Thiếu loại hình",
        });
      if (!unitId)
        errors.push({
          row: line,
          column: label("village"),
          message: villageMessage(villageText),
        });
      if (kind && unitId) planned.push({ code, name, kind, unitId });
    }
    if (errors.length > 0) return;
    const existing = new Map(
      (
        await tx
          .selectFrom("organizations")
          .select(["id", "code", "name", "kind", "unit_id"])
          .where("commune_id", "=", communeId)
          .execute()
      ).map((row) => [row.code, row]),
    );
    await applyImportPlan(tx, actor, report, {
      entity: "organization",
      communeId,
      fileName: file.name,
      planned,
      existing,
      key: (p) => p.code,
      same: (p, e) => e.name === p.name && e.kind === p.kind && e.unit_id === p.unitId,
      insert: (batch) =>
        tx
          .insertInto("organizations")
          .values(
            batch.map((p) => ({
              commune_id: communeId,
              province_id: commune.provinceId,
              unit_id: p.unitId,
              code: p.code,
              name: p.name,
              kind: p.kind,
            })),
          )
          .execute(),
      update: (batch) => {
        const values = sql.join(
          batch.map((u) => sql`(${u.id}::bigint, ${u.unitId}::bigint, ${u.name}, ${u.kind})`),
        );
        return sql`UPDATE organizations o SET unit_id = v.unit_id, name = v.name, kind = v.kind
          FROM (VALUES ${values}) AS v (id, unit_id, name, kind)
          WHERE o.commune_id = ${communeId} AND o.id = v.id`.execute(tx);
      },
    });
  });
}
