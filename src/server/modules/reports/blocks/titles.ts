/**
 * The learning titles' live blocks, from the statistics roll-up and series (modules/stats): the statistical
 * sentence of each title ("Toàn phường có 14 hộ gia đình học tập / 20 hộ, đạt 70%"), the overview table with the
 * previous year and the target, the table by child unit (villages of a commune, communes of a province) and the
 * rates over the period's years. Rates are of the total (RULES.md 2.5), by the one rounding rule of metrics.ts.
 */
import type { BlockTable } from "../../../../shared/reports";
import { type RecognitionTitle, titleLabels } from "../../../../shared/rubric";
import type { Figures, TargetProgress } from "../../../../shared/stats";
import { rollup } from "../../stats/rollup";
import { type Rollup, series } from "../../stats/stats.service";
import {
  type BlockContext,
  type BlockDefinition,
  endYear,
  levelTitles,
  previousYear,
  startYear,
} from "./context";
import { count, pickTarget, rate, targetCell, targetPhrase, wholeArea } from "./format";

/** How a sentence names a title's recognised subjects and its total. */
const nouns: Record<RecognitionTitle, { recognised: string; total: string; short: string }> = {
  learning_family: { recognised: "hộ gia đình học tập", total: "hộ", short: "Gia đình học tập" },
  learning_clan: { recognised: "dòng họ học tập", total: "dòng họ", short: "Dòng họ học tập" },
  learning_community_village: {
    recognised: "thôn, tổ dân phố đạt “Cộng đồng học tập”",
    total: "thôn, tổ dân phố",
    short: "Cộng đồng học tập (thôn, TDP)",
  },
  learning_community_commune: {
    recognised: "xã, phường đạt “Cộng đồng học tập” cấp xã",
    total: "xã, phường",
    short: "Cộng đồng học tập cấp xã",
  },
  learning_organization: {
    recognised: "đơn vị học tập",
    total: "cơ quan, đơn vị, trường học, doanh nghiệp",
    short: "Đơn vị học tập",
  },
  learning_citizen: { recognised: "công dân học tập", total: "công dân", short: "Công dân học tập" },
};

/** The roll-up of a year in the unit's boundaries of today (predecessors mapped), or as recorded for an old unit. */
function yearRollup(ctx: BlockContext, year: number): Promise<Rollup> {
  return rollup(ctx.db, ctx.actor, {
    unitId: ctx.unit.id,
    year,
    boundaries: ctx.unit.inForce ? "current" : "historical",
  });
}

export const chosen = (ctx: BlockContext, params: { titles?: RecognitionTitle[] }) =>
  params.titles ?? levelTitles(ctx);

function titleOf(result: Rollup, title: RecognitionTitle) {
  const found = result.titles.find((t) => t.title === title);
  if (!found) throw new Error(`no ${title} in the roll-up`);
  return found;
}

const shown = (f: Figures) => f.total > 0 || f.registered > 0 || f.recognized > 0;

/** One title's sentence from its figures: recognised / total and rate, the previous year's, the target. */
export function titleSentence(
  unitName: string,
  title: RecognitionTitle,
  year: { previous: number; f: Figures; p: Figures },
  target: TargetProgress | null,
): string | null {
  const { f, p } = year;
  if (!shown(f)) return null;
  const noun = nouns[title];
  const parts = [
    `${wholeArea(unitName)} có ${count(f.recognized)} ${noun.recognised} / ${count(f.total)} ${noun.total}, đạt ${rate(f.recognizedRate)}%`,
    `năm ${year.previous}: ${count(p.recognized)} / ${count(p.total)}, đạt ${rate(p.recognizedRate)}%`,
  ];
  const phrase = targetPhrase(target);
  if (phrase) parts.push(phrase);
  return `${parts.join("; ")}.`;
}

function sentence(ctx: BlockContext, title: RecognitionTitle, now: Rollup, before: Rollup): string | null {
  const current = titleOf(now, title);
  return titleSentence(
    ctx.unit.name,
    title,
    { previous: before.year, f: current.figures, p: titleOf(before, title).figures },
    pickTarget(current.targets, "recognizedRate"),
  );
}

/** The overview table: per title its counts, rate, the previous year's rate and the target. */
export function overviewTable(
  years: { now: number; before: number },
  rows: { title: RecognitionTitle; f: Figures; p: Figures; target: TargetProgress | null }[],
): BlockTable {
  return {
    columns: [
      { title: "Danh hiệu", align: "left" },
      { title: "Tổng số", align: "right" },
      { title: "Đăng ký", align: "right" },
      { title: "Đạt", align: "right" },
      { title: `Tỷ lệ đạt năm ${years.now} (%)`, align: "right" },
      { title: `Năm ${years.before} (%)`, align: "right" },
      { title: "Chỉ tiêu (%)", align: "right" },
    ],
    rows: rows.map(({ title, f, p, target }) => ({
      cells: [
        titleLabels[title],
        count(f.total),
        count(f.registered),
        count(f.recognized),
        rate(f.recognizedRate),
        rate(p.recognizedRate),
        targetCell(target),
      ],
    })),
  };
}

