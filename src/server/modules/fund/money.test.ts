import { describe, expect, it } from "vitest";
import { amountInWords, formatDong } from "./money";

describe("amounts in words", () => {
  it("reads large and tricky amounts as a voucher writes them", () => {
    expect(amountInWords(1_005_000)).toBe("Một triệu không trăm lẻ năm nghìn đồng");
    expect(amountInWords(2_000_000_000)).toBe("Hai tỷ đồng");
    expect(amountInWords(1_500_000_000)).toBe("Một tỷ năm trăm triệu đồng");
    expect(amountInWords(21_000)).toBe("Hai mươi mốt nghìn đồng");
    expect(amountInWords(15_000)).toBe("Mười lăm nghìn đồng");
    expect(amountInWords(1_000_000_000_000_000)).toBe("Một triệu tỷ đồng");
    expect(amountInWords(0)).toBe("Không đồng");
  });
  it("formats figures with dots", () => {
    expect(formatDong(1_005_000)).toBe("1.005.000");
    expect(formatDong(2_000_000_000)).toBe("2.000.000.000");
    expect(formatDong(999)).toBe("999");
  });
});
