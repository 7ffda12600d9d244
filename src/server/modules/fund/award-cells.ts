/**
 * The recipients sheet of an award round: its columns (headers found with or without diacritics), the template,
 * and the reading of one row into a recipient, with a Vietnamese message naming the column for each refused cell:
 * a missing name, a bad birth year, a zero, negative or too large amount, a pupil without a school, a place of
 * another commune.
 */
import { foldText } from "../../../shared/text";
import { parseMoneyDong, parseVietnameseDate } from "../../lib/cell-values";
import { type ColumnSpec, writeTemplate } from "../../lib/spreadsheet";
import { formatDong, maxAmount } from "./money";

export const awardColumns: ColumnSpec[] = [
  {
    key: "fullName",
    label: "Họ và tên",
    aliases: ["Họ tên", "Họ và tên học sinh", "Tên học sinh", "Người nhận", "Họ và tên người nhận"],
    required: true,
    maxLength: 200,
  },
  { key: "kind", label: "Đối tượng", aliases: ["Loại", "Đối tượng nhận", "Người nhận là"], maxLength: 30 },
  { key: "sex", label: "Giới tính", aliases: ["Nam/Nữ", "Nam, nữ", "Phái"], maxLength: 10 },
  {
    key: "birthYear",
    label: "Năm sinh",
    aliases: ["Ngày sinh", "Ngày tháng năm sinh", "Sinh năm"],
    maxLength: 30,
  },
  { key: "school", label: "Trường", aliases: ["Trường học", "Tên trường", "Học trường"], maxLength: 200 },
  { key: "class", label: "Lớp", aliases: ["Học lớp"], maxLength: 20 },
  { key: "household", label: "Mã hộ", aliases: ["Mã số hộ", "Số hộ"], maxLength: 30 },
  {
    key: "village",
    label: "Thôn, tổ dân phố",
    aliases: ["Thôn", "Tổ dân phố", "Khu phố", "Thôn, xóm", "Thôn/Tổ dân phố"],
    maxLength: 200,
  },
  { key: "commune", label: "Xã, phường", aliases: ["Xã", "Phường", "Xã/Phường", "Đơn vị"], maxLength: 200 },
  {
    key: "amount",
    label: "Số tiền",
    aliases: ["Số tiền (đồng)", "Mức học bổng", "Thành tiền", "Số tiền học bổng", "Tiền"],
    required: true,
    maxLength: 40,
  },
  { key: "note", label: "Ghi chú", aliases: ["Ghi chu"], maxLength: 500 },
];

/** Columns whose text may have been typed in TCVN3 or VNI (converted per column before reading). */
export const textColumns = [
  "fullName",
  "kind",
  "sex",
  "school",
  "class",
  "village",
  "commune",
  "note",
] as const;

/** The most recipients one round takes: a province's ceremony has a few thousand. */
export const AWARD_MAX_ROWS = 5_000;

export const awardTemplate = () =>
  writeTemplate("DANH SÁCH NGƯỜI NHẬN HỌC BỔNG", awardColumns, [
    [
      "Nguyễn Minh Anh",
      "Học sinh",
      "Nữ",
      "2014",
      "Trường THCS Bình Minh",
      "7A",
      "TDP1-012",
      "Tổ dân phố số 1",
      "",
      "1.000.000",
      "",
    ],
    [
      "Trần Văn Bình",
      "Học sinh",
      "Nam",
      "2017",
      "Trường Tiểu học Ánh Dương",
      "4B",
      "",
      "Tổ dân phố số 2",
      "",
      "800.000",
      "Bố nhận thay",
    ],
    [
      "Lê Thị Hoa",
      "Giáo viên",
      "Nữ",
      "",
      "Trường THCS Bình Minh",
      "",
      "",
      "",
      "",
      "1.500.000",
      "Giáo viên dạy giỏi",
    ],
  ]);

export type RecipientKind = "student" | "teacher" | "family";

export type ParsedRecipient = {
  line: number;
  kind: RecipientKind;
  fullName: string;
  sex: "male" | "female" | null;
  birthYear: number | null;
  school: string | null;
  class: string | null;
  householdCode: string | null;
  villageText: string;
  communeText: string;
  amount: number;
  note: string | null;
};

type CellError = { column: string; message: string };
const label = (key: string) => awardColumns.find((c) => c.key === key)!.label;

const kinds: [RecipientKind, string[]][] = [
  ["student", ["", "hoc sinh", "hs", "sinh vien", "sv", "hoc vien"]],
  ["teacher", ["giao vien", "gv", "thay giao", "co giao", "can bo quan ly", "nha giao"]],
  ["family", ["gia dinh", "ho gia dinh", "gd", "ho"]],
];

