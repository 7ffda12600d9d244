/**
 * The live blocks of the Hội Khuyến học, the funds, the learning centres and the commendations: each reads its
 * module's yearly series (the same counters as the statistics page) from the year before the period to its last
 * year, writes a sentence about the last year and a table of the metrics by year, in the columns the module
 * declares for its exports (shared/*-stats.ts).
 */
import { memberMetrics } from "../../../../shared/association-stats";
import { centreMetrics, centreValue } from "../../../../shared/centre-stats";
import { commendationColumns } from "../../../../shared/commendation-stats";
import { fundMetrics } from "../../../../shared/fund-stats";
import { memberRollup, memberSeries } from "../../association/stats.service";
import { centreSeries } from "../../attendance/stats.service";
import { commendationSeries } from "../../commendations/stats.service";
import { fundSeries } from "../../fund/stats.service";
import { type BlockContext, type BlockDefinition, endYear, previousYear, yearTable } from "./context";
import { count, money, pickTarget, rate, targetPhrase } from "./format";

const range = (ctx: BlockContext) => ({ unitId: ctx.unit.id, from: previousYear(ctx), to: endYear(ctx) });
const last = <T>(list: readonly T[]): T => list[list.length - 1]!;

const association: BlockDefinition = {
  id: "association.overview",
  async compute(ctx) {
    const [{ points }, now] = await Promise.all([
      memberSeries(ctx.db, ctx.actor, range(ctx)),
      memberRollup(ctx.db, ctx.actor, { unitId: ctx.unit.id, year: endYear(ctx) }),
    ]);
    const f = now.figures;
    const parts = [
      `Đến ngày ${now.date.split("-").reverse().join("/")}, Hội Khuyến học có ${count(f.chapters)} chi hội, ${count(f.members)} hội viên (nữ ${count(f.women)})`,
      `trong năm ${now.year} kết nạp mới ${count(f.joined)}, ra hội ${count(f.left)} hội viên`,
    ];
    if (f.households > 0)
      parts.push(
        `${count(f.householdsWithMember)}/${count(f.households)} hộ có hội viên, đạt ${rate(f.householdShare)}%`,
      );
    const target = targetPhrase(pickTarget(now.targets, "householdShare"));
    if (target) parts.push(target);
    return {
      sentences: [`${parts.join("; ")}.`],
      table: yearTable(
        points,
        memberMetrics.map((m) => ({
          label: m.label.vi,
          value: (p) => {
            const v = p.figures[m.key];
            return m.kind === "rate" ? rate(v) : count(v ?? 0);
          },
        })),
      ),
    };
  },
};

const fund: BlockDefinition = {
  id: "fund.overview",
  async compute(ctx) {
    const { points } = await fundSeries(ctx.db, ctx.actor, range(ctx));
    const f = last(points).figures;
    const sentences = [
      `Năm ${last(points).year}, quỹ khuyến học thu ${money(f.raised)} đồng, chi ${money(f.disbursed)} đồng, trong đó ${count(f.scholarships)} suất học bổng ${money(f.scholarshipAmount)} đồng; tồn quỹ cuối năm ${money(f.balance)} đồng.`,
    ];
    const inPeriod = points.slice(1);
    if (inPeriod.length > 1) {
      const sum = (key: "raised" | "disbursed") =>
        money(String(inPeriod.reduce((s, p) => s + BigInt(p.figures[key]), 0n)));
      sentences.push(
        `Cả giai đoạn ${inPeriod[0]!.year}–${last(inPeriod).year}: thu ${sum("raised")} đồng, chi ${sum("disbursed")} đồng.`,
      );
    }
    return {
      sentences,
      table: yearTable(
        points,
        fundMetrics.map((m) => ({
          label: m.label.vi,
          value: (p) =>
            m.kind === "money" ? money(String(p.figures[m.key])) : count(Number(p.figures[m.key])),
        })),
      ),
    };
  },
};

const centres: BlockDefinition = {
  id: "centres.overview",
  async compute(ctx) {
    const { points } = await centreSeries(ctx.db, ctx.actor, range(ctx));
    const f = last(points).figures;
    return {
      sentences: [
        `Năm ${last(points).year}, ${count(f.centres)} trung tâm học tập cộng đồng tổ chức ${count(f.activities)} lớp học, chuyên đề, câu lạc bộ với ${count(f.sessions)} buổi, ${count(f.attendees)} lượt người tham gia (nữ ${count(f.women)}, người cao tuổi ${count(f.elderly)}).`,
      ],
      table: yearTable(
        points,
        centreMetrics.map((m) => ({
          label: m.label.vi,
          value: (p) => {
            const v = centreValue(p.figures, m.key);
            return m.kind === "rate" ? rate(v) : count(v ?? 0);
          },
        })),
      ),
    };
  },
};

const commendations: BlockDefinition = {
  id: "commendations.overview",
  async compute(ctx) {
    const { points } = await commendationSeries(ctx.db, ctx.actor, range(ctx));
    const f = last(points).figures;
    // The first three columns always; a form or level only when counted in one of the years.
    const columns = commendationColumns.filter(
      (c, i) => i < 3 || points.some((p) => c.value(p.figures) !== 0),
    );
    return {
      sentences: [
        `Năm ${last(points).year}, ${count(f.total)} lượt tập thể, cá nhân được khen thưởng (${count(f.collective)} tập thể, ${count(f.individual)} cá nhân).`,
      ],
      table: yearTable(
        points,
        columns.map((c) => ({
          label: c.group ? `${c.group.vi}: ${c.label.vi}` : c.label.vi,
          value: (p) => count(c.value(p.figures)),
        })),
      ),
    };
  },
};

export const domainBlocks: BlockDefinition[] = [association, fund, centres, commendations];
