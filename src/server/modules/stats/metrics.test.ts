import { describe, expect, it } from "vitest";
import { figures, formatRate, metrics, percent, zeroCounts } from "./metrics";

describe("rates", () => {
  it("are null without a total, never 0 or NaN", () => {
    expect(percent(0, 0)).toBeNull();
    expect(figures(zeroCounts())).toMatchObject({ registeredRate: null, recognizedRate: null });
    expect(formatRate(null)).toBe("");
  });

  it("match the seed reports", () => {
    expect(percent(10_800, 15_000)).toBe(72); // Quận 11, 2020: 10.800 hộ, 72%
    expect(formatRate(percent(10_800, 15_000))).toBe("72,00");
    // 53/63 = 84.1269…%: half away from zero gives 84,13; seed 001 prints 84,12 (truncation).
    expect(percent(53, 63)).toBe(84.13);
    expect(percent(4, 8)).toBe(50);
    expect(percent(75, 78)).toBe(96.15); // 96.1538…
  });

  it("round exact halves away from zero, computed exactly", () => {
    expect(percent(1, 32)).toBe(3.13); // 3.125 exactly
    expect(percent(3, 32)).toBe(9.38); // 9.375
    expect(percent(1, 800)).toBe(0.13); // 0.125
    expect(percent(1, 160)).toBe(0.63); // 0.625
    expect(percent(1, 64)).toBe(1.56); // 1.5625: below the half
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(1, 3)).toBe(33.33);
    // Where binary floats drift: 1.005 * 100 rounds to 100 in floating point; here 201/20000 = 1.005% → 1.01.
    expect(percent(201, 20_000)).toBe(1.01);
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the float way, shown for contrast
  });

  it("equal the exact BigInt rounding on every pair of a range, and near the doubles' limit", () => {
    const exact = (n: number, d: number) =>
      Number((2n * BigInt(n) * 10000n + BigInt(d)) / (2n * BigInt(d))) / 100;
    for (let d = 1; d <= 400; d++) for (let n = 0; n <= d; n++) expect(percent(n, d)).toBe(exact(n, d));
    for (const [n, d] of [
      [26_999_999, 27_000_000],
      [13_500_000, 27_000_000],
      [2 ** 38, 2 ** 39 + 1],
      [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER],
      [1, Number.MAX_SAFE_INTEGER],
    ] as const)
      expect(percent(n, d), `${n}/${d}`).toBe(exact(n, d));
  });

  it("handle the whole range and refuse what is not a count", () => {
    expect(percent(0, 5)).toBe(0);
    expect(percent(5, 5)).toBe(100);
    expect(percent(7, 5)).toBe(140); // more recognised than the total is shown as it is
    expect(percent(26_999_999, 27_000_000)).toBe(100); // 99.999996…
    expect(percent(26_998_650, 27_000_000)).toBe(100); // 99.995 exactly → 100.00
    expect(percent(26_998_649, 27_000_000)).toBe(99.99);
    expect(() => percent(-1, 5)).toThrow(RangeError);
    expect(() => percent(1.5, 5)).toThrow(RangeError);
  });

  it("are declared once with their Vietnamese headings", () => {
    expect(metrics.map((m) => m.label)).toEqual([
      "Tổng số",
      "Đăng ký",
      "Đạt",
      "Tỷ lệ đăng ký (%)",
      "Tỷ lệ đạt (%)",
    ]);
    const f = figures({ ...zeroCounts(), total: 63, registered: 60, recognized: 53 });
    expect(f).toMatchObject({ registeredRate: 95.24, recognizedRate: 84.13 });
  });
});
