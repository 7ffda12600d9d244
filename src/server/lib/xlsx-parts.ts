/**
 * The parts of an .xlsx that the sheet needs before it can be read: which sheet is the first one shown (workbook.xml
 * and its relationships), which cell styles are dates (styles.xml) and the shared strings. Each is read under the
 * limits of sheet-limits.ts.
 */
import { AppError } from "../errors";
import { MAX_CELL_LENGTH } from "./cell-text";
import { zipLimits } from "./sheet-limits";
import { brokenWorkbook, tooLarge, type WorkbookZip } from "./xlsx-zip";
import { parseXmlPart } from "./xml-stream";

type Relationship = { type: string; target: string };

/** "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; an absolute target starts at the root. */
function resolvePath(fromPart: string, target: string): string {
  const parts = target.startsWith("/") ? [] : fromPart.split("/").slice(0, -1);
  for (const piece of target.replace(/^\/+/, "").split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

function findPart(zip: WorkbookZip, name: string): string | undefined {
  return zip.names.find((n) => n === name) ?? zip.names.find((n) => n.toLowerCase() === name.toLowerCase());
}

async function relationships(zip: WorkbookZip, ofPart: string): Promise<Map<string, Relationship>> {
  const slash = ofPart.lastIndexOf("/");
  const relsName = findPart(zip, `${ofPart.slice(0, slash + 1)}_rels/${ofPart.slice(slash + 1)}.rels`);
  const found = new Map<string, Relationship>();
  if (!relsName) return found;
  await parseXmlPart(zip.read(relsName, zipLimits.maxSmallPartBytes), {
    open: (tag) => {
      if (tag.name !== "Relationship" || !tag.attributes.Id || !tag.attributes.Target) return;
      if (tag.attributes.TargetMode === "External") return;
      found.set(tag.attributes.Id, {
        type: tag.attributes.Type ?? "",
        target: resolvePath(ofPart, tag.attributes.Target),
      });
    },
  });
  return found;
}

const relationOfType = (rels: Map<string, Relationship>, type: string) =>
  [...rels.values()].find((r) => r.type.endsWith(`/${type}`));

export type WorkbookLayout = {
  sheetName: string;
  sheetPart: string;
  date1904: boolean;
  stylesPart?: string;
  sharedStringsPart?: string;
};

/** The first visible worksheet (hidden sheets and chart sheets are passed over), and the parts it needs. */
export async function workbookLayout(zip: WorkbookZip): Promise<WorkbookLayout> {
  const rootRels = await relationships(zip, "");
  const workbookPart =
    relationOfType(rootRels, "officeDocument")?.target ??
    findPart(zip, "xl/workbook.xml") ??
    "xl/workbook.xml";
  if (!findPart(zip, workbookPart)) throw new AppError("validation", brokenWorkbook);
  const sheets: { name: string; id: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parseXmlPart(zip.read(findPart(zip, workbookPart)!, zipLimits.maxSmallPartBytes), {
    open: (tag) => {
      if (tag.name === "workbookPr") date1904 = ["1", "true"].includes(tag.attributes.date1904 ?? "");
      if (tag.name === "sheet" && sheets.length < 10_000)
        sheets.push({
          name: tag.attributes.name ?? "",
          id: tag.attributes.id ?? "",
          hidden: ["hidden", "veryHidden"].includes(tag.attributes.state ?? ""),
        });
    },
  });
  const rels = await relationships(zip, workbookPart);
  const sheet = sheets.find((s) => !s.hidden && rels.get(s.id)?.type.endsWith("/worksheet"));
  const sheetPart = sheet && findPart(zip, rels.get(sheet.id)!.target);
  if (!sheet || !sheetPart) throw new AppError("validation", "Tệp Excel không có trang tính nào để đọc");
  const partOf = (type: string) => {
    const relation = relationOfType(rels, type);
    return relation ? findPart(zip, relation.target) : undefined;
  };
  return {
    sheetName: sheet.name,
    sheetPart,
    date1904,
    stylesPart: partOf("styles"),
    sharedStringsPart: partOf("sharedStrings"),
  };
}

/** Built-in number formats that show a date (with or without a time); 18–21 and 45–47 are times of day only. */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A format code shows a date when its first section has a day or a year outside quotes, escapes and brackets. */
export function isDateFormatCode(code: string): boolean {
  const first = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/[_*]./g, "")
    .split(";")[0]!;
  return /[dy]/i.test(first);
}

/** For each cell style index, whether the cell shows a date. */
export async function dateStyles(zip: WorkbookZip, part: string | undefined): Promise<boolean[]> {
  if (!part) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseXmlPart(zip.read(part, zipLimits.maxSmallPartBytes), {
    open: (tag) => {
      if (tag.name === "numFmt") custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? "");
      else if (tag.name === "cellXfs") inCellXfs = true;
      else if (tag.name === "xf" && inCellXfs) xfFormats.push(Number(tag.attributes.numFmtId ?? 0));
    },
    close: (name) => {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return xfFormats.map((id) => (custom.has(id) ? isDateFormatCode(custom.get(id)!) : BUILT_IN_DATES.has(id)));
}

/** Excel writes characters XML cannot hold as "_x000D_"; "_x005F_" escapes a literal underscore. */
export const decodeEscapes = (text: string) =>
  text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, code: string) =>
        String.fromCharCode(Number.parseInt(code, 16)),
      )
    : text;

/** The shared strings (rich text runs joined, phonetic guides left out), each at most 32,767 characters. */
export async function sharedStrings(zip: WorkbookZip, part: string | undefined): Promise<string[]> {
  if (!part) return [];
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  await parseXmlPart(zip.read(part, zipLimits.maxSharedStringsBytes), {
    open: (tag) => {
      if (tag.name === "si") {
        if (strings.length >= zipLimits.maxSharedStrings)
          throw tooLarge(
            `hơn ${zipLimits.maxSharedStrings.toLocaleString("vi-VN")} chuỗi dùng chung`,
            zipLimits.maxSharedStringsBytes,
          );
        current = "";
      } else if (tag.name === "rPh") inPhonetic = true;
      else if (tag.name === "t" && current !== null && !inPhonetic) inText = true;
    },
    text: (text) => {
      if (!inText || current === null) return;
      current += text;
      if (current.length > MAX_CELL_LENGTH * 7)
        throw new AppError(
          "validation",
          `Tệp Excel có chuỗi dài hơn ${MAX_CELL_LENGTH.toLocaleString("vi-VN")} ký tự, quá giới hạn một ô của Excel`,
        );
    },
    close: (name) => {
      if (name === "t") inText = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "si" && current !== null) {
        const text = decodeEscapes(current);
        if (text.length > MAX_CELL_LENGTH)
          throw new AppError(
            "validation",
            `Tệp Excel có chuỗi dài hơn ${MAX_CELL_LENGTH.toLocaleString("vi-VN")} ký tự, quá giới hạn một ô của Excel`,
          );
        strings.push(text);
        current = null;
      }
    },
  });
  return strings;
}
