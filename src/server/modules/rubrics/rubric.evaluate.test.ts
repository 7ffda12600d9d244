import { describe, expect, it } from "vitest";
import {
  type LevelsDefinition,
  levelsDefinition,
  type PointsDefinition,
  pointsDefinition,
} from "../../../shared/rubric";
import {
  addMonths,
  evaluate,
  evaluateLevels,
  evaluatePoints,
  pickRubric,
  type RubricCandidate,
} from "./rubric.evaluate";

// Parsed, so a fixture that the schema would refuse fails here rather than hiding a bug.
const points: PointsDefinition = pointsDefinition.parse({
  scheme: "points",
  criteria: [
    {
      key: "a",
      name: "Tiêu chí A",
      minPoints: 20,
      items: [
        { key: "a1", text: "A1", maxPoints: 20 },
        { key: "a2", text: "A2", maxPoints: 20 },
      ],
    },
    { key: "b", name: "Tiêu chí B", items: [{ key: "b1", text: "B1", maxPoints: 60 }] },
  ],
  thresholds: [
    { minPoints: 85, recognized: true, grade: "good", label: "Tốt" },
    { minPoints: 0, recognized: false, grade: null, label: "Không xếp loại" },
    { minPoints: 50, recognized: true, grade: "average", label: "Trung bình" },
    { minPoints: 70, recognized: true, grade: "fair", label: "Khá" },
  ],
});

/** Splits a wanted total over a1, a2, b1 keeping criterion A at 40 unless told. */
const scoresFor = (b1: number, a1 = 20, a2 = 20) => ({ a1, a2, b1 });

describe("evaluatePoints", () => {
  it.each([
    [45, 85, "good", "Tốt"],
    [44, 84, "fair", "Khá"],
    [30, 70, "fair", "Khá"],
    [29, 69, "average", "Trung bình"],
    [10, 50, "average", "Trung bình"],
    [9, 49, null, "Không xếp loại"],
  ])("b1=%i gives total %i: a total exactly at a threshold reaches it", (b1, total, grade, label) => {
    const result = evaluatePoints(points, scoresFor(b1));
    expect(result).toMatchObject({ total, grade, label, complete: true, recognized: grade !== null });
  });

  it("sums points per criterion and reports the maxima", () => {
    const result = evaluatePoints(points, scoresFor(33, 12, 15));
    expect(result.total).toBe(60);
    expect(result.maxPoints).toBe(100);
    expect(result.criteria).toEqual([
      { key: "a", points: 27, maxPoints: 40, minPoints: 20, belowMinimum: false },
      { key: "b", points: 33, maxPoints: 60, minPoints: null, belowMinimum: false },
    ]);
  });

  it("a missing item makes the evaluation incomplete and not recognised, even above a threshold", () => {
    for (const missing of [undefined, null]) {
      const result = evaluatePoints(points, { a1: 20, a2: missing, b1: 60 });
      expect(result).toMatchObject({
        total: 80,
        complete: false,
        recognized: false,
        grade: null,
        label: "Chưa chấm đủ",
        missingItems: ["a2"],
        invalidItems: [],
      });
    }
    expect(evaluatePoints(points, {}).missingItems).toEqual(["a1", "a2", "b1"]);
  });

  it("a criterion below its minimum blocks recognition whatever the total", () => {
    const result = evaluatePoints(points, scoresFor(60, 10, 9));
    expect(result.total).toBe(79);
    expect(result.criteria[0]).toMatchObject({ key: "a", points: 19, belowMinimum: true });
    expect(result).toMatchObject({ complete: true, recognized: false, grade: null });
    expect(result.label).toBe('Chưa đạt: tiêu chí "Tiêu chí A" 19/20 điểm tối thiểu');
    // Exactly at the minimum is enough.
    const atMinimum = evaluatePoints(points, scoresFor(60, 10, 10));
    expect(atMinimum.criteria[0]!.belowMinimum).toBe(false);
    expect(atMinimum).toMatchObject({ total: 80, recognized: true, grade: "fair" });
  });

  it("does not judge a minimum on a partly scored criterion", () => {
    const result = evaluatePoints(points, { a1: 5, b1: 60 });
    expect(result.criteria[0]!.belowMinimum).toBe(false);
    expect(result.label).toBe("Chưa chấm đủ");
  });

  it.each([
    [-1, "Điểm không được âm"],
    [21, "Điểm vượt quá điểm tối đa (20)"],
    [7.5, "Điểm phải là số nguyên"],
    [Number.NaN, "Điểm phải là một số"],
    [Number.POSITIVE_INFINITY, "Điểm phải là một số"],
  ])("refuses the score %s and leaves it out of the total", (score, message) => {
    const result = evaluatePoints(points, { a1: score, a2: 20, b1: 60 });
    expect(result.invalidItems).toEqual([{ key: "a1", message }]);
    expect(result).toMatchObject({
      total: 80,
      complete: false,
      recognized: false,
      label: "Có điểm không hợp lệ",
    });
    expect(result.missingItems).toEqual([]);
  });

  it("accepts the bounds 0 and maxPoints", () => {
    expect(evaluatePoints(points, { a1: 0, a2: 20, b1: 60 })).toMatchObject({ invalidItems: [], total: 80 });
  });

  it("refuses a score for an item that is not in the set", () => {
    const result = evaluatePoints(points, { ...scoresFor(60), c1: 5, c2: null });
    expect(result.invalidItems).toEqual([{ key: "c1", message: "Không có chỉ tiêu này trong bộ tiêu chí" }]);
    expect(result.recognized).toBe(false);
  });
});

