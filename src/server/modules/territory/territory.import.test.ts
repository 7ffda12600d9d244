import { existsSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encoders } from "../../../../test/fixtures/encodings";
import {
  smallCommunes2025,
  smallProvinces2025,
  smallSuccession,
  smallUnits2025_03,
} from "../../../../test/fixtures/units";
import { describeEachEngine, freshDatabase } from "../../../../test/helpers/db";
import { commandLineActor } from "../../auth/scope";
import type { Connection, Db } from "../../db/connection";
import { AppError } from "../../errors";
import { importUnitFile } from "./territory.import";
import type { UnitImportFormat } from "./unit-lists";

const shared = "../shared/data/dvhc";
const haveShared = existsSync(`${shared}/communes-2025.csv`);
if (!haveShared) console.log(`[skip] ${shared} is absent: the national-list import test is skipped`);

const nationalFiles = [
  ["units-2025-03", "units-2025-03-01.csv"],
  ["provinces-2025", "provinces-2025.csv"],
  ["communes-2025", "communes-2025.csv"],
  ["succession", "succession-2025-07-01.csv"],
] as const;

async function counts(db: Db) {
  const { rows } = await sql<{ level: string; period: string; n: number }>`
    SELECT level, CASE WHEN valid_to IS NOT NULL THEN 'old' ELSE 'new' END AS period, count(*)::int AS n
    FROM admin_units GROUP BY 1, 2`.execute(db);
  const table = Object.fromEntries(rows.map((r) => [`${r.level}:${r.period}`, r.n]));
  const successions = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM unit_successions s JOIN admin_units u ON u.id = s.successor_id
    WHERE u.level = 'commune'`.execute(db);
  return { ...table, successions: successions.rows[0]!.n };
}

const run = (db: Db, format: UnitImportFormat, text: string, dryRun = false) =>
  importUnitFile(db, commandLineActor, format, text, { dryRun });

describeEachEngine("national unit lists", (engine) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await freshDatabase(engine);
  });
  afterAll(() => connection.close());

  it.skipIf(!haveShared)(
    "import completely with the right counts; a second import changes nothing",
    async () => {
      const started = Date.now();
      for (const [format, file] of nationalFiles) {
        const report = await run(connection.db, format, readFileSync(`${shared}/${file}`, "utf8"));
        expect(report.errors).toEqual([]);
      }
      console.log(`[${engine}] import of the four national files: ${Date.now() - started} ms`);
      expect(await counts(connection.db)).toEqual({
        "province:old": 63,
        "district:old": 696,
        "commune:old": 10047,
        "province:new": 34,
        "commune:new": 3321,
        successions: 10604,
      });
      for (const [format, file] of nationalFiles) {
        const report = await run(connection.db, format, readFileSync(`${shared}/${file}`, "utf8"));
        expect(report.created + report.updated).toBe(0);
      }
    },
  );

  it.skipIf(!haveShared)(
    "a damaged copy reports every bad row in Vietnamese and changes nothing",
    async () => {
      const before = await counts(connection.db);
      const lines = readFileSync(`${shared}/communes-2025.csv`, "utf8").split("\n");
      lines[5] = lines[5]!.replace(/^\d{5}/, "123"); // bad code
      lines[9] = lines[8]!; // duplicate
      lines[12] = lines[12]!.replace(/,\d{2},/, ",77,"); // unknown province in 2025
      const report = await run(connection.db, "communes-2025", lines.join("\n"));
      expect(report.errors.map((e) => [e.row, e.column])).toEqual([
        [6, "ma_xa"],
        [10, "ma_xa"],
        [13, "ma_tinh"],
      ]);
      expect(report.errors[0]!.message).toContain("không hợp lệ");
      expect(report.errors[1]!.message).toContain("bị trùng");
      expect(report.errors[2]!.message).toContain("Không có tỉnh/thành phố mã 77");
      expect(await counts(connection.db)).toEqual(before);
    },
  );
});

describe("small unit lists (the project's own fixtures)", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await freshDatabase("pglite");
  });
  afterAll(() => connection.close());

  it("a dry run reports what would change and writes nothing", async () => {
    const report = await run(connection.db, "units-2025-03", smallUnits2025_03, true);
    expect(report).toMatchObject({ dryRun: true, total: 4, created: 9, errors: [] });
    expect(await counts(connection.db)).toEqual({ successions: 0 });
  });

  it("imports, keeps leading zeros, builds full names, and is idempotent", async () => {
    expect((await run(connection.db, "units-2025-03", smallUnits2025_03)).created).toBe(9);
    expect((await run(connection.db, "provinces-2025", smallProvinces2025)).created).toBe(2);
    expect((await run(connection.db, "communes-2025", smallCommunes2025)).created).toBe(3);
    const succession = await run(connection.db, "succession", smallSuccession);
    expect(succession).toMatchObject({ created: 5, errors: [] });
    const again = await run(connection.db, "succession", smallSuccession);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    const bưởi = await connection.db
      .selectFrom("admin_units")
      .selectAll()
      .where("code", "=", "00109")
      .executeTakeFirstOrThrow();
    expect(bưởi).toMatchObject({ name: "Phường Bưởi", kind: "Phường", valid_to: "2025-07-01" });
    const district = await connection.db
      .selectFrom("admin_units")
      .select(["name", "kind"])
      .where("code", "=", "003")
      .executeTakeFirstOrThrow();
    expect(district).toEqual({ name: "Quận Tây Hồ", kind: "Quận" });
  });

  it("derives province successions from the commune list", async () => {
    const { rows } = await sql<{ old: string; new: string; coverage: string }>`
      SELECT o.name AS old, n.name AS new, s.coverage FROM unit_successions s
      JOIN admin_units o ON o.id = s.predecessor_id JOIN admin_units n ON n.id = s.successor_id
      WHERE o.level = 'province' ORDER BY o.code`.execute(connection.db);
    expect(rows).toEqual([
      { old: "Thành phố Hà Nội", new: "Thành phố Hà Nội", coverage: "full" },
      { old: "Thành phố Hồ Chí Minh", new: "Thành phố Hồ Chí Minh", coverage: "full" },
    ]);
  });

  it("rejects a whole file with an unknown successor, a bad kind and a missing header", async () => {
    const bad = `${smallSuccession}00103,Phường Tây Hồ,99999,Phường Không Có,full\n00103,Phường Tây Hồ,00109,Phường Bưởi,toàn bộ\n`;
    const report = await run(connection.db, "succession", bad);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [8, "kieu"],
      [7, "ma_xa_cu"],
    ]);
    const noHeader = await run(connection.db, "communes-2025", "ma_xa,ten_xa\n00103,Phường Tây Hồ\n");
    expect(noHeader.errors[0]?.message).toContain("Thiếu cột ma_tinh, ten_tinh");
  });

  it("reads a list saved as UTF-16 or Windows-1258 as the same names, and refuses bytes it cannot tell", async () => {
    for (const encoding of ["utf-16le with BOM", "windows-1258"] as const) {
      const bytes = new Uint8Array(encoders[encoding](smallProvinces2025));
      const report = await importUnitFile(connection.db, commandLineActor, "provinces-2025", bytes, {
        dryRun: true,
      });
      expect(report).toMatchObject({ errors: [], created: 0, unchanged: 2 });
    }
    const broken = new Uint8Array(
      Buffer.concat([Buffer.from(smallProvinces2025), Buffer.from([0x81, 0xff, 0x0a])]),
    );
    const refused = await importUnitFile(connection.db, commandLineActor, "provinces-2025", broken).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.message).toContain("Lưu tệp dưới dạng CSV UTF-8");
  });
});
