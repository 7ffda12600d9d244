/**
 * No 5xx on any input (issue 14): a fast-check walk of EVERY operation of the OpenAPI document as each role
 * (system admin, a province unit admin, a ward data-entry officer, a reviewer, a viewer, anonymous) with
 * generated valid-shaped and invalid inputs (bad types, NUL, huge strings, impossible dates, other communes'
 * ids, broken files). It fails on any 5xx, any status the operation does not document, and any JSON body that
 * does not match its documented schema. Bounded: RUNS cases per operation and role.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import type { Ids } from "../helpers/walker/arbitraries";
import { answerChecker, type Operation, operationsOf } from "../helpers/walker/document";
import { callOf, describeFailure, send } from "../helpers/walker/walk";

const RUNS = 2;
const actors = ["quantri", "hanoi", "tayho", "tayho.duyet", "to1.tayho", "anonymous"] as const;

/** Ids of the caller's own commune, of other communes and provinces, and of nothing. */
export async function idPool(t: TestApp): Promise<Ids> {
  const ids = new Set<number>([1, 2, 999_999_999]);
  for (const table of [
    "admin_units",
    "households",
    "clans",
    "organizations",
    "citizens",
    "registrations",
    "decisions",
    "app_users",
    "role_grants",
    "rubrics",
    "targets",
  ] as const) {
    const rows = await t.db.selectFrom(table).select("id").orderBy("id", "desc").limit(3).execute();
    for (const row of rows) ids.add(Number(row.id));
  }
  for (const code of ["00103", "07069", "27169"]) {
    const unit = await t.unitId(code);
    ids.add(unit);
    const child = await t.db
      .selectFrom("admin_units")
      .select("id")
      .where("parent_id", "=", unit)
      .executeTakeFirst();
    if (child) ids.add(child.id);
    const household = await t.db
      .selectFrom("households")
      .select("id")
      .where("commune_id", "=", unit)
      .executeTakeFirst();
    if (household) ids.add(household.id);
  }
  return { all: [...ids] };
}

describeEachEngine("property walk of every operation", (engine) => {
  let t: TestApp;
  let operations: Operation[];
  let ids: Ids;
  const clients = new Map<string, ApiClient>();
  beforeAll(async () => {
    t = await demoApp(engine);
    operations = operationsOf((await t.anonymous().get("/api/v1/openapi.json")).body);
    ids = await idPool(t);
    for (const actor of actors) clients.set(actor, actor === "anonymous" ? t.anonymous() : await t.as(actor));
  }, 120_000);
  afterAll(() => t.close());

  it("every operation as every role: no 5xx, only documented statuses, bodies matching their schemas", async () => {
    const check = answerChecker();
    const failures: string[] = [];
    let calls = 0;
    const started = performance.now();
    for (const operation of operations) {
      if (operation.name === "POST /auth/logout") continue; // ends the walkers' sessions; covered below
      for (const actor of actors) {
        try {
          await fc.assert(
            fc.asyncProperty(callOf(operation, ids), async (call) => {
              calls++;
              let client = clients.get(actor)!;
              let answer = await send(client, operation, call);
              if (answer.status === 401 && actor !== "anonymous") {
                // A walked PATCH /users may have changed this actor's password or ended its sessions.
                client = await t.as(actor).catch(() => client);
                clients.set(actor, client);
                answer = await send(client, operation, call);
              }
              const verdict = check(
                operation,
                answer.status,
                answer.headers.get("content-type") ?? "",
                answer.body,
              );
              if (!verdict.ok) throw new Error(describeFailure(operation, actor, call, verdict));
            }),
            { numRuns: RUNS, endOnFailure: true },
          );
        } catch (error) {
          const { message, cause } = error as Error & { cause?: Error };
          const report = `${cause?.message ?? ""}\n${message}`.split("\n");
          failures.push(report.find((line) => line.includes(" → ")) ?? report.slice(0, 6).join(" "));
        }
      }
    }
    const logout = operations.find((o) => o.name === "POST /auth/logout")!;
    for (const actor of actors) {
      const answer = await clients.get(actor)!.post("/api/v1/auth/logout");
      const verdict = check(logout, answer.status, answer.headers.get("content-type") ?? "", answer.body);
      if (!verdict.ok) failures.push(`POST /auth/logout as ${actor}: ${verdict.why}`);
    }
    console.log(
      `walk [${engine}]: ${operations.length} operations × ${actors.length} roles, ${calls} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
