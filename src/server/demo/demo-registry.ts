/**
 * Every file the demo imports into the registries (households, clans, organisations, citizens, the Hội's member
 * book), in one place: the imports an officer would run (one call per list) and the archive actions of the 2025
 * reform. Every kind goes
 * through the registry engine (src/server/registry), as the pages and the API do.
 */
import type { RegistryImportReport } from "../../shared/api";
import type { KindDeclaration } from "../../shared/registry/declaration";
import { citizens, clans, households, members, organizations } from "../../shared/registry/kinds";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { importItems } from "../registry/import";
import { archiveItem } from "../registry/service";
import type { Sex } from "./demo-names";

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A list as the CSV an officer would upload, with the import template's headings. */
function csvFile(name: string, header: string[], rows: (string | number)[][]) {
  const text = [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\n");
  return { bytes: new TextEncoder().encode(`${text}\n`), name };
}

function checked(what: string, report: RegistryImportReport) {
  // Inside the loader's transaction a failed import would not roll back on its own: stop the whole load.
  if (report.errors.length > 0)
    throw new Error(`Dữ liệu dùng thử (${what}): ${JSON.stringify(report.errors.slice(0, 3))}`);
  return report;
}

export type HouseholdRow = {
  code: string;
  village: string;
  headName: string;
  headSex: Sex;
  members: number;
  address: string;
};

export async function importHouseholdList(tx: Db, actor: Actor, communeId: number, rows: HouseholdRow[]) {
  const file = csvFile(
    "danh-sach-ho.csv",
    ["Mã hộ", "Thôn, tổ dân phố", "Họ và tên chủ hộ", "Giới tính chủ hộ", "Địa chỉ", "Số nhân khẩu"],
    rows.map((r) => [
      r.code,
      r.village,
      r.headName,
      r.headSex === "male" ? "Nam" : "Nữ",
      r.address,
      r.members,
    ]),
  );
  checked("hộ gia đình", await importItems(tx, actor, households, communeId, file, false));
}

export async function importClanList(
  tx: Db,
  actor: Actor,
  communeId: number,
  rows: { name: string; headName: string }[],
) {
  const file = csvFile(
    "danh-sach-dong-ho.csv",
    ["Tên dòng họ", "Trưởng họ"],
    rows.map((r) => [r.name, r.headName]),
  );
  checked("dòng họ", await importItems(tx, actor, clans, communeId, file, false));
}

export async function importOrganizationList(
  tx: Db,
  actor: Actor,
  communeId: number,
  rows: { code: string; name: string; kind: string }[],
) {
  const labels: Record<string, string> = {
    school: "Trường học",
    agency: "Cơ quan",
    enterprise: "Doanh nghiệp",
    other: "Khác",
  };
  const file = csvFile(
    "danh-sach-co-quan.csv",
    ["Mã đơn vị", "Tên cơ quan, đơn vị", "Loại hình"],
    rows.map((r) => [r.code, r.name, labels[r.kind] ?? r.kind]),
  );
  checked("cơ quan, đơn vị", await importItems(tx, actor, organizations, communeId, file, false));
}

export async function importCitizenList(
  tx: Db,
  actor: Actor,
  communeId: number,
  rows: { village: string; fullName: string; birthYear: number; group: string }[],
) {
  const file = csvFile(
    "danh-sach-cong-dan.csv",
    ["Thôn, tổ dân phố", "Họ và tên", "Năm sinh", "Đối tượng"],
    rows.map((r) => [r.village, r.fullName, r.birthYear, r.group]),
  );
  checked("công dân", await importItems(tx, actor, citizens, communeId, file, false));
}

export type MemberBookRow = {
  number: string;
  fullName: string;
  sex: Sex;
  birthYear: number;
  /** The residential group's name, or empty for the commune. */
  village: string;
  chapterCode: string;
  joinedOn: string;
  role: "member" | "officer" | "honorary";
};

const dmy = (iso: string) => iso.split("-").reverse().join("/");
const roleLabels = { member: "Hội viên", officer: "Ủy viên ban chấp hành", honorary: "Hội viên danh dự" };

/** The Hội's member book as its Excel file (the import template's headings). */
export async function importMemberBook(tx: Db, actor: Actor, communeId: number, rows: MemberBookRow[]) {
  const file = csvFile(
    "so-hoi-vien.csv",
    [
      "Số thẻ",
      "Họ và tên",
      "Giới tính",
      "Năm sinh",
      "Thôn, tổ dân phố",
      "Chi hội",
      "Ngày vào hội",
      "Vai trò",
    ],
    rows.map((r) => [
      r.number,
      r.fullName,
      r.sex === "male" ? "Nam" : "Nữ",
      r.birthYear,
      r.village,
      r.chapterCode,
      dmy(r.joinedOn),
      roleLabels[r.role],
    ]),
  );
  checked("sổ hội viên", await importItems(tx, actor, members, communeId, file, false));
}

/** The 2025 reform: the old ward's lists are closed (households "moved"), the new ward keeps its own. */
export async function archiveOldRegistry(
  tx: Db,
  actor: Actor,
  ids: { households: number[]; clans: number[]; organizations: number[]; citizens: number[] },
) {
  const archive = (kind: KindDeclaration, id: number, reason?: string) =>
    archiveItem(tx, actor, kind, id, reason);
  for (const id of ids.households) await archive(households, id, "moved");
  for (const id of ids.clans) await archive(clans, id);
  for (const id of ids.organizations) await archive(organizations, id);
  for (const id of ids.citizens) await archive(citizens, id);
}
