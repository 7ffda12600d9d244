/**
 * Child process of the XLSX measurement: streams `rows` household rows (village, commune and province names
 * joined) from PostgreSQL in keyset pages through src/server/lib/xlsx-stream.ts into a file, and prints its time,
 * the file size and the peak resident memory (sampled every 10 ms, and the kernel's maximum).
 * Usage: node --import tsx bench/national/xlsx-child.ts <databaseUrl> <rows> <outputFile>
 */
import { createWriteStream, statSync } from "node:fs";
import pg from "pg";
import { writeXlsx, type XlsxCell } from "../../src/server/lib/xlsx-stream";

const [databaseUrl, rowsText, output] = process.argv.slice(2);
const wanted = Number(rowsText);
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
let pass = 0;

/** Pages of 5,000 by (commune_id, id); starts again from the first household if the table has fewer rows. */
async function* rows(): AsyncGenerator<XlsxCell[]> {
  let sent = 0;
  let after: [number, number] = [0, 0];
  while (sent < wanted) {
    const { rows: page } = await client.query(
      `SELECT h.commune_id, h.id, h.code, h.head_name, h.address, h.members, h.phone,
         v.name AS village, c.name AS commune, p.name AS province
       FROM households h JOIN admin_units v ON v.id = h.village_id JOIN admin_units c ON c.id = h.commune_id
         JOIN admin_units p ON p.id = h.province_id
       WHERE (h.commune_id, h.id) > ($1, $2) AND h.archived_at IS NULL
       ORDER BY h.commune_id, h.id LIMIT $3`,
      [after[0], after[1], Math.min(5000, wanted - sent)],
    );
    if (page.length === 0) {
      if (after[0] === 0) throw new Error("no households to export");
      after = [0, 0];
      pass++;
      continue;
    }
    for (const r of page) {
      yield [r.province, r.commune, r.village, r.code, r.head_name, r.address, r.members, r.phone];
      sent++;
    }
    const last = page[page.length - 1];
    after = [Number(last.commune_id), Number(last.id)];
  }
}

const t0 = performance.now();
await writeXlsx(
  createWriteStream(output!),
  {
    name: "Hộ gia đình",
    titleLines: ["DANH SÁCH HỘ GIA ĐÌNH", "Số liệu kiểm thử hiệu năng"],
    columns: [
      { header: "Tỉnh, thành phố" },
      { header: "Xã, phường" },
      { header: "Thôn, tổ dân phố" },
      { header: "Mã hộ", width: 12 },
      { header: "Họ và tên chủ hộ" },
      { header: "Địa chỉ", width: 36 },
      { header: "Số nhân khẩu", kind: "count" },
      { header: "Điện thoại", width: 14 },
    ],
  },
  rows(),
);
const ms = Math.round(performance.now() - t0);
clearInterval(timer);
await client.end();
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  JSON.stringify({
    rows: wanted,
    repeatedPasses: pass,
    ms,
    rowsPerSecond: Math.round(wanted / (ms / 1000)),
    fileBytes: statSync(output!).size,
    peakRssMiB: Math.round(peak / 2 ** 20),
    maxRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
  }),
);
