import { describe, expect, it } from "vitest";
import {
  deadline,
  type LevelsDefinition,
  levelsDefinition,
  type PointsDefinition,
  pointsDefinition,
  type Rubric,
  rubric,
  rubricMeta,
  titles,
} from "../../../shared/rubric";
import { evaluate, pickRubric } from "./rubric.evaluate";
import {
  learningCommunityCommuneTt25,
  learningCommunityCommuneTt44,
  learningFamilyQd448,
  seedRubrics,
} from "./rubric.seeds";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];
const maxTotal = (d: PointsDefinition) =>
  d.criteria.reduce((sum, c) => sum + c.items.reduce((s, i) => s + i.maxPoints, 0), 0);
const pointsOf = (r: Rubric) => r.definition as PointsDefinition;
const levelsOf = (r: Rubric) => r.definition as LevelsDefinition;

describe("seed rubrics", () => {
  it.each(seedRubrics.map((r) => [r.meta.code, r] as const))(
    "%s passes the schema unchanged",
    (_code, seed) => {
      const result = rubric.safeParse(seed);
      expect(messages(result)).toEqual([]);
      // Equality also catches misspelt fields, which zod would silently strip.
      expect(result.data).toEqual(seed);
    },
  );

  it("has unique codes and covers every title", () => {
    const codes = seedRubrics.map((r) => r.meta.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(seedRubrics.map((r) => r.meta.title))).toEqual(new Set(titles));
  });

  it("scores every points set out of 100", () => {
    for (const seed of seedRubrics.filter((r) => r.definition.scheme === "points"))
      expect([seed.meta.code, maxTotal(pointsOf(seed))]).toEqual([seed.meta.code, 100]);
  });

  it("Gia đình học tập: confirmed 10-point items in criteria 1–2, unconfirmed criteria 3–4 and threshold", () => {
    const d = pointsOf(learningFamilyQd448);
    const flagged = d.criteria.flatMap((c) => c.items.filter((i) => i.unconfirmed).map((i) => i.key));
    expect(flagged).toEqual([
      "tc2.2",
      "tc2.3",
      "tc3.1",
      "tc3.2",
      "tc3.3",
      "tc4.1",
      "tc4.2",
      "tc4.3",
      "tc4.4",
    ]);
    expect(d.criteria.slice(0, 2).flatMap((c) => c.items.map((i) => i.maxPoints))).toEqual([
      10, 10, 10, 10, 10, 10,
    ]);
    expect(d.unconfirmed).toBe(true);
    expect(
      evaluate(d, {
        scores: {
          "tc1.1": 10,
          "tc1.2": 10,
          "tc1.3": 10,
          "tc2.1": 10,
          "tc2.2": 10,
          "tc2.3": 10,
          "tc3.1": 8,
          "tc3.2": 6,
          "tc3.3": 6,
          "tc4.1": 4,
        },
      }),
    ).toMatchObject({ label: "Chưa chấm đủ" });
    const full = Object.fromEntries(d.criteria.flatMap((c) => c.items.map((i) => [i.key, i.maxPoints])));
    expect(
      evaluate(d, { scores: { ...full, "tc4.1": 0, "tc4.2": 0, "tc4.3": 0, "tc4.4": 0 } }),
    ).toMatchObject({
      total: 80,
      recognized: true,
      label: "Đạt",
    });
  });

  it("TT 44/2014: 15 criteria, grades at 85/70/50, replaced on 12/02/2024", () => {
    const d = pointsOf(learningCommunityCommuneTt44);
    expect(d.criteria).toHaveLength(15);
    expect(d.criteria.every((c) => c.items.every((i) => i.unconfirmed))).toBe(true);
    expect(d.thresholds.map((t) => [t.minPoints, t.grade, t.label])).toEqual([
      [0, null, "Không xếp loại"],
      [50, "average", "Trung bình"],
      [70, "fair", "Khá"],
      [85, "good", "Tốt"],
    ]);
    expect(d.unconfirmed).toBe(true);
    expect(learningCommunityCommuneTt44.meta.effectiveTo).toBe(
      learningCommunityCommuneTt25.meta.effectiveFrom,
    );
  });

  it("TT 25/2023: levels with the 12-month wait, 3-year validity and next-year deadlines", () => {
    const { meta } = learningCommunityCommuneTt25;
    const d = levelsOf(learningCommunityCommuneTt25);
    expect(d).toMatchObject({ waitMonthsBetweenLevels: 12, validityYears: 3, unconfirmed: true });
    expect(d.levels.map((l) => [l.level, l.requires, l.criteria.length])).toEqual([
      [1, undefined, 4],
      [2, 1, 4],
    ]);
    const level1 = d.levels[0]!.criteria;
    expect(level1.map((c) => [c.key, !!c.unconfirmed, c.items.filter((i) => i.unconfirmed).length])).toEqual([
      ["md1.tc1", false, 0],
      ["md1.tc2", false, 0],
      ["md1.tc3", true, 3],
      ["md1.tc4", true, 3],
    ]);
    expect(d.levels[1]!.criteria.every((c) => c.items.every((i) => i.unconfirmed))).toBe(true);
    expect(meta.deadlines.map((x) => [x.step, x.day, x.month, x.yearOffset])).toEqual([
      ["dossier", 28, 2, 1],
      ["decision", 31, 3, 1],
    ]);
    expect(meta.effectiveFrom).toBe("2024-02-12");
  });

  it("pickRubric over the seeds follows the legal timeline", () => {
    const rows = seedRubrics.map((r) => ({ ...r.meta, provinceId: null, version: 1 }));
    const pick = (
      title: (typeof titles)[number],
      year: number,
      unitLevel?: "commune" | "district" | "province",
    ) => pickRubric(rows, title, year, 1, unitLevel)?.code;
    expect(pick("learning_community_commune", 2023)).toBe("tt44-2014-cdht-xa");
    expect(pick("learning_community_commune", 2024)).toBe("tt25-2023-cdht-xa");
    expect(pick("learning_family", 2025)).toBe("qd448-2015-gdht");
    expect(pick("learning_organization", 2025, "commune")).toBe("qd448-2015-dvht-xa");
    expect(pick("learning_organization", 2024, "district")).toBe("tt24-2023-dvht-huyen");
    expect(pick("learning_organization", 2025, "district")).toBeUndefined();
    expect(pick("learning_organization", 2025, "province")).toBe("tt24-2023-dvht-tinh");
  });
});

