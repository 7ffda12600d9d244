import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { householdColumns } from "./households.import";
import { listHouseholds } from "./households.service";

/**
 * The households of a unit as .xlsx in the import template's columns, so that an exported file can be edited and
 * imported back. Written with exceljs's streaming writer, page by page.
 */
export async function exportHouseholds(db: Db, actor: Actor, unitId: number): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet("Hộ gia đình");
  sheet.columns = householdColumns.map((c) => ({
    header: c.label,
    key: c.key,
    width: c.key === "headName" ? 32 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (let offset = 0; ; offset += 500) {
    const page = await listHouseholds(db, actor, { unitId, offset, limit: 500 });
    for (const h of page.households)
      sheet
        .addRow({
          code: h.code,
          village: h.village.name,
          headName: h.headName,
          address: h.address ?? "",
          members: h.members,
          phone: h.phone ?? "",
        })
        .commit();
    if (page.households.length < 500) break;
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
