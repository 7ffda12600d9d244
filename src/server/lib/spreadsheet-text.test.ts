/**
 * Honest text: a CSV in any encoding officers' software writes is read as the Vietnamese it holds, or refused with
 * what to do; invisible and control characters, over-long cells and a quote left open are refused naming the row and
 * the column; the formula guard of our exports comes off again on import.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EncodingName, encoders } from "../../../test/fixtures/encodings";
import { row, sheetXml, xlsxOf } from "../../../test/fixtures/workbooks";
import { AppError } from "../errors";
import { writeCsv } from "./csv";
import { neutralizeFormula, restoreFormula } from "./formula-guard";
import { type ColumnSpec, readTable, readTableWithFormat } from "./spreadsheet";
import { decodeText } from "./text-encoding";

const columns: ColumnSpec[] = [
  { key: "code", label: "Mã hộ", aliases: [], required: true },
  { key: "village", label: "Thôn, tổ dân phố", aliases: ["Thôn"], required: true },
  { key: "name", label: "Họ và tên chủ hộ", aliases: [], required: true, maxLength: 200 },
];
const lines = [
  "Mã hộ,Thôn,Họ và tên chủ hộ",
  "0001,Tổ dân phố số 1,Nguyễn Văn An",
  "0002,Thôn Đông,Trần Thị Bình",
  "0003,Thôn Đông,Phạm Ngọc Hiếu",
  "0004,Khu phố 2,Lê Thị Hương",
];
const csv = `${lines.join("\r\n")}\r\n`;
const names = ["Nguyễn Văn An", "Trần Thị Bình", "Phạm Ngọc Hiếu", "Lê Thị Hương"];

async function refusal(bytes: Uint8Array | string, name = "ds.csv"): Promise<AppError> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const error = await readTable(data, name, columns).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(422);
  return error as AppError;
}
const rowsOf = (error: AppError) =>
  (error.details as { rows: { row: number; column?: string; message: string }[] }).rows;

describe("text encodings of a CSV", () => {
  for (const encoding of Object.keys(encoders) as EncodingName[]) {
    it(`reads a list saved as ${encoding} into the same Vietnamese`, async () => {
      const read = await readTableWithFormat(new Uint8Array(encoders[encoding](csv)), "ds.csv", columns);
      expect(read.records.map((r) => r.values.name)).toEqual(names);
      expect(read.records[1]!.values.village).toBe("Thôn Đông");
      expect(read.format).toBe(encoding.replace(" with BOM", ""));
    });
  }

  it("refuses bytes it cannot tell, naming the line, and says to save as CSV UTF-8", async () => {
    const broken = Buffer.concat([
      Buffer.from(csv, "utf8"),
      Buffer.from("0005,Thôn Đông,Ng\xff\xfeuy\n", "latin1"),
    ]);
    const error = await refusal(new Uint8Array(broken));
    expect(error.message).toContain("byte hỏng, đầu tiên ở dòng 6");
    expect(error.message).toContain("Lưu tệp dưới dạng CSV UTF-8");
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect((await refusal(random)).message).toMatch(/CSV UTF-8|Không tìm thấy dòng tiêu đề/);
  });

  it("decodes TCVN3 bytes rather than storing “Nguy�n V�n An”", () => {
    const { text, encoding } = decodeText(new Uint8Array(encoders.tcvn3("Nguyễn Văn An, Thôn Đông")));
    expect({ text, encoding }).toEqual({ text: "Nguyễn Văn An, Thôn Đông", encoding: "tcvn3" });
  });
});

describe("cells an import reads", () => {
  const cases: [string, string][] = [
    ["Nguyễn\u0007 An", "ký tự điều khiển không in được (U+0007)"],
    ["Nguyễn\u0000An", "U+0000"],
    ["\u202enA nắV nễyugN", "ký tự ẩn đổi chiều chữ (U+202E)"],
    ["Nguyễn\u2066Văn", "U+2066"],
    ["Nguy\u200bễn", "ký tự ẩn không có độ rộng (U+200B)"],
    ["Nguy\ufeffễn", "U+FEFF"],
    ["Nguy\u0085ễn", "U+0085"],
    ["Nguy�n V�n An", "ký tự lỗi “�”"],
  ];
  for (const [name, expected] of cases) {
    it(`refuses ${JSON.stringify(name)} naming row and column`, async () => {
      const error = await refusal(
        `Mã hộ,Thôn,Họ và tên chủ hộ\n0001,Thôn Đông,Bình\n0002,Thôn Đông,${name}\n`,
      );
      expect(rowsOf(error)).toEqual([
        { row: 3, column: "Họ và tên chủ hộ", message: expect.stringContaining(expected) },
      ]);
    });
  }

  it("refuses a cell longer than the field, and one longer than Excel allows, naming them", async () => {
    const long = await refusal(`Mã hộ,Thôn,Họ và tên chủ hộ\n0001,Thôn Đông,${"A".repeat(201)}\n`);
    expect(rowsOf(long)).toEqual([
      { row: 2, column: "Họ và tên chủ hộ", message: "Ô dài 201 ký tự, quá giới hạn 200 ký tự" },
    ]);
    const huge = await refusal(`Mã hộ,Thôn,Họ và tên chủ hộ\n0001,"${"A".repeat(40_000)}",An\n`);
    expect(rowsOf(huge)).toEqual([{ row: 2, column: "B", message: "ô dài hơn 32.767 ký tự" }]);
    const sheet = sheetXml(
      `${row(1, ["Mã hộ", "Thôn", "Họ và tên chủ hộ"])}${row(2, ["1", "Thôn Đông", "B".repeat(300)])}`,
    );
    expect(rowsOf(await refusal(xlsxOf({ sheet }), "ds.xlsx"))[0]).toMatchObject({
      row: 2,
      column: "Họ và tên chủ hộ",
    });
  });

  it("keeps tabs and line breaks typed inside a cell (Alt+Enter)", async () => {
    const records = await readTable(
      new TextEncoder().encode('Mã hộ,Thôn,Họ và tên chủ hộ\n0001,"Thôn\nĐông",An\n'),
      "a.csv",
      columns,
    );
    expect(records[0]!.values.village).toBe("Thôn\nĐông");
  });
});

describe("CSV structure", () => {
  it("refuses a quote left open, naming where it opens, instead of swallowing the rest of the file", async () => {
    const error = await refusal(
      `Mã hộ,Thôn,Họ và tên chủ hộ\n0001,Thôn Đông,An\n0002,"Thôn Đông,Bình\n0003,Thôn Đông,Cường\n`,
    );
    expect(rowsOf(error)).toEqual([
      { row: 3, column: "B", message: expect.stringContaining("không được đóng") },
    ]);
  });

  it("reads semicolon and tab files, title rows included, and refuses a row written with another delimiter", async () => {
    const semicolon = `DANH SÁCH HỘ;;\n${lines.map((l) => l.replace(/,/g, ";")).join("\n")}\n`;
    expect(
      (await readTable(new TextEncoder().encode(semicolon), "a.csv", columns)).map((r) => r.values.name),
    ).toEqual(names);
    const tabs = lines.map((l) => l.replace(/,/g, "\t")).join("\n");
    expect(await readTable(new TextEncoder().encode(tabs), "a.csv", columns)).toHaveLength(4);
    const mixed = `${lines.map((l) => l.replace(/,/g, ";")).join("\n")}\n0005,Thôn Đông,Hà Văn Tư\n`;
    const error = await refusal(mixed);
    expect(rowsOf(error)).toEqual([
      { row: 6, column: "Mã hộ", message: expect.stringContaining("dấu phân cách “,”") },
    ]);
  });

  it("refuses an empty file and reads a file with only the header as no rows", async () => {
    expect((await refusal(new Uint8Array(0))).message).toContain("Tệp rỗng");
    expect(await readTable(new TextEncoder().encode(lines[0]!), "a.csv", columns)).toEqual([]);
  });
});

describe("the formula guard", () => {
  it("quotes text a spreadsheet would run, leaves other text and numbers alone, and takes exactly the quote off again", () => {
    expect(neutralizeFormula("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    for (const text of ["+84912345678", "-", "@SUM(A1)", "\tx", "\rx", "'=x"])
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    for (const text of ["Nguyễn Văn An", "'abc", "a=b", "", " =1"])
      expect(neutralizeFormula(text)).toBe(text);
    fc.assert(fc.property(fc.string(), (text) => restoreFormula(neutralizeFormula(text)) === text));
  });

  it("writes CSV fields a spreadsheet cannot run, and such a CSV imports back to the original text", async () => {
    const hostile = "=cmd|' /C calc'!A0";
    const file = writeCsv([
      ["Mã hộ", "Thôn", "Họ và tên chủ hộ"],
      ["0001", "Thôn Đông", hostile],
      ["0002", "-1", "'=x"],
      ["0003", "Thôn Đông", -5],
    ]);
    expect(file).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(file).toContain(`;"'-1";`);
    expect(file.endsWith(";-5\r\n")).toBe(true);
    const back = await readTable(new TextEncoder().encode(file), "x.csv", columns);
    expect(back.map((r) => [r.values.village, r.values.name])).toEqual([
      ["Thôn Đông", hostile],
      ["-1", "'=x"],
      ["Thôn Đông", "-5"],
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "'", "a", "ễ", " ", ";", '"'), minLength: 1 }),
        async (text) => {
          const value = text.trim();
          fc.pre(value !== "");
          const round = await readTable(
            new TextEncoder().encode(
              writeCsv([
                ["Mã hộ", "Thôn", "Họ và tên chủ hộ"],
                ["1", "T", value],
              ]),
            ),
            "x.csv",
            columns,
          );
          return round[0]!.values.name === value;
        },
      ),
      { numRuns: 200 },
    );
  });
});