const item = (key: string, maxPoints = 10) => ({ key, text: key, maxPoints });
const validPoints = {
  scheme: "points" as const,
  criteria: [{ key: "a", name: "A", items: [item("a1"), item("a2")] }],
  thresholds: [
    { minPoints: 0, recognized: false, label: "Chưa đạt" },
    { minPoints: 15, recognized: true, label: "Đạt" },
  ],
};

describe("pointsDefinition validation", () => {
  it("accepts a valid set", () => {
    expect(messages(pointsDefinition.safeParse(validPoints))).toEqual([]);
  });

  it.each([
    [
      "duplicate keys across criteria and items",
      { criteria: [{ key: "a", name: "A", items: [item("a1"), item("a")] }] },
      'Mã "a" bị trùng trong bộ tiêu chí',
    ],
    [
      "a minimum above the criterion's maximum",
      { criteria: [{ key: "a", name: "A", minPoints: 21, items: [item("a1"), item("a2")] }] },
      "Điểm tối thiểu (21) lớn hơn tổng điểm tối đa của tiêu chí (20)",
    ],
    [
      "no threshold at 0",
      { thresholds: [{ minPoints: 15, recognized: true, label: "Đạt" }] },
      "Cần một ngưỡng 0 điểm để mọi tổng điểm đều có kết quả",
    ],
    [
      "two thresholds at the same points",
      {
        thresholds: [
          { minPoints: 0, recognized: false, label: "Chưa đạt" },
          { minPoints: 0, recognized: true, label: "Đạt" },
        ],
      },
      "Hai ngưỡng cùng 0 điểm",
    ],
    [
      "a threshold above the maximum total",
      {
        thresholds: [
          { minPoints: 0, recognized: false, label: "Chưa đạt" },
          { minPoints: 21, recognized: true, label: "Đạt" },
        ],
      },
      "Ngưỡng 21 điểm vượt tổng điểm tối đa (20)",
    ],
    [
      "a higher threshold that is not recognised",
      {
        thresholds: [
          { minPoints: 18, recognized: false, label: "?" },
          { minPoints: 0, recognized: false, label: "Chưa đạt" },
          { minPoints: 10, recognized: true, label: "Đạt" },
        ],
      },
      'Ngưỡng 18 điểm "không đạt" trong khi ngưỡng thấp hơn (10) "đạt"',
    ],
    [
      "maxPoints not a positive integer",
      { criteria: [{ key: "a", name: "A", items: [item("a1", 0), item("a2", 2.5)] }] },
      "Điểm tối đa phải lớn hơn 0",
    ],
    [
      "a key with capitals or spaces",
      { criteria: [{ key: "A b", name: "A", items: [item("a1")] }] },
      "Mã chỉ gồm",
    ],
  ])("refuses %s", (_case, override, message) => {
    const found = messages(pointsDefinition.safeParse({ ...validPoints, ...override }));
    expect(found.some((m) => m.startsWith(message))).toBe(true);
  });
});

