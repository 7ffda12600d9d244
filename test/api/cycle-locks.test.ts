/**
 * Cycle state changes lock what they depend on. Self-assessments are fired at the same moment as reviews,
 * decision drafts, issues, cancellations, revocations and carrying forward, trial after trial; afterwards every
 * registration's state agrees with its review and decision links, and the statistics counters equal a recount.
 * (Before the locks, a self-assessment saved while the review was recorded left registrations linked to the
 * review but back at "assessed".)
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { decisionBody, registerHouseholds, rubricCache, scoresFor } from "../fixtures/cycle";
import { type ApiClient, demoApp, type TestApp, type TestResponse } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

/** Registrations whose state contradicts their links (empty when all agree). */
async function inconsistentRegistrations(t: TestApp) {
  const { rows } = await sql<{ id: number; status: string; problem: string }>`
    SELECT r.id, r.status, CASE
      WHEN r.status IN ('registered', 'assessed') AND (r.review_id IS NOT NULL OR r.decision_id IS NOT NULL
        OR r.revocation_id IS NOT NULL) THEN 'not reviewed, yet linked'
      WHEN r.status IN ('proposed', 'not_proposed') AND r.review_id IS NULL THEN 'reviewed without a review'
      WHEN r.status = 'not_proposed' AND r.decision_id IS NOT NULL THEN 'not proposed, yet in a decision'
      WHEN r.status = 'proposed' AND d.status = 'issued' THEN 'still proposed under an issued decision'
      WHEN r.status IN ('recognized', 'revoked') AND (d.status IS DISTINCT FROM 'issued' OR r.certificate_code IS NULL)
        THEN 'recognised without an issued decision'
      WHEN r.status = 'recognized' AND v.status = 'issued' THEN 'not revoked under an issued revocation'
      WHEN r.status = 'revoked' AND v.status IS DISTINCT FROM 'issued' THEN 'revoked without a revocation'
      WHEN r.revocation_id IS NOT NULL AND r.status NOT IN ('recognized', 'revoked') THEN 'revocation of nothing'
    END AS problem
    FROM registrations r
    LEFT JOIN decisions d ON d.commune_id = r.commune_id AND d.id = r.decision_id
    LEFT JOIN decisions v ON v.commune_id = r.commune_id AND v.id = r.revocation_id`.execute(t.db);
  return rows.filter((r) => r.problem !== null);
}

describeEachEngine("cycle state changes under concurrency", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let hanoi: ApiClient;
  let reviewer: ApiClient;
  let ward: number;
  const statuses: Record<string, number> = {};

  beforeAll(async () => {
    t = await demoApp(engine);
    [tayho, hanoi, reviewer] = await Promise.all([t.as("tayho"), t.as("hanoi"), t.as("tayho.duyet")]);
    ward = await t.unitId("00103");
  });
  afterAll(() => t.close());

  /** Runs requests at once; counts their statuses and fails on any 5xx (a deadlock would be one). */
  async function together(requests: Promise<TestResponse>[]) {
    const responses = await Promise.all(requests);
    for (const r of responses) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    }
    return responses;
  }

  const list = async (year: number) =>
    (await tayho.get(`/api/v1/registrations?unitId=${ward}&year=${year}&title=learning_family`)).body
      .registrations as any[];

  it("assessments interleaved with reviews and decisions never leave a registration between states", {
    timeout: 400_000,
  }, async () => {
    // PGlite has one connection and runs requests one after another, so interleavings only happen on PostgreSQL:
    // six years there, three on PGlite (the same code paths, without the waiting that finds races).
    const years = Array.from({ length: engine === "postgres" ? 6 : 3 }, (_, i) => 2015 + i);
    await registerHouseholds(t, tayho, ward, years);
    const rubric = rubricCache(tayho);
    const assess = async (client: ApiClient, r: any, minus: number) =>
      client.post(`/api/v1/registrations/${r.id}/assessment`, {
        scores: scoresFor(await rubric(r.rubric.id), minus),
        version: r.version,
      });
    const review = (year: number, records: any[], day: number) =>
      hanoi.post("/api/v1/reviews", {
        unitId: ward,
        year,
        title: "learning_family",
        heldOn: `${year}-12-${day}`,
        participants: "Chi hội khuyến học",
        // No versions: the locks alone must keep the states straight.
        outcomes: records.map((r, i) => ({ registrationId: r.id, proposed: i % 4 !== 3 })),
      });

    for (const year of years) {
      // Everything self-assessed once, then re-assessed by two people while the review is recorded.
      for (const r of await list(year)) expect((await assess(tayho, r, 0)).status).toBe(200);
      let records = await list(year);
      await together([
        review(year, records, 10),
        ...records.flatMap((r) => [assess(tayho, r, 5), assess(hanoi, r, 9)]),
      ]);
      // A second meeting, a decision draft and late assessments at once.
      records = await list(year);
      const proposed = records.filter((r) => r.status === "proposed");
      const [, drafted] = await together([
        review(year, records, 20),
        tayho.post(
          "/api/v1/decisions",
          decisionBody(
            ward,
            year,
            `${year}/QĐ`,
            proposed.map((r) => r.id),
          ),
        ),
        ...records.map((r) => assess(tayho, r, 3)),
      ]);
      // Issue, cancel and review the draft's records at once (when the draft got through).
      records = await list(year);
      const draft = drafted!.status === 201 ? drafted!.body.decision : null;
      if (draft)
        await together([
          reviewer.post(`/api/v1/decisions/${draft.id}/issue`),
          ...(year % 2 === 0 ? [hanoi.delete(`/api/v1/decisions/${draft.id}`)] : []),
          review(year, records, 28),
          ...records.map((r) => assess(hanoi, r, 1)),
        ]);
      // Revoke what was recognised while re-drafting and re-reviewing.
      records = await list(year);
      const recognized = records.filter((r) => r.status === "recognized").map((r) => r.id);
      if (recognized.length > 0) {
        const revocation = await tayho.post(
          "/api/v1/decisions",
          decisionBody(ward, year, `${year}/QĐ-TH`, recognized, "revocation"),
        );
        expect(revocation.status, JSON.stringify(revocation.body)).toBe(201);
        await together([
          reviewer.post(`/api/v1/decisions/${revocation.body.decision.id}/issue`),
          tayho.post(
            "/api/v1/decisions",
            decisionBody(ward, year, `${year}/QĐ-TH2`, recognized, "revocation"),
          ),
          review(year, records, 30),
        ]);
      }
      expect(await inconsistentRegistrations(t)).toEqual([]);
    }
    // Carrying the last year forward while its records are reviewed and reassessed.
    const last = await list(2024);
    await together([
      tayho.post(`/api/v1/units/${ward}/registrations/carry-forward`, {
        fromYear: 2024,
        toYear: 2026,
        title: "learning_family",
      }),
      review(2024, last, 31),
      ...last.map((r) => assess(tayho, r, 2)),
    ]);
    expect(await inconsistentRegistrations(t)).toEqual([]);
    expect((await list(2026)).length).toBe(last.length);
    const { differences } = await verifyCounters(t.db);
    expect(differences).toEqual([]);
    // Both outcomes happened: saves that went through and saves refused because the state had moved on.
    expect(statuses[200]).toBeGreaterThan(0);
    expect((statuses[409] ?? 0) + (statuses[422] ?? 0)).toBeGreaterThan(0);
  });
});
