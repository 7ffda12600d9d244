/**
 * Deterministic national data for the benchmark: the 34 provinces and 3,321 communes of ../shared/data/dvhc, about
 * 30 villages per commune, N households spread over the communes with Vietnamese names, and several years of
 * learning-family registrations (self-assessed, recognised by a decision, or not proposed). Everything derives
 * from one seed: the same flags give the same rows.
 */
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/server/lib/csv";
import { evaluate } from "../../src/server/modules/rubrics/rubric.evaluate";
import { learningFamilyQd448 } from "../../src/server/modules/rubrics/seeds/learning-family";
import type { PointsDefinition } from "../../src/shared/rubric";
import { vietnameseName } from "../../test/fixtures/households";

export const dvhc = "../shared/data/dvhc";

/** mulberry32: a small, fast, seedable generator. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable hash of a few integers into [0, 1). */
export function hash01(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h = Math.imul(h ^ (v & 0xffff), 0x01000193);
    h = Math.imul(h ^ (v >>> 16), 0x01000193);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

export type CommuneRow = { code: string; name: string; provinceCode: string };

export function readCommunes(): CommuneRow[] {
  const rows = parseCsv(readFileSync(`${dvhc}/communes-2025.csv`, "utf8"));
  return rows
    .slice(1)
    .filter((r) => r.length >= 3 && r[0])
    .map((r) => ({ code: r[0]!, name: r[1]!, provinceCode: r[2]! }));
}

const villageStems = [
  "Đông",
  "Tây",
  "Nam",
  "Bắc",
  "Trung",
  "Thượng",
  "Hạ",
  "Tân Lập",
  "An Phú",
  "Phú Thọ",
  "Hòa Bình",
  "Thịnh Vượng",
  "Yên Lạc",
  "Mỹ Đức",
  "Phong Lưu",
  "Đoài",
  "Cầu Gỗ",
  "Chợ Cũ",
  "Đình Làng",
  "Bến Đò",
  "Đồng Xuân",
  "Quyết Tiến",
  "Thắng Lợi",
  "Đoàn Kết",
  "Hưng Long",
  "Phúc Lộc",
  "Vĩnh An",
  "Tiền Phong",
  "Liên Hiệp",
  "Tân Tiến",
];

export type VillageSpec = { code: string; name: string; kind: string };

/** 20 to 40 villages (tổ dân phố in a ward, thôn or ấp elsewhere), named the way communes name them. */
export function villagesOf(communeIndex: number, communeName: string, seed: number): VillageSpec[] {
  const rng = random(seed * 7919 + communeIndex);
  const count = 20 + Math.floor(rng() * 21);
  const ward = communeName.startsWith("Phường");
  const kind = ward ? "Tổ dân phố" : rng() < 0.2 ? "Ấp" : "Thôn";
  const offset = Math.floor(rng() * villageStems.length);
  return Array.from({ length: count }, (_, i) => {
    const name = ward
      ? `${kind} ${i + 1}`
      : `${kind} ${villageStems[(offset + i) % villageStems.length]}${i >= villageStems.length ? ` ${Math.floor(i / villageStems.length) + 1}` : ""}`;
    return { code: `T${String(i + 1).padStart(2, "0")}`, name, kind };
  });
}

/** N households split over the communes by a stable weight (0.3 to 1.7 of the mean). */
export function householdsPerCommune(total: number, communes: number, seed: number): number[] {
  const rng = random(seed * 104729 + 1);
  const weights = Array.from({ length: communes }, () => 0.3 + rng() * 1.4);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % communes, rest--) counts[i]!++;
  return counts;
}

export const familyDefinition = learningFamilyQd448.definition as PointsDefinition;
export const familyItems = familyDefinition.criteria.flatMap((c) => c.items);

export type Assessment = {
  scores: Record<string, number>;
  assessment: string;
  result: string;
  passed: boolean;
  grade: string | null;
};

/** 64 self-assessments (mostly high scores), each with the product's own evaluation of it. */
export function assessmentPool(seed: number): Assessment[] {
  const rng = random(seed * 31 + 5);
  return Array.from({ length: 64 }, () => {
    const scores: Record<string, number> = {};
    const strength = 0.55 + rng() * 0.45;
    for (const item of familyItems)
      scores[item.key] = Math.min(
        item.maxPoints,
        Math.round(item.maxPoints * (strength + (rng() - 0.5) * 0.3)),
      );
    const result = evaluate(familyDefinition, { scores });
    return {
      scores,
      assessment: JSON.stringify({ scores }),
      result: JSON.stringify(result),
      passed: result.recognized,
      grade: result.scheme === "points" ? (result.grade ?? null) : null,
    };
  });
}

export const headName = (householdId: number) =>
  vietnameseName(Math.floor(hash01(householdId, 17) * 2 ** 30));

const csvField = (value: string | number | boolean | null): string => {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) || text === "" ? `"${text.replace(/"/g, '""')}"` : text;
};
export const csvLine = (values: (string | number | boolean | null)[]) =>
  `${values.map(csvField).join(",")}\n`;
