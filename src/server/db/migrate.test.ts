import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine, freshDatabase } from "../../../test/helpers/db";
import type { Connection } from "./connection";
import { migrate } from "./migrate";

describeEachEngine("migrations", (engine) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await freshDatabase(engine);
  });
  afterAll(() => connection.close());

  it("are recorded, and a second run applies nothing", async () => {
    const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(connection.db);
    expect(rows.rows.map((r) => r.name)).toContain("0001_foundation.sql");
    expect(await migrate(connection.db)).toEqual([]);
  });

  it("fold search names the same way as the web does", async () => {
    const { rows } = await sql<{
      folded: string;
    }>`SELECT hieuhoc_fold(${"  Phường  TÂY Hồ Đông "}) AS folded`.execute(connection.db);
    expect(rows[0]?.folded).toBe("phuong tay ho dong");
  });
});
