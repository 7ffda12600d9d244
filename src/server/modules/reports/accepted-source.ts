/**
 * A province's report from its communes' accepted reports (issue 11, item 5; `source: "accepted"`): the title
 * blocks (sentences, overview, table by commune) sum the figures frozen in the snapshot of each commune's latest
 * accepted report of the same level, kind and period, instead of the live statistics, and say so in a note
 * ("Số liệu tổng hợp từ báo cáo đã tiếp nhận của 2/3 xã, phường; chưa có: …"). Rates by the statistics' one
 * rounding rule. docs/REPORTS.md, "Nguồn số liệu của báo cáo tỉnh".
 */
import { sql } from "kysely";
import type { BlockId, ReportLevel, ReportTemplate } from "../../../shared/reports";
import type { RecognitionTitle } from "../../../shared/rubric";
import type { Figures } from "../../../shared/stats";
import { asActor, unitInScope } from "../../auth/scope";
import { AppError } from "../../errors";
import { rollup } from "../stats/rollup";
import { targetStatus } from "../stats/target-progress";
import { today } from "../territory/dates";
import { blocks } from "./blocks";
import {
  type BlockContext,
  type BlockDefinition,
  endYear,
  levelTitles,
  previousYear,
} from "./blocks/context";
import { pickTarget } from "./blocks/format";
import { childCells, childColumns, childTitles, chosen, overviewTable, titleSentence } from "./blocks/titles";
import {
  type AcceptedProvenance,
  countsOf,
  readFigures,
  type SnapshotFigures,
  type SnapshotTitle,
  sumFigures,
  type TitleCounts,
} from "./snapshot-figures";

/** Each commune of the province in force today, with the figures of its latest accepted report (or none). */
export type AcceptedSet = {
  communes: { unitId: number; name: string; figures: SnapshotFigures | null; why: string | null }[];
  provenance: AcceptedProvenance;
};

/** The level of the commune reports a province's report sums: the people's committee's, or the Hội's. */
const communeLevel = (level: ReportLevel): ReportLevel =>
  level === "association" ? "association" : "commune";

/** 422 for `source: "accepted"` on a commune's report. */
export const notProvince = () =>
  new AppError(
    "validation",
    "Chỉ báo cáo của tỉnh, thành phố mới lấy số liệu từ báo cáo xã đã tiếp nhận (source)",
    {
      fields: { source: "Báo cáo của xã, phường dùng số liệu trực tiếp" },
    },
  );

export async function loadAccepted(ctx: BlockContext, kind: ReportTemplate["kind"]): Promise<AcceptedSet> {
  if (ctx.unit.level !== "province") throw notProvince();
  return asActor(ctx.db, ctx.actor, async (tx) => {
    const units = await tx
      .selectFrom("admin_units as u")
      .innerJoin("admin_unit_paths as p", "p.descendant_id", "u.id")
      .select(["u.id", "u.name"])
      .where("p.ancestor_id", "=", ctx.unit.id)
      .where("u.level", "=", "commune")
      .where((eb) => eb.or([eb("u.valid_to", "is", null), eb("u.valid_to", ">", today())]))
      .orderBy("u.name")
      .execute();
    const ids = units.map((u) => Number(u.id));
    const rows =
      ids.length === 0
        ? []
        : await tx
            .selectFrom("reports")
            .select(["commune_id", "id", "version", "snapshot", "snapshot_sha256"])
            .where("commune_id", "=", sql<number>`ANY(${ids}::bigint[])`)
            .where(unitInScope(ctx.actor, "read", "commune_id"))
            .where("level", "=", communeLevel(ctx.level))
            .where("kind", "=", kind)
            .where("period_from", "=", ctx.period.from)
            .where("period_to", "=", ctx.period.to)
            .where("status", "=", "accepted")
            .orderBy("version", "desc")
            .execute();
    const provenance: AcceptedProvenance = { reports: [], missing: [] };
    const communes = units.map((u) => {
      const [unitId, name] = [Number(u.id), u.name];
      const row = rows.find((r) => Number(r.commune_id) === unitId);
      const figures = row ? readFigures(row.snapshot) : null;
      const why = !row
        ? "chưa có báo cáo được tiếp nhận"
        : figures
          ? null
          : "báo cáo tiếp nhận chưa lưu số liệu";
      if (row && figures)
        provenance.reports.push({
          unitId,
          name,
          reportId: Number(row.id),
          version: row.version,
          sha256: row.snapshot_sha256 ?? "",
        });
      else provenance.missing.push({ unitId, name, why: why! });
      return { unitId, name, figures, why };
    });
    return { communes, provenance };
  });
}

/** "Số liệu tổng hợp từ báo cáo đã tiếp nhận của 2/3 xã, phường; chưa có: Phường Hồng Hà." */
export function sourceNote(set: AcceptedSet): string {
  const { reports, missing } = set.provenance;
  const names = missing.map((m) =>
    m.why === "chưa có báo cáo được tiếp nhận" ? m.name : `${m.name} (${m.why})`,
  );
  const lacking = names.length > 0 ? `; chưa có: ${names.join(", ")}` : "";
  return `Số liệu tổng hợp từ báo cáo đã tiếp nhận của ${reports.length}/${set.communes.length} xã, phường${lacking}.`;
}

