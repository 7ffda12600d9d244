/**
 * The year's lists of a title in a commune or village: the registered subjects (with the self-assessment's result
 * and the review's outcome) and the recognised ones (with their decision), as .xlsx (streamed like the other
 * exports) and as a printable PDF. Personal data: the household head's name (a subject's name) and the village,
 * nothing else; a minor citizen by initials. Every page and the sheet's foot name who exported it and when.
 */
import { subjectKindOfTitle } from "../../../shared/cycle";
import type { YearListFile } from "../../../shared/lists";
import { type RecognitionTitle, titleLabels } from "../../../shared/rubric";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { listsVillage, nameHeadings, subjectNouns } from "../../documents/decision.docx";
import { formatDmy } from "../../documents/nd30.docx";
import { placeList, placeName } from "../../documents/nd30-names";
import { renderYearList } from "../../documents/year-list.pdf";
import type { XlsxCell, XlsxSheet } from "../../lib/xlsx-stream";
import { logExport } from "../readlog/processing-log";
import { today } from "../territory/dates";
import { agencyOf, type YearRecord, type YearUnit, yearRecords, yearUnit } from "./year-records";

export const statusLabels: Record<YearRecord["status"], string> = {
  registered: "Đã đăng ký",
  assessed: "Đã tự đánh giá",
  proposed: "Đề nghị công nhận",
  not_proposed: "Không đề nghị",
  recognized: "Được công nhận",
  revoked: "Đã thu hồi",
  withdrawn: "Đã rút",
};

type ListTable = {
  unit: YearUnit;
  titleLines: string[];
  columns: { header: string; weight: number }[];
  rows: string[][];
  summary: string;
  /** The records listed (for the processing log). */
  ids: number[];
  fileName: string;
};

async function listTable(
  db: Db,
  actor: Actor,
  unitId: number,
  list: "registered" | "recognized",
  query: { year: number; title: RecognitionTitle },
): Promise<ListTable> {
  return asActor(db, actor, async (tx) => {
    const unit = await yearUnit(tx, actor, unitId);
    const records = await yearRecords(tx, actor, unit, {
      ...query,
      ...(list === "recognized" ? { only: "recognized" as const } : {}),
    });
    const kind = subjectKindOfTitle[query.title];
    const noun = subjectNouns[kind];
    const village = listsVillage(kind);
    const last =
      list === "registered"
        ? {
            header: "Kết quả",
            cell: (r: YearRecord) => [r.result, statusLabels[r.status]].filter(Boolean).join(" – "),
          }
        : {
            header: "Quyết định công nhận",
            cell: (r: YearRecord) =>
              r.decision ? `Số ${r.decision.number} ngày ${formatDmy(r.decision.signedOn)}` : "",
          };
    const verb = list === "registered" ? "ĐĂNG KÝ" : "ĐƯỢC CÔNG NHẬN";
    const ancestors = unit.level === "village" ? [unit.name, unit.commune] : [unit.name];
    return {
      unit,
      titleLines: [
        `DANH SÁCH ${noun.toLocaleUpperCase("vi")} ${verb} DANH HIỆU “${titleLabels[query.title].toLocaleUpperCase("vi")}” NĂM ${query.year}`,
        placeList([...ancestors, unit.province].filter(Boolean)),
      ],
      columns: [
        { header: nameHeadings[kind], weight: 5 },
        ...(village ? [{ header: "Thôn, tổ dân phố", weight: 3 }] : []),
        { header: last.header, weight: 4 },
      ],
      rows: records.map((r) => [r.name, ...(village ? [r.village] : []), last.cell(r)]),
      summary: `Tổng số: ${records.length} ${noun}.`,
      ids: records.map((r) => r.id),
      fileName: `danh-sach-${list === "registered" ? "dang-ky" : "cong-nhan"}-${query.title}-${query.year}`,
    };
  });
}

export type YearListOutput =
  | { format: "xlsx"; sheet: XlsxSheet; rows: XlsxCell[][]; fileName: string }
  | { format: "pdf"; bytes: Uint8Array; fileName: string };

export async function yearList(
  db: Db,
  actor: Actor,
  unitId: number,
  file: YearListFile,
  query: { year: number; title: RecognitionTitle },
): Promise<YearListOutput> {
  const [list, format] = file.split(".") as ["registered" | "recognized", "xlsx" | "pdf"];
  const table = await listTable(db, actor, unitId, list, query);
  const footer = await logExport(db, actor, {
    kind: "title_list",
    format,
    recordIds: table.ids,
    filter: { list, year: query.year, title: query.title },
    unitId: table.unit.id,
  });
  const agency = agencyOf(table.unit);
  if (format === "pdf") {
    const bytes = await renderYearList({
      letterhead: { ...agency, place: placeName(table.unit.commune), date: today() },
      titleLines: table.titleLines,
      columns: table.columns,
      rows: table.rows,
      summary: table.summary,
      footer,
    });
    return { format, bytes, fileName: `${table.fileName}.pdf` };
  }
  const span = table.columns.length + 1;
  return {
    format,
    sheet: {
      name: list === "registered" ? "Đăng ký" : "Được công nhận",
      letterhead: [
        { cells: [{ text: agency.superior.toLocaleUpperCase("vi"), span }] },
        { cells: [{ text: agency.issuer.toLocaleUpperCase("vi"), span, bold: true }] },
      ],
      titleLines: table.titleLines,
      columns: [
        { header: "STT", kind: "count", width: 6 },
        ...table.columns.map((c) => ({ header: c.header, kind: "text" as const, width: c.weight * 8 })),
      ],
      bordered: true,
      footer: [
        { cells: [{ text: table.summary, span, left: true, italic: true }] },
        { cells: [{ text: footer, span, left: true, italic: true }] },
      ],
    },
    rows: table.rows.map((cells, i) => [i + 1, ...cells]),
    fileName: `${table.fileName}.xlsx`,
  };
}
