/**
 * The database's "today" is the date in Vietnam (UTC+7), the same as the services' (todayIso), whatever the
 * server's time zone: from 17:00 UTC it is already the next day in Vietnam.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../src/server/db/connection";
import { vietnamTime } from "../../src/server/modules/territory/dates";
import { todayIso } from "../../src/server/registry/rules";
import { describeEachEngine, freshDatabase } from "../helpers/db";

describeEachEngine("hieuhoc_today", (engine) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await freshDatabase(engine);
  });
  afterAll(() => connection.close());

  const dayAt = async (instant: string) =>
    (await sql<{ d: string }>`SELECT hieuhoc_today(${instant}::timestamptz) AS d`.execute(connection.db))
      .rows[0]!.d;

  it("turns at 17:00 UTC, in any session time zone, and agrees with the services", async () => {
    await sql`SET TIME ZONE 'America/New_York'`.execute(connection.db);
    expect(await dayAt("2026-11-30T16:59:59Z")).toBe("2026-11-30");
    expect(await dayAt("2026-11-30T17:00:00Z")).toBe("2026-12-01");
    expect(await dayAt("2026-12-31T22:50:00Z")).toBe("2027-01-01");
    const { rows } = await sql<{ d: string }>`SELECT hieuhoc_today() AS d`.execute(connection.db);
    expect([todayIso(), new Date(Date.now() - 60_000 + 7 * 3600_000).toISOString().slice(0, 10)]).toContain(
      rows[0]!.d,
    );
  });
});

describe("vietnamTime", () => {
  it("reads a moment on Vietnam's clock (a voucher's approval time), whatever the server's zone", () => {
    expect(vietnamTime("2026-03-02T07:05:00Z")).toBe("2026-03-02T14:05");
    expect(vietnamTime(new Date("2026-11-30T17:30:00Z"))).toBe("2026-12-01T00:30");
  });
});