function readKind(text: string): RecipientKind | null {
  const key = foldText(text);
  return kinds.find(([, names]) => names.includes(key))?.[0] ?? null;
}

function readSex(text: string): "male" | "female" | null | undefined {
  const key = foldText(text);
  if (key === "") return null;
  if (["nam", "m", "male", "trai"].includes(key)) return "male";
  if (["nu", "f", "female", "gai"].includes(key)) return "female";
  return undefined;
}

/** A birth year ("2014"), or the year of a birth date ("05/03/2014"); checked against the school year. */
function readBirthYear(text: string, kind: RecipientKind, schoolYear: number): number | string | null {
  if (text === "") return kind === "student" ? "Thiếu năm sinh của học sinh" : null;
  let year: number;
  if (/^\d{4}$/.test(text)) year = Number(text);
  else {
    const date = parseVietnameseDate(text);
    if (!date.ok) return `“${text}” không phải năm sinh: ghi 4 chữ số, ví dụ 2014`;
    year = Number(date.value.slice(0, 4));
  }
  if (year < 1900 || year > schoolYear)
    return `Năm sinh ${year} không hợp lệ: phải từ 1900 đến ${schoolYear} (năm học ${schoolYear}–${schoolYear + 1})`;
  const age = schoolYear - year;
  if (kind === "student" && (age < 3 || age > 30))
    return `Năm sinh ${year} không hợp lý cho một học sinh năm học ${schoolYear}–${schoolYear + 1} (${age} tuổi)`;
  return year;
}

function readAmount(text: string): number | string {
  const read = parseMoneyDong(text);
  if (!read.ok) return read.message;
  if (read.value <= 0) return "Số tiền phải lớn hơn 0";
  if (read.value > maxAmount) return `Số tiền ${formatDong(read.value)} đồng vượt quá 10^15 đồng`;
  return read.value;
}

/** One row's recipient, or the errors of its cells (each naming its column). */
export function readRecipient(
  line: number,
  values: Record<string, string>,
  schoolYear: number,
): { recipient: ParsedRecipient } | { errors: CellError[] } {
  const errors: CellError[] = [];
  const fail = (key: string, message: string) => errors.push({ column: label(key), message });
  const value = (key: string) => (values[key] ?? "").replace(/\s+/g, " ").trim();
  const fullName = value("fullName");
  if (fullName === "") fail("fullName", "Thiếu họ và tên");
  const kind = readKind(value("kind"));
  if (!kind) fail("kind", `Đối tượng “${value("kind")}” không rõ: ghi Học sinh, Giáo viên hoặc Gia đình`);
  const sex = readSex(value("sex"));
  if (sex === undefined) fail("sex", `Giới tính “${value("sex")}” không rõ: ghi Nam hoặc Nữ`);
  const birthYear = readBirthYear(value("birthYear"), kind ?? "student", schoolYear);
  if (typeof birthYear === "string") fail("birthYear", birthYear);
  const school = value("school");
  if ((kind ?? "student") === "student" && school === "") fail("school", "Thiếu trường của học sinh");
  const householdCode = value("household");
  if (householdCode !== "" && !/^[0-9A-Za-z._/-]{1,30}$/.test(householdCode))
    fail("household", `Mã hộ “${householdCode}” chỉ gồm chữ, số, dấu chấm, gạch (tối đa 30 ký tự)`);
  const amount = readAmount(value("amount"));
  if (typeof amount === "string") fail("amount", amount);
  if (errors.length > 0) return { errors };
  return {
    recipient: {
      line,
      kind: kind!,
      fullName,
      sex: sex ?? null,
      birthYear: birthYear as number | null,
      school: school || null,
      class: value("class") || null,
      householdCode: householdCode || null,
      villageText: value("village"),
      communeText: value("commune"),
      amount: amount as number,
      note: value("note") || null,
    },
  };
}

/** The same person twice: name, birth year and school, without diacritics or case. */
export const personKey = (r: ParsedRecipient) =>
  [foldText(r.fullName), r.birthYear ?? "", foldText(r.school ?? "")].join("\u0000");

/** Whether the public never sees the name (the database's generated `minor` column says the same). */
export const isMinor = (r: { kind: string; birthYear: number | null }, schoolYear: number) =>
  r.kind === "student" && (r.birthYear === null || r.birthYear > schoolYear - 19);

export const columnLabel = label;
