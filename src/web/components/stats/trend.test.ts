import { describe, expect, test } from "vitest";
import { trendPoints } from "./format";

const point = (year: number, registered: number, recognized: number) => ({
  year,
  figures: { total: 27, registered, recognized, registeredRate: null, recognizedRate: null },
  estimated: false,
});

describe("the dashboard's trend", () => {
  test("starts at the first year with data, not at 0 % years before the unit used the product", () => {
    // The demo's eight years asked for 2019–2026: work starts in 2021.
    const points = [point(2026, 20, 0), point(2019, 0, 0), point(2020, 0, 0), point(2021, 24, 18)];
    expect(trendPoints(points).map((p) => p.year)).toEqual([2021, 2026]);
  });

  test("keeps a year without work after the first, and draws nothing when no year has data", () => {
    expect(trendPoints([point(2021, 0, 3), point(2022, 0, 0), point(2023, 5, 4)]).map((p) => p.year)).toEqual(
      [2021, 2022, 2023],
    );
    expect(trendPoints([point(2024, 0, 0), point(2025, 0, 0)])).toEqual([]);
  });
});
