import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay } from "./working-days";

const none = new Set<string>();
/** Tết Nguyên đán 2026 as migration 0041 seeds it. */
const tet2026 = new Set(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]);

describe("working days", () => {
  it("a Friday request is due on the Tuesday", () => {
    expect(addWorkingDays("2026-11-27", 2, none)).toBe("2026-12-01");
  });
  it("a Monday request is due on the Wednesday", () => {
    expect(addWorkingDays("2026-11-30", 2, none)).toBe("2026-12-02");
  });
  it("a request received on a Saturday or Sunday counts from the Monday", () => {
    expect(addWorkingDays("2026-11-28", 2, none)).toBe("2026-12-01");
    expect(addWorkingDays("2026-11-29", 2, none)).toBe("2026-12-01");
  });
  it("skips a holiday", () => {
    // Wednesday 29/04/2026: Thursday 30/4 and Friday 1/5 are holidays, then the weekend.
    expect(addWorkingDays("2026-04-29", 2, new Set(["2026-04-30", "2026-05-01"]))).toBe("2026-05-05");
    // Monday 31/08/2026: 1/9 and 2/9 off.
    expect(addWorkingDays("2026-08-31", 2, new Set(["2026-09-01", "2026-09-02"]))).toBe("2026-09-04");
  });
  it("skips the whole Tết week", () => {
    expect(addWorkingDays("2026-02-13", 2, tet2026)).toBe("2026-02-24");
  });
  it("knows weekends and holidays", () => {
    expect(isWorkingDay("2026-12-05", none)).toBe(false);
    expect(isWorkingDay("2026-12-07", none)).toBe(true);
    expect(isWorkingDay("2026-02-17", tet2026)).toBe(false);
  });
  it("refuses what is not a date", () => {
    expect(() => addWorkingDays("27/11/2026", 2, none)).toThrow();
  });
});
