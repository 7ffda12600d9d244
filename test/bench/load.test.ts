/**
 * The HTTP load benchmark (bench/load, `npm run bench:load`) kept alive: its checks and driver run against a real
 * server on the basic demo data (PGlite; Tây Hồ's households registered for this year through the API) for two
 * seconds with three sessions, one at each level; the report has its shape and no error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFigures } from "../../bench/load/checks";
import { login, loginAll, runStep, sessionUsers } from "../../bench/load/driver";
import { buildPlan, type Plan } from "../../bench/load/plan";
import { processProbe } from "../../bench/load/probe";
import { markdown } from "../../bench/load/report";
import { freePort } from "../../e2e/helpers/server";
import { readConfig } from "../../src/server/config";
import type { Connection } from "../../src/server/db/connection";
import { demoPassword, loadDemo } from "../../src/server/demo/demo";
import { type RunningServer, startServer } from "../../src/server/main";
import { ensureSeedRubrics } from "../../src/server/modules/rubrics/rubrics.service";
import { freshDatabase } from "../helpers/db";

describe("bench:load driver", () => {
  let connection: Connection;
  let server: RunningServer;
  let plan: Plan;
  beforeAll(async () => {
    connection = await freshDatabase("pglite");
    await ensureSeedRubrics(connection.db);
    await loadDemo(connection.db);
    const config = {
      ...readConfig({}),
      port: await freePort(),
      logLevel: "silent" as const,
      retentionJob: false,
    };
    server = await startServer(connection, config);
    const { rows } = await connection.pool.query(
      "SELECT h.id::int FROM households h JOIN admin_units c ON c.id = h.commune_id WHERE c.code = '00103'",
    );
    const tayho = await login(
      server.url,
      { username: "tayho", level: "commune", unitId: null },
      demoPassword,
    );
    const registered = await fetch(`${server.url}/api/v1/registrations`, {
      method: "POST",
      headers: { cookie: tayho.cookie, "x-csrf-token": tayho.csrfToken, "content-type": "application/json" },
      body: JSON.stringify({
        year: new Date().getFullYear(),
        title: "learning_family",
        subjects: rows.map((r) => ({ kind: "household", id: r.id })),
      }),
    });
    expect(registered.status, await registered.text()).toBe(201);
    plan = await buildPlan(connection.pool, {
      usernames: ["quantri", "hanoi", "tayho"],
      password: demoPassword,
    });
  }, 300_000);
  afterAll(async () => {
    await server?.close();
  });

  it("checks the figures, drives three sessions for two seconds without an error and reports them", async () => {
    expect(plan.users.nation).toHaveLength(1);
    expect(plan.users.province).toHaveLength(1);
    expect(plan.users.commune).toHaveLength(1);
    const tayho = plan.users.commune[0]!.unitId!;
    expect(plan.registrations[String(tayho)]?.length).toBeGreaterThan(0);
    const users = sessionUsers(plan, 3, { nation: 1, province: 1, commune: 1 });
    const sessions = await loginAll(server.url, users, plan.password);
    const checks = await checkFigures(connection.pool, server.url, sessions[0]!, plan);
    expect(checks.differences).toEqual([]);
    expect(checks.checked).toBeGreaterThan(3);

    const report = await runStep({
      baseUrl: server.url,
      plan,
      sessions,
      seconds: 2,
      thinkMs: 20,
      exportSlots: 1,
      seed: 1,
      server: processProbe(process.pid),
    });
    expect(report.errors).toEqual({ count: 0, first: [] });
    expect(report.sessions).toBe(3);
    expect(report.requests).toBeGreaterThan(3);
    expect(report.requestsPerSecond).toBeGreaterThan(0);
    for (const route of Object.values(report.routes)) {
      expect(["read", "write", "export"]).toContain(route.kind);
      expect(route.n).toBeGreaterThan(0);
      expect(route.p50Ms).toBeLessThanOrEqual(route.p99Ms);
      expect(route.p99Ms).toBeLessThanOrEqual(route.maxMs);
    }
    expect(Object.keys(report.routes)).toContain("dashboard nation");
    expect(report.server?.rssAfterMiB).toBeGreaterThan(0);
    expect(report.slowestRead?.p99Ms).toBeGreaterThan(0);
    expect(markdown([report])).toContain("| 3 | dashboard nation | read |");
  }, 60_000);
});
