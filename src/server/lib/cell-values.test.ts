import { describe, expect, it } from "vitest";
import { parseInteger, parseMoneyDong, parseVietnameseDate, parseYesNo } from "./cell-values";

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }) => {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result.value;
};
const message = (result: { ok: boolean; message?: string }) => {
  if (result.ok) throw new Error("expected an error");
  return result.message!;
};

describe("parseVietnameseDate", () => {
  it("reads day-first, ISO, spelled-out and Excel serial dates", () => {
    for (const text of [
      "05/01/2026",
      "5/1/2026",
      "05-01-2026",
      "05.01.2026",
      " 05/01/2026 ",
      "2026-01-05",
      "2026-1-5",
      "2026-01-05T00:00:00.000Z",
      "ngày 5 tháng 1 năm 2026",
    ]) {
      expect(value(parseVietnameseDate(text)), text).toBe("2026-01-05");
    }
    expect(value(parseVietnameseDate("45662"))).toBe("2025-01-05");
    expect(value(parseVietnameseDate("46027"))).toBe("2026-01-05");
    expect(value(parseVietnameseDate("46027.75"))).toBe("2026-01-05");
    expect(value(parseVietnameseDate("1"))).toBe("1900-01-01");
    expect(value(parseVietnameseDate("61"))).toBe("1900-03-01");
    expect(value(parseVietnameseDate("29/02/2024"))).toBe("2024-02-29");
    expect(value(parseVietnameseDate("31/12/1950"))).toBe("1950-12-31");
  });

  it("refuses dates that do not exist, with the reason", () => {
    expect(message(parseVietnameseDate("31/02/2026"))).toBe(
      "Ngày 31/02/2026 không có thật: tháng 2 năm 2026 chỉ có 28 ngày",
    );
    expect(message(parseVietnameseDate("29/02/2025"))).toContain("Ngày 29/02/2025 không có thật");
    expect(message(parseVietnameseDate("31/04/2026"))).toContain("chỉ có 30 ngày");
    expect(message(parseVietnameseDate("2026-02-30"))).toContain("Ngày 30/02/2026 không có thật");
    expect(message(parseVietnameseDate("12/25/2026"))).toContain("Tháng 25");
    expect(message(parseVietnameseDate("12/25/2026"))).toContain("ngày/tháng/năm");
    expect(message(parseVietnameseDate("00/01/2026"))).toContain("không có thật");
    expect(message(parseVietnameseDate("60"))).toContain("29/02/1900");
  });

  it("refuses what is not a date", () => {
    expect(message(parseVietnameseDate(""))).toContain("Chưa có ngày");
    expect(message(parseVietnameseDate("5/1/26"))).toContain("4 chữ số");
    expect(message(parseVietnameseDate("2026"))).toContain("trông như một năm");
    expect(message(parseVietnameseDate("hôm qua"))).toContain("không phải ngày");
    expect(message(parseVietnameseDate("05/01/1850"))).toContain("1900–2100");
    expect(message(parseVietnameseDate("0"))).toContain("không phải ngày");
    expect(message(parseVietnameseDate("-5"))).toContain("không phải ngày");
  });
});

describe("parseYesNo", () => {
  it("reads yes", () => {
    for (const text of [
      "x",
      "X",
      "có",
      "Có",
      "co",
      "đạt",
      "Đạt",
      "dat",
      "yes",
      "1",
      "✓",
      "✔",
      "true",
      "rồi",
      " x ",
    ]) {
      expect(value(parseYesNo(text)), text).toBe(true);
    }
  });

  it("reads no", () => {
    for (const text of [
      "",
      "  ",
      "không",
      "Không",
      "khong",
      "ko",
      "0",
      "chưa",
      "no",
      "false",
      "không đạt",
      "Không  Đạt",
    ]) {
      expect(value(parseYesNo(text)), text).toBe(false);
    }
  });

  it("refuses anything else, naming the accepted values", () => {
    const error = message(parseYesNo("có lẽ"));
    expect(error).toContain("“có lẽ”");
    expect(error).toContain("“x”");
    expect(error).toContain("“không”");
    expect(parseYesNo("2").ok).toBe(false);
    expect(parseYesNo("đạt yêu cầu").ok).toBe(false);
  });
});

