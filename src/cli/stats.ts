/**
 * `hieuhoc stats verify | rebuild | show`: the counters of the learning titles, the Hội and the funds (migrations
 * 0003, 0019, 0023).
 */
import { commandLineActor } from "../server/auth/scope";
import { readConfig } from "../server/config";
import type { Connection } from "../server/db/connection";
import { openDatabase } from "../server/db/open";
import { formatRate, metricsFor } from "../server/modules/stats/metrics";
import { rollup } from "../server/modules/stats/rollup";
import { rebuildCounters, unitByCode, verifyCounters } from "../server/modules/stats/stats.service";
import { type Title, titles } from "../shared/rubric";
import type { Command } from "./args";

async function withDatabase(work: (connection: Connection) => Promise<number>): Promise<number> {
  const connection = await openDatabase(readConfig(), (line) => console.error(line));
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

const unitOption = {
  type: "string" as const,
  description: "Mã tỉnh hoặc xã (mặc định: tất cả các xã)",
};
const yearOption = { type: "string" as const, description: "Năm (mặc định: mọi năm)" };

/** Parses --year; undefined when absent, null when invalid. */
function parseYear(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}

export const statsVerifyCommand: Command = {
  name: "stats verify",
  usage: "stats verify [--unit MÃ] [--year NĂM]",
  summary:
    "Đếm lại từ sổ (hộ, dòng họ, đơn vị, công dân, hồ sơ đăng ký, hội viên, sổ quỹ) và so với bộ đếm thống kê. Có chênh lệch thì in từng dòng và trả mã 1.",
  options: { unit: unitOption, year: yearOption },
  run: async ({ values }) => {
    const year = parseYear(values.year);
    if (year === null) {
      console.error("--year phải là năm từ 2000 đến 2100");
      return 2;
    }
    return withDatabase(async ({ db }) => {
      const unitCode = values.unit as string | undefined;
      if (unitCode && !(await unitByCode(db, unitCode))) {
        console.error(`Không có tỉnh, xã mã ${unitCode}`);
        return 1;
      }
      const { communes, differences } = await verifyCounters(db, { unitCode, year });
      for (const d of differences)
        console.error(
          `${d.communeCode ? `Xã ${d.communeCode}, ` : ""}${d.unitName || `đơn vị ${d.unitId}`}, ${d.year ?? "hiện tại"}, ${d.title}, ${d.measure}: bộ đếm ${d.stored}, đếm lại ${d.expected}`,
        );
      if (differences.length > 0) {
        console.error(
          `${differences.length} chênh lệch trong ${communes} xã. Sửa bằng: hieuhoc stats rebuild${unitCode ? ` --unit ${unitCode}` : ""}`,
        );
        return 1;
      }
      console.log(`Bộ đếm khớp với số đếm lại ở ${communes} xã.`);
      return 0;
    });
  },
};

export const statsRebuildCommand: Command = {
  name: "stats rebuild",
  usage: "stats rebuild [--unit MÃ] [--year NĂM]",
  summary: "Tính lại bộ đếm thống kê từ sổ, trong một giao dịch.",
  options: { unit: unitOption, year: yearOption },
  run: async ({ values }) => {
    const year = parseYear(values.year);
    if (year === null) {
      console.error("--year phải là năm từ 2000 đến 2100");
      return 2;
    }
    return withDatabase(async ({ db }) => {
      const unitCode = values.unit as string | undefined;
      if (unitCode && !(await unitByCode(db, unitCode))) {
        console.error(`Không có tỉnh, xã mã ${unitCode}`);
        return 1;
      }
      const started = performance.now();
      const { communes } = await rebuildCounters(db, { unitCode, year });
      console.log(
        `Đã tính lại bộ đếm của ${communes} xã trong ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    });
  },
};

export const statsShowCommand: Command = {
  name: "stats show",
  usage: "stats show --unit MÃ --year NĂM [--title DANH_HIỆU] [--date NGÀY] [--boundaries current] [--json]",
  summary: "In số liệu tổng hợp của một đơn vị và các đơn vị trực thuộc (tổng số, đăng ký, đạt, tỷ lệ).",
  options: {
    unit: { type: "string", description: "Mã tỉnh hoặc xã" },
    year: { type: "string", description: "Năm" },
    title: { type: "string", description: titles.join(" | ") },
    date: { type: "string", description: "Địa giới có hiệu lực vào ngày (mặc định: hôm nay)" },
    boundaries: {
      type: "string",
      description:
        "historical (mặc định): số liệu ghi tại đơn vị; current: quy đổi mọi số liệu về địa giới của ngày --date",
    },
    json: { type: "boolean", description: "In JSON" },
  },
  run: async ({ values }) => {
    const year = parseYear(values.year);
    const title = values.title as Title | undefined;
    const boundaries = values.boundaries as string | undefined;
    if (
      !values.unit ||
      year === undefined ||
      year === null ||
      (title && !titles.includes(title)) ||
      (boundaries !== undefined && boundaries !== "historical" && boundaries !== "current")
    ) {
      console.error(
        "Cần --unit, --year hợp lệ (và --title, --boundaries historical|current nếu có). Xem: hieuhoc stats show --help",
      );
      return 2;
    }
    return withDatabase(async ({ db }) => {
      const unit = await unitByCode(db, String(values.unit));
      if (!unit) {
        console.error(`Không có tỉnh, xã mã ${values.unit}`);
        return 1;
      }
      const result = await rollup(db, commandLineActor, {
        unitId: unit.id,
        year,
        title,
        date: values.date as string | undefined,
        boundaries: boundaries as "historical" | "current" | undefined,
      });
      if (values.json) {
        console.log(JSON.stringify(result, null, 2));
        return 0;
      }
      for (const t of result.titles) {
        const metrics = metricsFor(t.title);
        console.log(`\n${t.label} — ${result.unit.name}, năm ${result.year} (tổng số: ${t.totalDefinition})`);
        const header = ["Đơn vị".padEnd(32), ...metrics.map((m) => m.label.padStart(m.label.length + 2))];
        console.log(header.join(""));
        const line = (name: string, f: (typeof t)["figures"]) =>
          [
            name.slice(0, 31).padEnd(32),
            ...metrics.map((m) => {
              const value = m.value(f);
              const text = m.kind === "rate" ? formatRate(value) : String(value);
              return text.padStart(m.label.length + 2);
            }),
          ].join("");
        for (const child of t.children)
          console.log(line(`${child.unit.name}${child.estimated ? " (ước tính)" : ""}`, child.figures));
        console.log(line(`${result.unit.name}${t.estimated ? " (ước tính)" : ""}`, t.figures));
        if (t.estimateNote) console.log(t.estimateNote);
        for (const target of t.targets)
          console.log(
            `Chỉ tiêu ${target.targetYear} (${target.basis}): ${formatRate(target.value)}% — thực tế ${formatRate(target.actual)}% — ${
              target.status === "met"
                ? "đạt"
                : target.status === "exceeded"
                  ? "vượt"
                  : target.status === "not_met"
                    ? "chưa đạt"
                    : "chưa có số liệu"
            }`,
          );
      }
      return 0;
    });
  },
};

export const statsCommands: Command[] = [statsVerifyCommand, statsRebuildCommand, statsShowCommand];
