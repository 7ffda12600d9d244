/** Award-round tests: a sheet of recipients as officers type it (title rows, TCVN3 schools), and its bad twin. */
import ExcelJS from "exceljs";
import { unicodeToTcvn3 } from "../../src/server/lib/legacy-vietnamese";
import type { ApiClient } from "./api";

export type SheetRow = {
  name: string;
  kind: string;
  sex: string;
  birth: string;
  school: string;
  class: string;
  household: string;
  village: string;
  amount: string;
  /** The amount in đồng, for the test's own sums. */
  dong: number;
  minor: boolean;
};

const families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const middles = ["Thị", "Văn", "Minh", "Ngọc", "Đức"];
const givens = [
  "Anh",
  "Bảo",
  "Châu",
  "Dũng",
  "Giang",
  "Hà",
  "Khánh",
  "Linh",
  "My",
  "Ngân",
  "Oanh",
  "Phúc",
  "Quỳnh",
  "Sơn",
  "Thảo",
  "Uyên",
  "Vy",
  "Xuân",
  "Yến",
  "Hiếu",
  "Tâm",
  "Thủy",
  "Hòa",
  "Khoa",
  "Lộc",
  "Nhật",
  "Trí",
  "Tuấn",
  "Việt",
  "Hải",
  "Lan",
  "Mai",
  "Nam",
  "Phong",
];
export const primary = "Trường Tiểu học Quang Trung";
export const secondary = "Trường THCS Bình Minh";

/**
 * Forty recipients: 34 pupils (minors), a university student born 2004 (an adult), four teachers and a family. The
 * first pupil lives in `home` (a household of the ward, by code), the next ones in `village`.
 */
export function fortyRecipients(village: string, home: { code: string; village: string }): SheetRow[] {
  const rows: SheetRow[] = givens.map((given, i) => {
    const primaryPupil = i % 2 === 0;
    const birth = primaryPupil ? 2016 + (i % 4) : 2012 + (i % 4);
    const amount = i % 5 === 0 ? 1_500_000 : 1_000_000;
    return {
      name: `${families[i % families.length]} ${middles[i % middles.length]} ${given}`,
      kind: i % 3 === 0 ? "" : "Học sinh",
      sex: i % 2 === 0 ? "Nữ" : "Nam",
      birth: i === 5 ? `12/05/${birth}` : String(birth),
      school: primaryPupil ? primary : secondary,
      class: `${2026 - birth - 5}${"ABC"[i % 3]}`,
      household: i === 0 ? home.code : "",
      village: i === 0 ? home.village : i < 10 ? village : "",
      amount: i % 5 === 0 ? "1,5 triệu" : "1.000.000",
      dong: amount,
      minor: true,
    };
  });
  rows.push({
    name: "Đỗ Thành Công",
    kind: "Sinh viên",
    sex: "Nam",
    birth: "2004",
    school: "Trường Đại học Sư phạm Hà Nội",
    class: "K74A",
    household: "",
    village,
    amount: "2.000.000đ",
    dong: 2_000_000,
    minor: false,
  });
  for (const [i, name] of ["Lương Thị Nhàn", "Cao Văn Tiến", "Mạc Thị Dung", "Tạ Quang Vinh"].entries())
    rows.push({
      name,
      kind: "Giáo viên",
      sex: i % 2 === 0 ? "Nữ" : "Nam",
      birth: "",
      school: i % 2 === 0 ? primary : secondary,
      class: "",
      household: "",
      village: "",
      amount: "1.200.000",
      dong: 1_200_000,
      minor: false,
    });
  rows.push({
    name: "Gia đình ông Kiều Văn Thắng",
    kind: "Gia đình",
    sex: "",
    birth: "",
    school: "",
    class: "",
    household: "",
    village,
    amount: "3 triệu",
    dong: 3_000_000,
    minor: false,
  });
  return rows;
}

const headers = [
  "STT",
  "Ho va ten",
  "Đối tượng",
  "Giới tính",
  "Năm sinh",
  "Trường",
  "Lớp",
  "Mã hộ",
  "Thôn, tổ dân phố",
  "Số tiền",
];

/** An .xlsx as a Hội keeps it: two title rows, headers partly without diacritics, the school column in TCVN3. */
export async function sheetXlsx(rows: SheetRow[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Học bổng");
  sheet.addRow(["HỘI KHUYẾN HỌC PHƯỜNG TÂY HỒ"]);
  sheet.addRow(["DANH SÁCH HỌC SINH NHẬN HỌC BỔNG NĂM HỌC 2026–2027"]);
  sheet.addRow(headers);
  for (const [i, r] of rows.entries())
    sheet.addRow([
      i + 1,
      r.name,
      r.kind,
      r.sex,
      r.birth,
      unicodeToTcvn3(r.school),
      r.class,
      r.household,
      r.village,
      r.amount,
    ]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function sheetCsv(rows: string[][]): string {
  return [headers, ...rows]
    .map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))
    .join("\n");
}

export function upload(
  client: ApiClient,
  path: string,
  bytes: Uint8Array<ArrayBuffer> | string,
  name: string,
) {
  const form = new FormData();
  form.append("file", new File([bytes], name));
  return client.request("POST", path, form);
}