const criterion = (key: string, items: string[]) => ({
  key,
  name: `Tiêu chí ${key}`,
  items: items.map((k) => ({ key: k, text: k })),
});

const levels: LevelsDefinition = levelsDefinition.parse({
  scheme: "levels",
  levels: [
    { level: 2, requires: 1, criteria: [criterion("m2a", ["m2a.1"]), criterion("m2b", ["m2b.1"])] },
    { level: 1, criteria: [criterion("m1a", ["m1a.1", "m1a.2"]), criterion("m1b", ["m1b.1"])] },
  ],
});
const waiting: LevelsDefinition = { ...levels, waitMonthsBetweenLevels: 12, validityYears: 3 };

const level1 = { "m1a.1": true, "m1a.2": true, "m1b.1": true };
const level2 = { "m2a.1": true, "m2b.1": true };

describe("evaluateLevels", () => {
  it("reaches level 2 when both levels are met and no wait is set", () => {
    const result = evaluateLevels(levels, { ...level1, ...level2 });
    expect(result).toMatchObject({
      levelReached: 2,
      recognized: true,
      complete: true,
      label: "Đạt mức độ 2",
    });
    expect(result.levels.map((l) => [l.level, l.met, l.reached])).toEqual([
      [1, true, true],
      [2, true, true],
    ]);
    expect(result.notes).toEqual([]);
  });

  it("a criterion is met only when all its items are true", () => {
    const result = evaluateLevels(levels, { ...level1, "m1a.2": false });
    expect(result.levels[0]!.criteria).toEqual([
      { key: "m1a", met: false, missingItems: [] },
      { key: "m1b", met: true, missingItems: [] },
    ]);
    expect(result).toMatchObject({ levelReached: 0, recognized: false, label: "Chưa đạt" });
  });

  it("a missing item is not met and makes the evaluation incomplete", () => {
    const result = evaluateLevels(levels, { "m1a.1": true, "m1b.1": true });
    expect(result.levels[0]!.criteria[0]).toEqual({ key: "m1a", met: false, missingItems: ["m1a.2"] });
    expect(result).toMatchObject({ levelReached: 0, complete: false, label: "Chưa đạt" });
    expect(result.missingItems).toEqual(["m1a.2", "m2a.1", "m2b.1"]);
    expect(result.notes).toContain("Mức độ 1: còn 1 chỉ tiêu chưa chấm");
  });

  it("level 2 without level 1 is not reached, and a note says why", () => {
    const result = evaluateLevels(levels, { ...level1, "m1b.1": false, ...level2 });
    expect(result.levels[1]).toMatchObject({ level: 2, met: true, reached: false });
    expect(result).toMatchObject({ levelReached: 0, recognized: false, label: "Chưa đạt" });
    expect(result.notes).toContain("Chưa đạt mức độ 2: cần đạt mức độ 1 trước");
  });

  it("level 1 held from a valid earlier recognition satisfies the prerequisite", () => {
    const held = { level: 1 as const, recognizedOn: "2024-03-31" };
    expect(evaluateLevels(waiting, level2, held, "2025-12-31").levelReached).toBe(2);
    // Expired after validityYears (3): 2027-03-31 is the first day it no longer counts.
    expect(evaluateLevels(waiting, level2, held, "2027-03-30").levelReached).toBe(2);
    const expired = evaluateLevels(waiting, level2, held, "2027-03-31");
    expect(expired.levelReached).toBe(0);
    expect(expired.notes).toContain("Công nhận mức độ 1 ngày 31/03/2024 đã hết hạn 3 năm");
  });

  it("the 12-month wait: level 2 needs level 1 held for 12 months, otherwise level 1 with a note", () => {
    const held = { level: 1 as const, recognizedOn: "2024-03-31" };
    const early = evaluateLevels(waiting, { ...level1, ...level2 }, held, "2025-03-30");
    expect(early).toMatchObject({ levelReached: 1, label: "Đạt mức độ 1" });
    expect(early.levels[1]).toMatchObject({ met: true, reached: false });
    expect(early.notes).toEqual([
      "Chưa đủ 12 tháng kể từ khi đạt mức độ 1 (được xét mức độ 2 từ 31/03/2025)",
    ]);
    const onTime = evaluateLevels(waiting, { ...level1, ...level2 }, held, "2025-03-31");
    expect(onTime).toMatchObject({ levelReached: 2, label: "Đạt mức độ 2", notes: [] });
  });

  it("the 12-month wait: level 1 reached in the same evaluation does not count as held", () => {
    const result = evaluateLevels(waiting, { ...level1, ...level2 }, undefined, "2025-12-31");
    expect(result.levelReached).toBe(1);
    expect(result.notes).toEqual(["Chưa đủ 12 tháng kể từ khi đạt mức độ 1"]);
    // Without an assessment date the wait cannot be checked: level 2 is refused.
    expect(evaluateLevels(waiting, { ...level1, ...level2 }).levelReached).toBe(1);
  });

  it("a held level 2 is renewed without a wait; a held level dated after the assessment is ignored", () => {
    const renewal = evaluateLevels(
      waiting,
      { ...level1, ...level2 },
      { level: 2, recognizedOn: "2025-03-01" },
      "2025-12-31",
    );
    expect(renewal.levelReached).toBe(2);
    const future = evaluateLevels(waiting, level2, { level: 1, recognizedOn: "2026-01-01" }, "2025-12-31");
    expect(future.levelReached).toBe(0);
    expect(future.notes).toContain("Ngày công nhận mức độ 1 (01/01/2026) sau ngày đánh giá");
  });

  it("labels a single-level set plainly", () => {
    const single: LevelsDefinition = {
      scheme: "levels",
      levels: [{ level: 1, criteria: [criterion("c", ["c.1"])] }],
    };
    expect(evaluateLevels(single, { "c.1": true }).label).toBe("Đạt");
    expect(evaluateLevels(single, { "c.1": false }).label).toBe("Chưa đạt");
  });
});

