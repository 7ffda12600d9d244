import { afterEach, describe, expect, test, vi } from "vitest";
import { dayBefore, formatDate, formatMoney, groupDigits, parseMoney, todayIso } from "./format";
import { matchPath } from "./router";

describe("web helpers", () => {
  afterEach(() => vi.useRealTimers());

  test("today is Vietnam's date whatever the computer's zone: 17:30 UTC is already tomorrow in Hà Nội", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-01T17:30:00Z"));
    expect(todayIso()).toBe("2026-12-02");
    vi.setSystemTime(new Date("2026-12-01T16:59:00Z"));
    expect(todayIso()).toBe("2026-12-01");
  });

  test("dates are shown as dd/mm/yyyy", () => {
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate(null)).toBe("");
    expect(dayBefore("2025-07-01")).toBe("2025-06-30");
    expect(dayBefore("2025-01-01")).toBe("2024-12-31");
  });

  test("amounts are integer đồng with dots between thousands", () => {
    expect(formatMoney(1_500_000)).toBe("1.500.000 đ");
    expect(formatMoney(0)).toBe("0 đ");
    expect(formatMoney(-1_005_000)).toBe("-1.005.000 đ");
    expect(groupDigits(1_000_000_000_000_000)).toBe("1.000.000.000.000.000");
    expect(parseMoney("1.500.000")).toBe(1_500_000);
    expect(parseMoney("2,5")).toBe(25);
    expect(parseMoney("")).toBeNull();
  });

  test("paths match their patterns", () => {
    expect(matchPath("/don-vi/:id", "/don-vi/42")).toEqual({ id: "42" });
    expect(matchPath("/don-vi/:id", "/don-vi")).toBeNull();
    expect(matchPath("/nhat-ky", "/nhat-ky")).toEqual({});
  });
});