describe("parseInteger", () => {
  it("reads dotted, spaced and unambiguous comma thousands", () => {
    expect(value(parseInteger("1234567"))).toBe(1234567);
    expect(value(parseInteger("1.234.567"))).toBe(1234567);
    expect(value(parseInteger("1.234"))).toBe(1234);
    expect(value(parseInteger("1 234"))).toBe(1234);
    expect(value(parseInteger("1\u00a0234\u00a0567"))).toBe(1234567);
    expect(value(parseInteger("1,234,567"))).toBe(1234567);
    expect(value(parseInteger("12,00"))).toBe(12);
    expect(value(parseInteger("-5"))).toBe(-5);
    expect(value(parseInteger("+7"))).toBe(7);
    expect(value(parseInteger(" 42 "))).toBe(42);
    expect(value(parseInteger("0"))).toBe(0);
  });

  it("refuses decimals and ambiguous forms with a clear message", () => {
    expect(message(parseInteger("1,5"))).toBe("“1,5” là số thập phân, ở đây cần số nguyên");
    expect(message(parseInteger("1.234,5"))).toContain("là số thập phân");
    expect(message(parseInteger("1,234"))).toContain("không rõ nghĩa");
    expect(message(parseInteger("1.5"))).toContain("dấu chấm chỉ dùng để ngăn cách hàng nghìn");
    expect(message(parseInteger("1.23.456"))).toContain("không rõ nghĩa");
    expect(message(parseInteger("1,234,56"))).toContain("không phải là số viết đúng cách");
    expect(message(parseInteger("12 34"))).toContain("khoảng trắng");
    expect(message(parseInteger("mười"))).toContain("không phải là số");
    expect(message(parseInteger(""))).toBe("Chưa có số");
    expect(message(parseInteger("99999999999999999999"))).toContain("quá lớn");
  });

  it("checks the bounds", () => {
    expect(value(parseInteger("10", { min: 0, max: 10 }))).toBe(10);
    expect(message(parseInteger("-1", { min: 0 }))).toBe("-1 nhỏ hơn mức thấp nhất cho phép là 0");
    expect(message(parseInteger("1.500", { max: 1000 }))).toBe(
      "1.500 lớn hơn mức cao nhất cho phép là 1.000",
    );
  });
});

describe("parseMoneyDong", () => {
  it("reads amounts with thousands separators, currency and units", () => {
    for (const text of [
      "1500000",
      "1.500.000",
      "1.500.000đ",
      "1.500.000 đ",
      "1.500.000 ₫",
      "1.500.000 VNĐ",
      "1.500.000 vnd",
      "1 500 000 đồng",
      "VNĐ 1.500.000",
      "1,5 triệu",
      "1,5tr",
      "1.5tr",
      "1.500 nghìn",
      "1500k",
      "1.500.000,00",
    ]) {
      expect(value(parseMoneyDong(text)), text).toBe(1_500_000);
    }
    expect(value(parseMoneyDong("2 tỷ"))).toBe(2_000_000_000);
    expect(value(parseMoneyDong("1,25 tỉ"))).toBe(1_250_000_000);
    expect(value(parseMoneyDong("500 ngàn"))).toBe(500_000);
    expect(value(parseMoneyDong("0"))).toBe(0);
  });

  it("refuses fractions of a đồng, negatives, unknown units and ambiguous forms", () => {
    expect(message(parseMoneyDong("1.500,5"))).toContain("có phần lẻ");
    expect(message(parseMoneyDong("1,5"))).toContain("có phần lẻ");
    expect(message(parseMoneyDong("-50.000"))).toBe("Số tiền “-50.000” không được âm");
    expect(message(parseMoneyDong("5 đô"))).toContain("đơn vị “đô”");
    expect(message(parseMoneyDong("2tr5"))).toContain("không phải là số");
    expect(message(parseMoneyDong("1,500"))).toContain("không rõ nghĩa");
    expect(message(parseMoneyDong("1,2345678 triệu"))).toContain("không ra số đồng tròn");
    expect(message(parseMoneyDong(""))).toBe("Chưa có số tiền");
  });
});
