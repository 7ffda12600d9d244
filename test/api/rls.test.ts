/** Row-level security behind the query scope: raw SQL run as the application role sees only the caller's units. */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "../../src/server/db/connection";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

async function asAppRole<T>(db: Db, userId: number | null, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SET LOCAL ROLE hieuhoc_app`.execute(tx);
    if (userId !== null) await sql`SELECT set_config('hieuhoc.user_id', ${String(userId)}, true)`.execute(tx);
    return work(tx);
  });
}

const userId = async (t: TestApp, username: string) =>
  (await t.db.selectFrom("app_users").select("id").where("username", "=", username).executeTakeFirstOrThrow())
    .id;

describeEachEngine("row-level security", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("a raw query as a commune user's role reads only that commune's subtree and its ancestors", async () => {
    const maokhe = await userId(t, "maokhe");
    const names = await asAppRole(
      t.db,
      maokhe,
      async (tx) =>
        (
          await sql<{
            name: string;
            level: string;
          }>`SELECT name, level FROM admin_units ORDER BY level, name`.execute(tx)
        ).rows,
    );
    const visible = names.map((n) => n.name);
    expect(visible).toContain("Phường Mạo Khê");
    expect(visible).toContain("Khu phố 1");
    expect(visible).toContain("Tỉnh Quảng Ninh"); // the province above, by name only
    expect(visible).not.toContain("Phường Tây Hồ");
    expect(visible).not.toContain("Phường Diên Hồng");
    const total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM admin_units`.execute(t.db))
      .rows[0]!.n;
    expect(names.length).toBeLessThan(total / 5);
    const users = await asAppRole(t.db, maokhe, async (tx) =>
      (await sql<{ username: string }>`SELECT username FROM app_users ORDER BY 1`.execute(tx)).rows.map(
        (r) => r.username,
      ),
    );
    expect(users).toEqual(["maokhe"]);
  });

  it("without a user id the application role reads nothing, and cannot read password hashes at all", async () => {
    const count = await asAppRole(
      t.db,
      null,
      async (tx) =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM admin_units`.execute(tx)).rows[0]!.n,
    );
    expect(count).toBe(0);
    await expect(
      asAppRole(t.db, await userId(t, "quantri"), (tx) =>
        sql`SELECT password_hash FROM app_users`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it("refuses a raw insert outside the scope, and any change to the audit log", async () => {
    const maokhe = await userId(t, "maokhe");
    const hcmWard = await t.unitId("27169");
    await expect(
      asAppRole(t.db, maokhe, (tx) =>
        sql`INSERT INTO admin_units (level, code, name, kind, parent_id) VALUES ('village', 'X1', 'Khu phố X', 'Khu phố', ${hcmWard})`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(asAppRole(t.db, maokhe, (tx) => sql`DELETE FROM audit_log`.execute(tx))).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it("a grant on a 2025 ward reads its predecessors' history, a grant elsewhere does not", async () => {
    const tayho = await userId(t, "tayho");
    const maokhe = await userId(t, "maokhe");
    const buoi = await t.unitId("00109", { old: true });
    const read = (user: number) =>
      asAppRole(
        t.db,
        user,
        async (tx) =>
          (await sql<{ name: string }>`SELECT name FROM admin_units WHERE id = ${buoi}`.execute(tx)).rows,
      );
    expect(await read(tayho)).toEqual([{ name: "Phường Bưởi" }]);
    expect(await read(maokhe)).toEqual([]);
  });

  it("hieuhoc_units_under lists the units under a unit the caller reads, and nothing under any other", async () => {
    const tayho = await userId(t, "tayho");
    const under = (unit: number) =>
      asAppRole(t.db, tayho, async (tx) =>
        (
          await sql<{ name: string }>`SELECT name FROM hieuhoc_units_under(${unit}, ARRAY['village'])
              ORDER BY name`.execute(tx)
        ).rows.map((r) => r.name),
      );
    expect(await under(await t.unitId("00103"))).toEqual([
      "Tổ dân phố số 1",
      "Tổ dân phố số 2",
      "Tổ dân phố số 3",
    ]);
    // The province (an ancestor, whose own row tayho sees) and a neighbouring ward: not read, so nothing.
    expect(await under(await t.unitId("01"))).toEqual([]);
    expect(await under(await t.unitId("00091"))).toEqual([]);
  });
});
