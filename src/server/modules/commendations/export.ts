/**
 * Workbooks of the commendations module: the register as listed (filters applied) and the proposal list the
 * commune's emulation council (Hội đồng Thi đua – Khen thưởng) works from. The figures by form and level are
 * read from the counters (stats.service.ts).
 */
import {
  type Commendation,
  formOf,
  levelLabels,
  type ProposalList,
  subjectKindLabels,
} from "../../../shared/commendations";
import type { XlsxCell, XlsxSheet } from "../../lib/xlsx-stream";

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
