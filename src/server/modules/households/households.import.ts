/**
 * Household lists from Excel/CSV into one commune, the way officers keep them: title rows above the header,
 * headers without diacritics, blank rows, TCVN3/VNI text, dotted thousands. A dry run lists every problem by row
 * and column; a real run is all or nothing, and idempotent (keyed by the household code).
 */
import { sql } from "kysely";
import { cleanName, foldText } from "../../../shared/text";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { parseInteger } from "../../lib/cell-values";
import {
  applyImportPlan,
  communeVillages,
  convertLegacyColumns,
  importCommune,
  newImportReport,
  type RegistryImportReport,
  runImport,
  villageColumn,
  villageMessage,
} from "../../lib/registry-import";
import { type ColumnSpec, readTable, writeTemplate } from "../../lib/spreadsheet";

export const householdColumns: ColumnSpec[] = [
  { key: "code", label: "Mã hộ", aliases: ["Mã số hộ", "Số hộ", "Mã"], required: true },
  villageColumn(true),
  {
    key: "headName",
    label: "Họ và tên chủ hộ",
    aliases: ["Chủ hộ", "Họ tên chủ hộ", "Tên chủ hộ"],
    required: true,
  },
  { key: "address", label: "Địa chỉ", aliases: ["Địa chỉ hộ", "Số nhà"] },
  {
    key: "members",
    label: "Số nhân khẩu",
    aliases: ["Nhân khẩu", "Số người", "Số khẩu", "Số thành viên"],
    required: true,
  },
  { key: "phone", label: "Điện thoại", aliases: ["Số điện thoại", "SĐT", "ĐT"] },
];

export const householdTemplate = () =>
  writeTemplate("DANH SÁCH HỘ GIA ĐÌNH", householdColumns, [
    ["0001", "Tổ dân phố số 1", "Nguyễn Văn An", "Số 12, ngõ 5", "4", "0912345678"],
  ]);

type Planned = {
  line: number;
  code: string;
  villageId: number;
  headName: string;
  address: string | null;
  members: number;
  phone: string | null;
};

export type HouseholdImportReport = RegistryImportReport;

export async function importHouseholds(
  db: Db,
  actor: Actor,
  communeId: number,
  file: { bytes: Uint8Array; name: string },
  dryRun: boolean,
): Promise<HouseholdImportReport> {
  const report = newImportReport(dryRun);
  const { errors } = report;
  const label = (key: string) => householdColumns.find((c) => c.key === key)!.label;
  return runImport(db, actor, report, async (tx) => {
    const commune = await importCommune(tx, actor, communeId, "danh sách hộ");
    // Read the file only once the caller may write here: nothing about it is reported to anyone else.
    const records = await readTable(file.bytes, file.name, householdColumns);
    report.total = records.length;
    const converted = convertLegacyColumns(records, ["village", "headName", "address"]);
    report.converted = converted;
    const villageByKey = await communeVillages(tx, communeId);
    const seen = new Map<string, number>();
    const planned: Planned[] = [];
    for (const { line, values } of records) {
      const code = (values.code ?? "").trim();
      const headName = cleanName(values.headName ?? "");
      const villageId = villageByKey.get(foldText(values.village ?? ""));
      const members = parseInteger(values.members ?? "", { min: 1, max: 99 });
      const phoneText = (values.phone ?? "").replace(/[^0-9+]/g, "");
      if (!/^[0-9A-Za-z._/-]{1,30}$/.test(code))
        errors.push({
          row: line,
          column: label("code"),
          message: code ? `Mã hộ "${code}" không hợp lệ` : "Thiếu mã hộ",
        });
      else if (seen.has(code))
        errors.push({
          row: line,
          column: label("code"),
          message: `Mã hộ ${code} trùng với dòng ${seen.get(code)}`,
        });
      else seen.set(code, line);
      if (!villageId)
        errors.push({
          row: line,
          column: label("village"),
          message: villageMessage(values.village),
        });
      if (!headName) errors.push({ row: line, column: label("headName"), message: "Thiếu họ tên chủ hộ" });
      if (!members.ok) errors.push({ row: line, column: label("members"), message: members.message });
      if (phoneText && !/^[0-9+]{8,15}$/.test(phoneText))
        errors.push({
          row: line,
          column: label("phone"),
          message: `Số điện thoại "${values.phone}" không hợp lệ`,
        });
      if (errors.length === 0 && villageId && members.ok)
        planned.push({
          line,
          code,
          villageId,
          headName,
          address: values.address ? cleanName(values.address) : null,
          members: members.value,
          phone: phoneText || null,
        });
    }
    if (errors.length > 0) return;
    const existing = new Map<
      string,
      {
        id: number;
        village_id: number;
        head_name: string;
        address: string | null;
        members: number;
        phone: string | null;
      }
    >();
    for (const row of await tx
      .selectFrom("households")
      .select(["id", "code", "village_id", "head_name", "address", "members", "phone"])
      .where("commune_id", "=", communeId)
      .execute())
      existing.set(row.code, row);
    await applyImportPlan(tx, actor, report, {
      entity: "household",
      communeId,
      fileName: file.name,
      planned,
      existing,
      key: (p) => p.code,
      same: (p, e) =>
        e.village_id === p.villageId &&
        e.head_name === p.headName &&
        e.address === p.address &&
        e.members === p.members &&
        e.phone === p.phone,
      insert: (batch) =>
        tx
          .insertInto("households")
          .values(
            batch.map((p) => ({
              commune_id: communeId,
              province_id: commune.provinceId,
              village_id: p.villageId,
              code: p.code,
              head_name: p.headName,
              address: p.address,
              members: p.members,
              phone: p.phone,
            })),
          )
          .execute(),
      update: (batch) => {
        const values = sql.join(
          batch.map(
            (u) =>
              sql`(${u.id}::bigint, ${u.villageId}::bigint, ${u.headName}, ${u.address}, ${u.members}::smallint, ${u.phone})`,
          ),
        );
        return sql`UPDATE households h SET village_id = v.village_id, head_name = v.head_name, address = v.address,
            members = v.members, phone = v.phone, updated_at = now()
          FROM (VALUES ${values}) AS v (id, village_id, head_name, address, members, phone)
          WHERE h.commune_id = ${communeId} AND h.id = v.id`.execute(tx);
      },
    });
  });
}
