/**
 * Workbooks of the commendations module: the register as listed (filters applied) and the proposal list the
 * commune's emulation council (Hội đồng Thi đua – Khen thưởng) works from. Figures by form and level for a unit's
 * subtree and year (one grouped query over the closure table) live here too: the page's summary and the dashboard.
 */
import {
  type Commendation,
  type CommendationStats,
  commendationForms,
  commendationLevels,
  formOf,
  levelLabels,
  type ProposalList,
  subjectKindLabels,
} from "../../../shared/commendations";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { XlsxCell, XlsxSheet } from "../../lib/xlsx-stream";
import { inSubtree, readableUnit } from "./units";

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const formName = (code: string) => formOf(code)?.vi ?? code;

export function registerSheet(unitName: string, items: Commendation[], year?: number) {
  const sheet: XlsxSheet = {
    name: "Sổ khen thưởng",
    titleLines: [`SỔ KHEN THƯỞNG${year ? ` NĂM ${year}` : ""}`, unitName],
    landscape: true,
    bordered: true,
    columns: [
      { header: "STT", width: 6, kind: "count" },
      { header: "Năm", width: 7, kind: "count" },
      { header: "Đối tượng", width: 30 },
      { header: "Loại đối tượng", width: 18 },
      { header: "Tập thể, cá nhân", width: 12 },
      { header: "Xã, phường", width: 20 },
      { header: "Hình thức", width: 32 },
      { header: "Cấp", width: 20 },
      { header: "Số quyết định", width: 16 },
      { header: "Ngày quyết định", width: 14 },
      { header: "Cơ quan ban hành", width: 24 },
      { header: "Lý do", width: 40 },
    ],
  };
  const rows: XlsxCell[][] = items.map((c, i) => [
    i + 1,
    c.year,
    c.subjectName,
    c.subject ? subjectKindLabels[c.subject.kind].vi : "Ghi tên",
    c.recipient === "collective" ? "Tập thể" : "Cá nhân",
    c.communeName,
    formName(c.form),
    levelLabels[c.level].vi,
    c.decisionNumber,
    vnDate(c.decisionDate),
    c.issuer,
    c.reason,
  ]);
  return { sheet, rows };
}

export function proposalSheet(list: ProposalList) {
  const sheet: XlsxSheet = {
    name: "Đề nghị khen thưởng",
    titleLines: [
      `DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM ${list.year}`,
      list.commune.name,
      "(Dự thảo trình Hội đồng Thi đua – Khen thưởng)",
    ],
    landscape: true,
    bordered: true,
    columns: [
      { header: "STT", width: 6, kind: "count" },
      { header: "Đối tượng", width: 32 },
      { header: "Loại đối tượng", width: 18 },
      { header: "Thôn, tổ dân phố", width: 22 },
      { header: "Hình thức đề nghị", width: 34 },
      { header: "Lý do", width: 56 },
    ],
  };
  const rows: XlsxCell[][] = list.candidates.map((c, i) => [
    i + 1,
    c.subjectName,
    subjectKindLabels[c.subject.kind].vi,
    c.village,
    formName(c.form),
    c.reason,
  ]);
  return { sheet, rows };
}

export const proposalFileName = (list: ProposalList) =>
  `de-nghi-khen-thuong-${list.commune.id}-${list.year}.xlsx`;

/** Commendations of a unit's subtree in a year, by form and by level (the caller's scope). */
export async function commendationStats(
  db: Db,
  actor: Actor,
  unitId: number,
  year: number,
): Promise<CommendationStats> {
  return asActor(db, actor, async (tx) => {
    await readableUnit(tx, actor, unitId);
    const rows = await tx
      .selectFrom("commendations as c")
      .select(["c.form", "c.level", (eb) => eb.fn.countAll<number | string>().as("count")])
      .where(inSubtree(unitId, "c.commune_id"))
      .where(unitInScope(actor, "read", "c.commune_id"))
      .where("c.year", "=", year)
      .groupBy(["c.form", "c.level"])
      .execute();
    const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(pick).reduce((s, r) => s + Number(r.count), 0);
    const known = new Set<string>(commendationForms.map((f) => f.code));
    return {
      unitId,
      year,
      total: sum(() => true),
      byForm: [
        ...commendationForms.map((f) => f.code),
        ...new Set(rows.map((r) => r.form).filter((f) => !known.has(f))),
      ].map((form) => ({ form, count: sum((r) => r.form === form) })),
      byLevel: commendationLevels.map((level) => ({ level, count: sum((r) => r.level === level) })),
    };
  });
}
