/**
 * Invented people for the demo: a family name, a middle name and a given name drawn from common Vietnamese
 * names, never a real person. Everything is drawn from a seeded generator, so the same demo comes out on every
 * machine and a family keeps its name (and its habits) across the years and the 2025 reform.
 */

/** A small, fast, seeded generator (mulberry32): deterministic demo data without storing it. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number for a text (FNV-1a), to seed a generator per ward, family or year. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Picks by weight: `[value, weight][]`. */
function weighted<T>(next: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = next() * total;
  for (const [value, w] of choices) {
    r -= w;
    if (r < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

// Roughly how common each family name is (Nguyễn about four in ten).
const familyNames = [
  ["Nguyễn", 38],
  ["Trần", 11],
  ["Lê", 9],
  ["Phạm", 7],
  ["Hoàng", 4],
  ["Phan", 4],
  ["Vũ", 4],
  ["Đặng", 2],
  ["Bùi", 2],
  ["Đỗ", 2],
  ["Ngô", 2],
  ["Dương", 1],
  ["Đào", 1],
  ["Đinh", 1],
  ["Lý", 1],
] as const;

// Traditional tone-mark placement (Hòa, Thủy, Thúy), as the house style asks.
const maleMiddle = [
  "Văn",
  "Văn",
  "Văn",
  "Đức",
  "Minh",
  "Quang",
  "Hữu",
  "Công",
  "Xuân",
  "Thanh",
  "Đình",
  "Ngọc",
];
const femaleMiddle = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Hồng", "Phương"];
const maleGiven = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Đức",
  "Hải",
  "Hòa",
  "Hùng",
  "Huy",
  "Khoa",
  "Long",
  "Lâm",
  "Nam",
  "Phong",
  "Phúc",
  "Quân",
  "Sơn",
  "Tài",
  "Thắng",
  "Thành",
  "Tiến",
  "Toàn",
  "Trung",
  "Tuấn",
  "Việt",
  "Vinh",
];
const femaleGiven = [
  "Anh",
  "Chi",
  "Dung",
  "Giang",
  "Hà",
  "Hạnh",
  "Hoa",
  "Hòa",
  "Hương",
  "Lan",
  "Liên",
  "Linh",
  "Loan",
  "Mai",
  "Nga",
  "Ngọc",
  "Nhung",
  "Oanh",
  "Phương",
  "Thảo",
  "Thủy",
  "Thúy",
  "Trang",
  "Tuyết",
  "Yến",
];

export type Sex = "male" | "female";
export type Person = { name: string; sex: Sex; familyName: string };

/** One invented adult: about seven household heads in ten are men, as in the registers the seeds describe. */
export function person(next: () => number, maleShare = 0.7): Person {
  const sex: Sex = next() < maleShare ? "male" : "female";
  const familyName = weighted(next, familyNames);
  const middle = pick(next, sex === "male" ? maleMiddle : femaleMiddle);
  const given = pick(next, sex === "male" ? maleGiven : femaleGiven);
  return { name: `${familyName} ${middle} ${given}`, sex, familyName };
}

/** Distinct invented people (no two with the same full name in one list). */
export function people(seed: number, count: number, maleShare = 0.7): Person[] {
  const next = random(seed);
  const seen = new Set<string>();
  const out: Person[] = [];
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const p = person(next, maleShare);
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(p);
  }
  return out;
}

/** Clans as officers write them ("Họ Nguyễn Văn"), each with an invented head of the same family name. */
export function clans(seed: number, count: number): { name: string; headName: string }[] {
  const next = random(seed);
  const seen = new Set<string>();
  const out: { name: string; headName: string }[] = [];
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const family = weighted(next, familyNames);
    const middle = pick(next, maleMiddle);
    const name = `Họ ${family} ${middle}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, headName: `${family} ${middle} ${pick(next, maleGiven)}` });
  }
  return out;
}
