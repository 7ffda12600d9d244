/**
 * Villages from Excel/CSV into one commune: dry run, then all or nothing; keyed by code, else by name. The dry run
 * runs the same writes as the real run and rolls them back (lib/import-transaction.ts).
 */
import type { ImportReport, RowError } from "../../../shared/api";
import { cleanName, foldText } from "../../../shared/text";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { inImportTransaction, rowInSavepoint } from "../../lib/import-transaction";
import { type ColumnSpec, readTable, writeTemplate } from "../../lib/spreadsheet";
import { recordAudit } from "../audit/audit.repo";
import { canOnUnit } from "./territory.repo";
import { insertVillage } from "./territory.service";
import { canonicalKind, unitKinds } from "./unit-names";

/** Field lengths as in the API (code 20, name 200). */
export const villageColumns: ColumnSpec[] = [
  { key: "code", label: "Mã", aliases: ["Mã thôn", "Mã tổ dân phố", "Mã đơn vị", "Ma"], maxLength: 20 },
  {
    key: "name",
    label: "Tên thôn, tổ dân phố",
    aliases: ["Tên", "Tên thôn", "Tên tổ dân phố", "Tên khu phố", "Tên đơn vị", "Thôn, tổ dân phố"],
    required: true,
    maxLength: 200,
  },
  { key: "kind", label: "Loại", aliases: ["Loại đơn vị", "Loai"], required: true, maxLength: 50 },
];

/** A commune has tens of villages; a file of more than 2,000 rows is not a village list. */
export const VILLAGE_MAX_ROWS = 2_000;

export const villageTemplate = () =>
  writeTemplate("DANH SÁCH THÔN, TỔ DÂN PHỐ", villageColumns, [
    ["01", "Tổ dân phố số 1", "Tổ dân phố"],
    ["", "Thôn Đông", "Thôn"],
  ]);

export async function importVillages(
  db: Db,
  actor: Actor,
  communeId: number,
  file: { bytes: Uint8Array; name: string },
  dryRun: boolean,
): Promise<ImportReport> {
  const report: ImportReport = {
    dryRun,
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
  };
  const errors: RowError[] = report.errors;
  const work = async (tx: Db) => {
    const commune = await tx
      .selectFrom("admin_units")
      .select(["id", "level", "valid_to"])
      .where("id", "=", communeId)
      .executeTakeFirst();
    if (!commune || !(await canOnUnit(tx, actor, "read", communeId)))
      throw notFound("Không tìm thấy xã, phường");
    if (!(await canOnUnit(tx, actor, "write", communeId)))
      throw forbidden("Bạn không có quyền sửa xã, phường này");
    if (commune.level !== "commune")
      throw new AppError("validation", "Chỉ nhập thôn, tổ dân phố vào một xã, phường");
    const records = await readTable(file.bytes, file.name, villageColumns, { maxRows: VILLAGE_MAX_ROWS });
    report.total = records.length;
    const existing = await tx
      .selectFrom("admin_units")
      .select(["id", "code", "name", "kind"])
      .where("parent_id", "=", communeId)
      .execute();
    const seenCodes = new Map<string, number>();
    const seenNames = new Map<string, number>();
    for (const { line, values } of records) {
      const name = cleanName(values.name ?? "");
      const code = (values.code ?? "").trim();
      const kind = canonicalKind("village", values.kind ?? "");
      if (name === "") errors.push({ row: line, column: "Tên thôn, tổ dân phố", message: "Thiếu tên" });
      if (!kind)
        errors.push({
          row: line,
          column: "Loại",
          message: `Loại "${values.kind ?? ""}" không hợp lệ: dùng ${unitKinds.village.join(", ")}`,
        });
      if (code !== "" && !/^[0-9A-Za-z._-]{1,20}$/.test(code))
        errors.push({
          row: line,
          column: "Mã",
          message: `Mã "${code}" chỉ gồm chữ, số, dấu chấm, gạch (tối đa 20 ký tự)`,
        });
      const codeLine = code === "" ? undefined : seenCodes.get(code);
      if (codeLine !== undefined)
        errors.push({ row: line, column: "Mã", message: `Mã ${code} trùng với dòng ${codeLine}` });
      const nameLine = seenNames.get(foldText(name));
      if (name !== "" && nameLine !== undefined)
        errors.push({ row: line, column: "Tên thôn, tổ dân phố", message: `Tên trùng với dòng ${nameLine}` });
      if (code !== "") seenCodes.set(code, line);
      seenNames.set(foldText(name), line);
      if (errors.length > 0 || !kind) continue;
      const match =
        code !== ""
          ? existing.find((e) => e.code === code)
          : existing.find((e) => foldText(e.name) === foldText(name));
      if (!match) {
        const refused = await rowInSavepoint(tx, async () => {
          await insertVillage(tx, actor, communeId, { code: code || undefined, name, kind });
        });
        if (refused)
          errors.push({ row: line, column: code ? "Mã" : "Tên thôn, tổ dân phố", message: refused });
        else report.created++;
      } else if (match.name === name && match.kind === kind) {
        report.unchanged++;
      } else {
        report.updated++;
        await tx.updateTable("admin_units").set({ name, kind }).where("id", "=", match.id).execute();
        await recordAudit(tx, actor, {
          action: "update",
          entity: "admin_unit",
          entityId: match.id,
          unitId: match.id,
          before: { name: match.name, kind: match.kind },
          after: { name, kind },
        });
      }
    }
  };
  await inImportTransaction(db, actor, { dryRun, errors }, work);
  if (errors.length > 0) Object.assign(report, { created: 0, updated: 0, unchanged: 0 });
  return report;
}