const titleIn = (f: SnapshotFigures | null, title: RecognitionTitle): SnapshotTitle | undefined =>
  f?.titles.find((t) => t.title === title);

/** A title's figures summed over the accepted communes: the period's last year and the year before. */
function summed(set: AcceptedSet, title: RecognitionTitle): { f: Figures; p: Figures } {
  const parts = set.communes.flatMap((c) => titleIn(c.figures, title) ?? []);
  return { f: sumFigures(parts), p: sumFigures(parts.map((t) => t.previous)) };
}

/** The province's target for a title (its value and basis), measured against the summed rate. */
async function targetsOf(ctx: BlockContext) {
  const live = await rollup(ctx.db, ctx.actor, {
    unitId: ctx.unit.id,
    year: endYear(ctx),
    boundaries: ctx.unit.inForce ? "current" : "historical",
  });
  return (title: RecognitionTitle, f: Figures) => {
    const target = pickTarget(live.titles.find((t) => t.title === title)?.targets ?? [], "recognizedRate");
    return target
      ? { ...target, actual: f.recognizedRate, status: targetStatus(f.recognizedRate, target.value) }
      : null;
  };
}

/** The title blocks computed from the accepted set, the series kept live with a note; the others unchanged. */
export function acceptedBlocks(set: AcceptedSet): ReadonlyMap<BlockId, BlockDefinition> {
  const note = sourceNote(set);
  const years = (ctx: BlockContext) => ({ now: endYear(ctx), before: previousYear(ctx) });
  const overrides: BlockDefinition[] = [
    {
      id: "titles.sentences",
      async compute(ctx, params) {
        const target = await targetsOf(ctx);
        const lines = chosen(ctx, params).flatMap((title) => {
          const { f, p } = summed(set, title);
          return (
            titleSentence(ctx.unit.name, title, { previous: previousYear(ctx), f, p }, target(title, f)) ?? []
          );
        });
        return {
          sentences: lines.length > 0 ? lines : ["Chưa có số liệu các danh hiệu học tập trong kỳ báo cáo."],
          notes: [note],
        };
      },
    },
    {
      id: "titles.overview",
      async compute(ctx, params) {
        const target = await targetsOf(ctx);
        const rows = chosen(ctx, params).map((title) => {
          const { f, p } = summed(set, title);
          return { title, f, p, target: target(title, f) };
        });
        return { sentences: [], table: overviewTable(years(ctx), rows), notes: [note] };
      },
    },
    {
      id: "titles.children",
      async compute(ctx, params) {
        const titles = childTitles(ctx, params);
        if (set.communes.length === 0)
          return { sentences: [], notes: ["Đơn vị không có đơn vị trực thuộc đang có hiệu lực.", note] };
        const cellsOf = (c: AcceptedSet["communes"][number], title: RecognitionTitle) => {
          const t = titleIn(c.figures, title);
          return c.figures ? childCells(sumFigures(t ? [t] : [])) : ["–", "–"];
        };
        const total = (title: RecognitionTitle) => childCells(summed(set, title).f);
        return {
          sentences: [],
          table: {
            columns: childColumns(titles),
            rows: [
              ...set.communes.map((c) => ({ cells: [c.name, ...titles.flatMap((t) => cellsOf(c, t))] })),
              { bold: true, cells: ["Cộng", ...titles.flatMap(total)] },
            ],
          },
          notes: [note],
        };
      },
    },
    {
      id: "titles.series",
      async compute(ctx, params) {
        const live = await blocks.get("titles.series")!.compute(ctx, params);
        const why =
          "Bảng qua các năm lấy số liệu trực tiếp: báo cáo của xã chỉ lưu số liệu năm cuối kỳ và năm trước.";
        return { ...live, notes: [...(live.notes ?? []), why] };
      },
    },
  ];
  return new Map([...blocks, ...overrides.map((b) => [b.id, b] as const)]);
}

/** The province's figures frozen in its snapshot when built from accepted reports: the sums, by commune. */
export function acceptedFigures(ctx: BlockContext, set: AcceptedSet): SnapshotFigures {
  const titles = levelTitles(ctx).map((title): SnapshotTitle => {
    const parts = set.communes.flatMap((c) => titleIn(c.figures, title) ?? []);
    const sum = (list: TitleCounts[]) => countsOf(sumFigures(list));
    return {
      title,
      ...sum(parts),
      previous: sum(parts.map((t) => t.previous)),
      children: set.communes.flatMap((c) => {
        const t = titleIn(c.figures, title);
        return t ? [{ unitId: c.unitId, name: c.name, ...countsOf(t) }] : [];
      }),
    };
  });
  return {
    version: 1,
    source: "accepted",
    unitId: ctx.unit.id,
    year: endYear(ctx),
    previousYear: previousYear(ctx),
    titles,
    accepted: set.provenance,
  };
}