/** The titles of the table by child unit: households in a commune, also clans and villages in a province. */
export const childTitles = (ctx: BlockContext, params: { titles?: RecognitionTitle[] }): RecognitionTitle[] =>
  params.titles ??
  (ctx.unit.level === "commune"
    ? ["learning_family"]
    : ["learning_family", "learning_clan", "learning_community_village"]);

/** The columns of the table by child unit, and a child's two cells per title ("4/6", "66,67"). */
export const childColumns = (titles: RecognitionTitle[]): BlockTable["columns"] => [
  { title: "Đơn vị", align: "left" },
  ...titles.flatMap((title) => [
    { title: `${nouns[title].short}: đạt/tổng số`, align: "center" as const },
    { title: "Tỷ lệ (%)", align: "right" as const },
  ]),
];
export const childCells = (f: Figures) => [
  `${count(f.recognized)}/${count(f.total)}`,
  rate(f.recognizedRate),
];

const sentences: BlockDefinition = {
  id: "titles.sentences",
  async compute(ctx, params) {
    const [now, before] = await Promise.all([
      yearRollup(ctx, endYear(ctx)),
      yearRollup(ctx, previousYear(ctx)),
    ]);
    const lines = chosen(ctx, params).flatMap((title) => sentence(ctx, title, now, before) ?? []);
    return {
      sentences: lines.length > 0 ? lines : ["Chưa có số liệu các danh hiệu học tập trong kỳ báo cáo."],
    };
  },
};

const overview: BlockDefinition = {
  id: "titles.overview",
  async compute(ctx, params) {
    const [now, before] = await Promise.all([
      yearRollup(ctx, endYear(ctx)),
      yearRollup(ctx, previousYear(ctx)),
    ]);
    const table = overviewTable(
      { now: now.year, before: before.year },
      chosen(ctx, params).map((title) => {
        const current = titleOf(now, title);
        const p = titleOf(before, title).figures;
        return { title, f: current.figures, p, target: pickTarget(current.targets, "recognizedRate") };
      }),
    );
    return { sentences: [], table };
  },
};

const children: BlockDefinition = {
  id: "titles.children",
  async compute(ctx, params) {
    const now = await yearRollup(ctx, endYear(ctx));
    const titles = childTitles(ctx, params);
    const tables = titles.map((title) => titleOf(now, title));
    if (tables[0]!.children.length === 0)
      return { sentences: [], notes: ["Đơn vị không có đơn vị trực thuộc đang có hiệu lực."] };
    const cells = childCells;
    const table: BlockTable = {
      columns: childColumns(titles),
      rows: [
        ...tables[0]!.children.map((child, i) => ({
          cells: [child.unit.name, ...tables.flatMap((t) => cells(t.children[i]!.figures))],
        })),
        { bold: true, cells: ["Cộng", ...tables.flatMap((t) => cells(t.childrenTotal))] },
      ],
    };
    const estimated = tables.some((t) => t.children.some((c) => c.estimated));
    return {
      sentences: [],
      table,
      notes: estimated ? ["Một số số liệu trước sắp xếp đơn vị hành chính 2025 là ước tính (chia đều)."] : [],
    };
  },
};

const overYears: BlockDefinition = {
  id: "titles.series",
  async compute(ctx, params) {
    const from = Math.min(startYear(ctx), endYear(ctx) - 1);
    const titles = chosen(ctx, params);
    const all = await Promise.all(
      titles.map((title) =>
        series(ctx.db, ctx.actor, { unitId: ctx.unit.id, title, from, to: endYear(ctx) }),
      ),
    );
    const years = all[0]!.points.map((p) => p.year);
    const table: BlockTable = {
      columns: [
        { title: "Danh hiệu: đạt (tỷ lệ %)", align: "left" },
        ...years.map((year) => ({ title: `Năm ${year}`, align: "right" as const })),
      ],
      rows: all.map((s, i) => ({
        cells: [
          titleLabels[titles[i]!],
          ...s.points.map((p) => `${count(p.figures.recognized)} (${rate(p.figures.recognizedRate)})`),
        ],
      })),
    };
    const estimated = all.some((s) => s.points.some((p) => p.estimated));
    return {
      sentences: [],
      table,
      notes: estimated ? ["Số liệu trước sắp xếp đơn vị hành chính 2025 có phần ước tính (chia đều)."] : [],
    };
  },
};

export const titleBlocks: BlockDefinition[] = [sentences, overview, children, overYears];
