/**
 * 1,000 malformed bodies spread over every write route of the document (bad JSON, empty, wrong or missing
 * content type, random bytes, broken multipart, JSON of the wrong shape), sent by a logged-in system
 * administrator with a valid CSRF token so that each body is really read: 0 answers of 5xx, every answer a
 * documented status with the error body.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { malformedBody } from "../helpers/walker/arbitraries";
import { answerChecker, operationsOf } from "../helpers/walker/document";

const BODIES = 1000;

describeEachEngine("1,000 malformed bodies", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  }, 120_000);
  afterAll(() => t.close());

  it("over the write routes: no 5xx, documented statuses, the error body", async () => {
    const admin = await t.as("quantri");
    const operations = operationsOf((await t.anonymous().get("/api/v1/openapi.json")).body).filter(
      (o) => o.method !== "GET" && o.name !== "POST /auth/logout",
    );
    const ward = await t.unitId("00103");
    const household = await t.db
      .selectFrom("households")
      .select("id")
      .where("commune_id", "=", ward)
      .executeTakeFirstOrThrow();
    const check = answerChecker();
    const bodies = fc.sample(malformedBody, { numRuns: BODIES, seed: 20261130 });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [index, { body, type }] of bodies.entries()) {
      const operation = operations[index % operations.length]!;
      const id = operation.path.startsWith("/units/") ? ward : household.id;
      const path = `/api/v1${operation.path.replace(/\{[^}]+\}/g, String(id))}`;
      const answer = await admin.send(operation.method, path, body as BodyInit, type);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const verdict = check(operation, answer.status, answer.headers.get("content-type") ?? "", answer.body);
      if (!verdict.ok)
        failures.push(
          `${operation.name} ${type} ${JSON.stringify(String(body)).slice(0, 80)}: ${verdict.why}`,
        );
      else if (answer.status >= 400) expect(answer.body.error.message, operation.name).toBeTruthy();
    }
    console.log(
      `malformed bodies [${engine}]: ${operations.length} write routes, statuses`,
      Object.fromEntries(statuses),
    );
    expect(bodies.length).toBe(BODIES);
    expect(failures).toEqual([]);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
  }, 300_000);
});