describe("addMonths", () => {
  it.each([
    ["2024-03-31", 12, "2025-03-31"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-11-15", 2, "2025-01-15"],
    ["2024-03-31", 36, "2027-03-31"],
  ])("%s + %i months = %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe("evaluate", () => {
  it("dispatches on the scheme", () => {
    expect(evaluate(points, { scores: scoresFor(45) })).toMatchObject({ scheme: "points", grade: "good" });
    expect(evaluate(levels, { items: level1 })).toMatchObject({ scheme: "levels", levelReached: 1 });
    expect(evaluate(points, {})).toMatchObject({ label: "Chưa chấm đủ" });
  });
});

describe("pickRubric", () => {
  const set = (code: string, over: Partial<RubricCandidate>): RubricCandidate & { code: string } => ({
    code,
    title: "learning_community_commune",
    effectiveFrom: "2014-12-12",
    effectiveTo: null,
    provinceId: null,
    version: 1,
    ...over,
  });
  const tt44 = set("tt44", { effectiveTo: "2024-02-12" });
  const tt25 = set("tt25", { effectiveFrom: "2024-02-12" });
  const family = set("family", { title: "learning_family" });
  const all = [tt25, family, tt44];

  it("picks the set in force on 31/12 of the year", () => {
    expect(pickRubric(all, "learning_community_commune", 2023, null)?.code).toBe("tt44");
    expect(pickRubric(all, "learning_community_commune", 2024, null)?.code).toBe("tt25");
    expect(pickRubric(all, "learning_community_commune", 2015, 1)?.code).toBe("tt44");
    expect(pickRubric(all, "learning_community_commune", 2013, null)).toBeNull();
    expect(pickRubric(all, "learning_family", 2024, null)?.code).toBe("family");
  });

  it("a provincial variant wins over the national set, only in its own province", () => {
    // The national set has the higher version and the later start: only the province rule picks "hanoi".
    const hanoi = set("hanoi", { effectiveFrom: "2024-02-12", provinceId: 1 });
    const national = set("tt25v2", { effectiveFrom: "2024-06-01", version: 2 });
    const sets = [...all, national, hanoi];
    expect(pickRubric(sets, "learning_community_commune", 2024, 1)?.code).toBe("hanoi");
    expect(pickRubric(sets, "learning_community_commune", 2024, 2)?.code).toBe("tt25v2");
    expect(pickRubric(sets, "learning_community_commune", 2024, null)?.code).toBe("tt25v2");
    expect(pickRubric(sets, "learning_community_commune", 2023, 1)?.code).toBe("tt44");
  });

  it("a new version with a later effectiveFrom does not change the set of an earlier year", () => {
    const tt25v2 = set("tt25v2", { effectiveFrom: "2026-01-01", version: 2 });
    const sets = [...all, tt25v2];
    expect(pickRubric(sets, "learning_community_commune", 2024, null)?.code).toBe("tt25");
    expect(pickRubric(sets, "learning_community_commune", 2025, null)?.code).toBe("tt25");
    expect(pickRubric(sets, "learning_community_commune", 2026, null)?.code).toBe("tt25v2");
  });

  it("the highest version wins among sets in force, then the latest effectiveFrom", () => {
    const older = set("v3-old", { version: 3, effectiveFrom: "2024-02-12" });
    const newer = set("v3-new", { version: 3, effectiveFrom: "2024-05-01" });
    expect(pickRubric([tt25, older, newer], "learning_community_commune", 2024, null)?.code).toBe("v3-new");
  });

  it("filters by unit level and prefers the set made for it", () => {
    const commune = set("dvht-xa", { title: "learning_organization", unitLevel: "commune" });
    const province = set("dvht-tinh", { title: "learning_organization", unitLevel: "province", version: 2 });
    const sets = [commune, province];
    expect(pickRubric(sets, "learning_organization", 2024, null, "commune")?.code).toBe("dvht-xa");
    expect(pickRubric(sets, "learning_organization", 2024, null, "province")?.code).toBe("dvht-tinh");
    expect(pickRubric(sets, "learning_organization", 2024, null, "district")).toBeNull();
    // A set for every level applies where no specific one exists, and loses to a specific one despite its version.
    const anyLevel = set("dvht-all", { title: "learning_organization", unitLevel: null, version: 3 });
    expect(pickRubric([anyLevel, ...sets], "learning_organization", 2024, null, "district")?.code).toBe(
      "dvht-all",
    );
    expect(pickRubric([anyLevel, ...sets], "learning_organization", 2024, null, "commune")?.code).toBe(
      "dvht-xa",
    );
  });
});