const criterion = (key: string) => ({ key, name: key, items: [{ key: `${key}.1`, text: "x" }] });

describe("levelsDefinition validation", () => {
  it.each([
    ["no level 1", { levels: [{ level: 2, criteria: [criterion("b")] }] }, "Bộ tiêu chí cần có mức độ 1"],
    [
      "a level declared twice",
      {
        levels: [
          { level: 1, criteria: [criterion("a")] },
          { level: 1, criteria: [criterion("b")] },
        ],
      },
      "Mỗi mức độ chỉ được khai báo một lần",
    ],
    [
      "duplicate item keys across levels",
      {
        levels: [
          { level: 1, criteria: [criterion("a")] },
          { level: 2, requires: 1, criteria: [{ key: "b", name: "b", items: [{ key: "a.1", text: "x" }] }] },
        ],
      },
      'Mã "a.1" bị trùng trong bộ tiêu chí',
    ],
    [
      "level 1 requiring itself",
      { levels: [{ level: 1, requires: 1, criteria: [criterion("a")] }] },
      "Mức độ chỉ có thể yêu cầu một mức độ thấp hơn",
    ],
  ])("refuses %s", (_case, override, message) => {
    expect(messages(levelsDefinition.safeParse({ scheme: "levels", ...override }))).toContain(message);
  });
});

describe("rubricMeta validation", () => {
  const meta = learningCommunityCommuneTt25.meta;

  it.each([
    ["an impossible date", { effectiveFrom: "2023-02-30" }, "Ngày không có trong lịch"],
    [
      "effectiveTo before effectiveFrom",
      { effectiveTo: "2024-01-01" },
      "Ngày hết hiệu lực phải sau ngày có hiệu lực",
    ],
    ["an unknown title", { title: "learning_school" }, undefined],
  ])("refuses %s", (_case, override, message) => {
    const result = rubricMeta.safeParse({ ...meta, ...override });
    expect(result.success).toBe(false);
    if (message) expect(messages(result)).toContain(message);
  });

  it.each([
    [2, 29],
    [4, 31],
    [13, 1],
  ])("refuses the yearly deadline %i/%i", (month, day) => {
    expect(deadline.safeParse({ step: "dossier", month, day, label: "Hạn" }).success).toBe(false);
  });
});
