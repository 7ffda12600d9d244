/**
 * Public open data (no login): the statistics counters of the learning titles per commune, year and title, and
 * their sums per province, for the communes whose recognition decision of that title and year is issued. No
 * personal data: only counts per administrative unit, named as the unit was when the figures were recorded.
 *
 * Bounded by province: without `province` one row per province (a few hundred rows at most); with it, the
 * province's row and one row per commune of it. Read as the database owner, like the other public pages: the
 * counters hold no personal data and are published to everyone.
 */
import { sql } from "kysely";
import {
  type OpenDataQuery,
  type OpenDataResponse,
  type OpenDataRow,
  openDataDefinitions,
} from "../../../shared/lists";
import { type RecognitionTitle, recognitionTitles, titleLabels } from "../../../shared/rubric";
import type { Db } from "../../db/connection";
import { type CsvCell, writeCsv } from "../../lib/csv";
import { communeYearTotal } from "../stats/frozen-totals";
import { percent } from "../stats/metrics";

type CommuneRow = {
  province_id: number;
  province_code: string;
  province_name: string;
  commune_code: string;
  commune_name: string;
  year: number;
  title: RecognitionTitle;
  registered: number;
  recognized: number;
  total: number;
};

/** Commune × year × title with an issued recognition decision, and their counters; `province` narrows. */
async function publishedCommunes(db: Db, query: OpenDataQuery): Promise<CommuneRow[]> {
  const year = query.year === undefined ? sql`` : sql`AND d.year = ${query.year}`;
  const title = query.title === undefined ? sql`` : sql`AND d.title = ${query.title}`;
  const province = query.province === undefined ? sql`` : sql`AND pu.code = ${query.province}`;
  const { rows } = await sql<CommuneRow>`
    WITH published AS (
      SELECT d.commune_id, d.year::int AS year, d.title, max(d.province_id) AS province_id
      FROM decisions d
      WHERE d.status = 'issued' AND d.kind = 'recognition' AND d.title = ANY (${[...recognitionTitles]}::text[])
        ${year} ${title}
      GROUP BY 1, 2, 3
    )
    SELECT p.province_id, pu.code AS province_code, pu.name AS province_name, cu.code AS commune_code,
      cu.name AS commune_name, p.year, p.title,
      coalesce((SELECT sum(c.registered) FROM title_counters c WHERE c.commune_id = p.commune_id
        AND c.year = p.year AND c.title = p.title), 0)::int AS registered,
      coalesce((SELECT sum(c.recognized) FROM title_counters c WHERE c.commune_id = p.commune_id
        AND c.year = p.year AND c.title = p.title), 0)::int AS recognized,
      ${communeYearTotal(sql`p.commune_id`, sql`p.year`, sql`p.title`)}::int AS total
    FROM published p
    JOIN admin_units cu ON cu.id = p.commune_id
    JOIN admin_units pu ON pu.id = p.province_id
    WHERE true ${province}
    ORDER BY pu.name, pu.id, p.year DESC, p.title, cu.name, cu.id`.execute(db);
  return rows.map((r) => ({
    ...r,
    province_id: Number(r.province_id),
    year: Number(r.year),
    registered: Number(r.registered),
    recognized: Number(r.recognized),
    total: Number(r.total),
  }));
}

const titleOrder = (title: RecognitionTitle) => recognitionTitles.indexOf(title);

function row(level: OpenDataRow["level"], r: Omit<CommuneRow, "province_id">, communes: number): OpenDataRow {
  return {
    level,
    provinceCode: r.province_code,
    provinceName: r.province_name,
    communeCode: level === "commune" ? r.commune_code : "",
    communeName: level === "commune" ? r.commune_name : "",
    year: r.year,
    title: r.title,
    titleLabel: titleLabels[r.title],
    registered: r.registered,
    recognized: r.recognized,
    total: r.total,
    rate: percent(r.recognized, r.total),
    communes,
  };
}

/**
 * One row per province × year × title: the sums of its published communes. A province's versions with the same
 * code and name (Hà Nội before and after 1/7/2025) are one row.
 */
function provinceRows(communes: CommuneRow[]): OpenDataRow[] {
  const sums = new Map<string, { row: CommuneRow; communes: number }>();
  for (const c of communes) {
    const key = `${c.province_code}:${c.province_name}:${c.year}:${c.title}`;
    const sum = sums.get(key);
    if (!sum) sums.set(key, { row: { ...c }, communes: 1 });
    else {
      sum.row.registered += c.registered;
      sum.row.recognized += c.recognized;
      sum.row.total += c.total;
      sum.communes++;
    }
  }
  return [...sums.values()]
    .sort(
      (a, b) =>
        b.row.year - a.row.year ||
        titleOrder(a.row.title) - titleOrder(b.row.title) ||
        a.row.province_name.localeCompare(b.row.province_name, "vi") ||
        a.row.province_code.localeCompare(b.row.province_code),
    )
    .map((s) => row("province", s.row, s.communes));
}

export async function openData(db: Db, query: OpenDataQuery): Promise<OpenDataResponse> {
  const communes = await publishedCommunes(db, query);
  const provinces = await sql<{ code: string; name: string }>`
    SELECT DISTINCT pu.code, pu.name FROM decisions d JOIN admin_units pu ON pu.id = d.province_id
    WHERE d.status = 'issued' AND d.kind = 'recognition' ORDER BY pu.name, pu.code`.execute(db);
  const years = await sql<{ year: number }>`
    SELECT DISTINCT year::int AS year FROM decisions WHERE status = 'issued' AND kind = 'recognition'
    ORDER BY 1 DESC`.execute(db);
  const sorted = [...communes].sort(
    (a, b) =>
      b.year - a.year ||
      titleOrder(a.title) - titleOrder(b.title) ||
      a.commune_name.localeCompare(b.commune_name, "vi"),
  );
  const rows =
    query.province === undefined
      ? provinceRows(communes)
      : [...provinceRows(communes), ...sorted.map((c) => row("commune", c, 1))];
  return {
    definitions: { ...openDataDefinitions },
    years: years.rows.map((r) => Number(r.year)),
    provinces: provinces.rows,
    rows,
    generatedAt: new Date().toISOString(),
  };
}

export const openDataCsvHeader = [
  "Cấp",
  "Mã tỉnh",
  "Tỉnh, thành phố",
  "Mã xã",
  "Xã, phường",
  "Năm",
  "Mã danh hiệu",
  "Danh hiệu",
  "Đăng ký",
  "Đạt",
  "Tổng số",
  "Tỷ lệ đạt (%)",
  "Số xã, phường",
];

/** The same rows as the JSON; UTF-8 with BOM, ";", CRLF, rates with a decimal comma (writeCsv). */
export function openDataCsv(data: OpenDataResponse): string {
  const levels = { province: "Tỉnh", commune: "Xã" } as const;
  return writeCsv([
    openDataCsvHeader,
    ...data.rows.map((r): CsvCell[] => [
      levels[r.level],
      r.provinceCode,
      r.provinceName,
      r.communeCode,
      r.communeName,
      r.year,
      r.title,
      r.titleLabel,
      r.registered,
      r.recognized,
      r.total,
      r.rate,
      r.communes,
    ]),
  ]);
}
