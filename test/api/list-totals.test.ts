/**
 * Registry lists read what the page shows (src/server/registry/list.ts): a kind listed by its unit's name pages
 * through the units in name order, and a plain list reads its total from the title's "tổng số". Both must answer
 * exactly what counting and sorting every row answers: the same ids in the same order at any offset, the same
 * total, and the declared title must be the one the table's triggers keep.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registryKinds } from "../../src/shared/registry/kinds";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("registry lists by unit, with totals", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let province: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    province = await t.unitId("01");
  });
  afterAll(() => t.close());

  /** The households under a unit as a plain sort of every row gives them (as the owner: no scope to apply). */
  async function sorted(unitId: number, q = "") {
    const { rows } = await sql<{ id: string }>`
      SELECT h.id FROM households h JOIN admin_units u ON u.id = h.village_id
      WHERE h.village_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unitId})
        AND h.archived_at IS NULL AND h.search_name LIKE ${`%${q}%`}
      ORDER BY u.name, h.code, h.id`.execute(t.db);
    return rows.map((r) => Number(r.id));
  }

  it("the declared totals are the ones the table's triggers keep, by the kind's unit column", async () => {
    const { rows } = await sql<{ table: string; args: string }>`
      SELECT c.relname AS table, encode(g.tgargs, 'escape') AS args FROM pg_trigger g
        JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
      WHERE p.proname = 'hieuhoc_totals_registry' AND g.tgname LIKE '%_insert'`.execute(t.db);
    const kept = Object.fromEntries(rows.map((r) => [r.table, r.args.split("\\000").filter(Boolean)]));
    const declared = Object.fromEntries(
      registryKinds.filter((k) => k.totals).map((k) => [k.table, [k.totals, k.unit.column]]),
    );
    expect(declared).toEqual(kept);
    expect(Object.keys(declared)).toEqual(expect.arrayContaining(["households", "citizens"]));
  });

  it("a province's households page by village name exactly as sorting them all does, at any offset", async () => {
    // Sixty more households spread over the villages of two wards, so that pages cross villages and wards.
    for (const code of ["00103", "00091"]) {
      const villages = (await hanoi.get(`/api/v1/units/${await t.unitId(code)}/children`)).body.units;
      for (let i = 0; i < 30; i++) {
        const created = await hanoi.post("/api/v1/households", {
          villageId: villages[i % villages.length].id,
          headName: `Nguyễn Văn Thử ${code}-${i}`,
          members: 3,
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
      }
    }
    const all = await sorted(province);
    expect(all.length).toBeGreaterThan(60);
    // Villages of the same name in different wards ("Tổ dân phố số 1") interleave by code: the demo has some.
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM (SELECT u.name FROM admin_units u
        WHERE u.id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${province})
          AND u.level = 'village' GROUP BY u.name HAVING count(*) > 1) x`.execute(t.db);
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    for (const [offset, limit] of [
      [0, 50],
      [7, 13],
      [20, 10],
      [31, 4],
      [all.length - 5, 50],
      [all.length + 3, 10],
    ] as const) {
      const page = await hanoi.get(`/api/v1/households?unitId=${province}&offset=${offset}&limit=${limit}`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(all.length);
      expect(page.body.households.map((h: { id: number }) => h.id)).toEqual(
        all.slice(offset, offset + limit),
      );
    }
    // Each row names its village's commune (the page shows "Tổ dân phố số 1, Phường Tây Hồ" above a commune).
    const communes = await sql<{ id: string; commune: string }>`
      SELECT h.id, c.name AS commune FROM households h JOIN admin_units c ON c.id = h.commune_id`.execute(
      t.db,
    );
    const communeOf = new Map(communes.rows.map((r) => [Number(r.id), r.commune]));
    const first = await hanoi.get(`/api/v1/households?unitId=${province}&limit=100`);
    const named = first.body.households.map((h: { id: number; village: { communeName: string } }) => [
      communeOf.get(h.id),
      h.village.communeName,
    ]);
    expect(new Set(named.map(([, name]: string[]) => name)).size).toBe(2);
    for (const [expected, name] of named) expect(name).toBe(expected);
    const searched = await hanoi.get(`/api/v1/households?unitId=${province}&q=nguyen&limit=500`);
    const found = await sorted(province, "nguyen");
    expect(searched.body.total).toBe(found.length);
    expect(searched.body.households.map((h: { id: number }) => h.id)).toEqual(found);
  });

  it("every kind's total at a province, a ward and a village is the count of its rows there", async () => {
    // A province's and a commune's totals are their own rows of the level tables (0052); a village's its row.
    const ward = await t.unitId("00103");
    const village = (await hanoi.get(`/api/v1/units/${ward}/children`)).body.units[0].id as number;
    for (const kind of registryKinds.filter((k) => k.totals)) {
      for (const unitId of [province, ward, village]) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(kind.table)} r
          WHERE r.archived_at IS NULL AND ${sql.ref(`r.${kind.unit.column}`)} IN
            (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unitId})`.execute(t.db);
        const listed = await hanoi.get(`/api/v1/${kind.name}?unitId=${unitId}&limit=1`);
        expect(listed.status, `${kind.name} ${unitId}`).toBe(200);
        expect(listed.body.total, `${kind.name} ${unitId}`).toBe(rows[0]!.n);
      }
    }
  });

  it("the total from the totals follows an archive, and a list of archived rows is counted row by row", async () => {
    const ward = await t.unitId("00103");
    const tayho = await t.as("tayho");
    const before = (await hanoi.get(`/api/v1/households?unitId=${province}&limit=1`)).body.total;
    const wardBefore = (await tayho.get(`/api/v1/households?unitId=${ward}&limit=1`)).body;
    const archivedBefore = (await tayho.get(`/api/v1/households?unitId=${ward}&archived=1&limit=1`)).body
      .total;
    const id = wardBefore.households[0].id;
    const archived = await tayho.post(`/api/v1/households/${id}/archive?communeId=${ward}`, {
      reason: "moved",
    });
    expect(archived.status).toBe(204);
    expect((await hanoi.get(`/api/v1/households?unitId=${province}&limit=1`)).body.total).toBe(before - 1);
    expect((await tayho.get(`/api/v1/households?unitId=${ward}&limit=1`)).body.total).toBe(
      wardBefore.total - 1,
    );
    const archivedList = (await tayho.get(`/api/v1/households?unitId=${ward}&archived=1&limit=500`)).body;
    expect(archivedList.total).toBe(archivedBefore + 1);
    expect(archivedList.households.map((h: { id: number }) => h.id)).toContain(id);
    expect((await sorted(province)).length).toBe(before - 1);
  });
});
