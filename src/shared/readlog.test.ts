import { describe, expect, it } from "vitest";
import { breachClock, instantOf, isDateTime } from "./readlog";

describe("breach dates and the 72-hour clock", () => {
  it("accepts real moments only", () => {
    for (const ok of [
      "2026-11-30T08:15",
      "2026-02-28T23:59:59",
      "2026-11-30T01:15:00Z",
      "2026-11-30T08:15+07:00",
    ])
      expect(isDateTime(ok), ok).toBe(true);
    for (const bad of [
      "2026-02-30T10:00",
      "2026-01-01T24:00",
      "2026-01-01T10:60",
      "2026-01-01",
      "30/11/2026 08:15",
    ])
      expect(isDateTime(bad), bad).toBe(false);
  });

  it("reads a time without an offset as Vietnam's", () => {
    expect(instantOf("2026-12-01T07:00").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(instantOf("2026-12-01T07:00Z").toISOString()).toBe("2026-12-01T07:00:00.000Z");
  });

  it("is due 72 hours after the breach was found", () => {
    const found = new Date("2026-11-27T02:00:00Z");
    const due = "2026-11-30T02:00:00.000Z";
    expect(breachClock(found, null, new Date("2026-11-29T02:30:00Z"))).toEqual({
      dueAt: due,
      state: "open",
      remainingHours: 23,
    });
    expect(breachClock(found, null, new Date("2026-11-30T05:00:00Z"))).toEqual({
      dueAt: due,
      state: "overdue",
      remainingHours: -3,
    });
    expect(breachClock(found, new Date(due)).state).toBe("notified");
    expect(breachClock(found, new Date("2026-11-30T02:00:01Z")).state).toBe("notified_late");
  });
});
