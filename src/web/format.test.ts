import { describe, expect, test } from "vitest";
import { dayBefore, formatDate } from "./format";
import { matchPath } from "./router";

describe("web helpers", () => {
  test("dates are shown as dd/mm/yyyy", () => {
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate(null)).toBe("");
    expect(dayBefore("2025-07-01")).toBe("2025-06-30");
    expect(dayBefore("2025-01-01")).toBe("2024-12-31");
  });

  test("paths match their patterns", () => {
    expect(matchPath("/don-vi/:id", "/don-vi/42")).toEqual({ id: "42" });
    expect(matchPath("/don-vi/:id", "/don-vi")).toBeNull();
    expect(matchPath("/nhat-ky", "/nhat-ky")).toEqual({});
  });
});
