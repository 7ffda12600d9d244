/**
 * No lost updates. Two people save the same record at the same moment, both starting from the same version:
 * exactly one save goes through; the other is answered 409 with details.stale naming the winner, and the record
 * holds the winner's values. 100 such pairs at once on score sheets and on targets, a few on the other records.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { decisionBody, registerHouseholds, rubricCache, scoresFor } from "../fixtures/cycle";
import { type ApiClient, demoApp, type TestApp, type TestResponse } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

type Save = { who: string; send: () => Promise<TestResponse> };

/** Fires every pair's two saves at once; returns, per pair, the responses in the pair's order. */
async function race(pairs: [Save, Save][]) {
  const responses = await Promise.all(pairs.flatMap(([a, b]) => [a.send(), b.send()]));
  return pairs.map((pair, i) => ({ pair, responses: [responses[2 * i]!, responses[2 * i + 1]!] }));
}

/** Each pair: one 2xx, one 409 naming the winner; returns the index of the winner in each pair. */
function expectOneWinnerEach(results: Awaited<ReturnType<typeof race>>, version: (i: number) => number) {
  const summary = { pairs: results.length, bothSaved: 0, oneRefused: 0, other: [] as string[] };
  const winners = results.map(({ pair, responses }, i) => {
    const ok = responses.map((r) => r.status >= 200 && r.status < 300);
    if (ok[0] && ok[1]) summary.bothSaved++;
    const winner = ok.indexOf(true);
    const loser = responses[1 - winner];
    if (winner >= 0 && !ok[1 - winner] && loser?.status === 409) {
      summary.oneRefused++;
      expect(loser.body.error.code).toBe("conflict");
      expect(loser.body.error.details.stale).toMatchObject({
        currentVersion: version(i) + 1,
        changedBy: expect.stringContaining(`(${pair[winner]!.who})`),
        changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(loser.body.error.message).toContain(`(${pair[winner]!.who}) lúc`);
    } else if (!(ok[0] && ok[1])) summary.other.push(responses.map((r) => r.status).join("/"));
    return winner;
  });
  expect(summary).toEqual({ pairs: results.length, bothSaved: 0, oneRefused: results.length, other: [] });
  return winners;
}

describeEachEngine("concurrent saves of the same record", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let hanoi: ApiClient;
  let quantri: ApiClient;
  let ward: number;

  beforeAll(async () => {
    t = await demoApp(engine);
    [tayho, hanoi, quantri] = await Promise.all([t.as("tayho"), t.as("hanoi"), t.as("quantri")]);
    ward = await t.unitId("00103");
  });
  afterAll(() => t.close());

  it("100 pairs of score sheets saved at once: one of each pair saved, the other told who won", {
    timeout: 300_000,
  }, async () => {
    const years = Array.from({ length: 11 }, (_, i) => 2015 + i);
    const registrations = (await registerHouseholds(t, tayho, ward, years)).slice(0, 100);
    expect(registrations).toHaveLength(100);
    const rubric = rubricCache(tayho);
    const bodies = await Promise.all(
      registrations.map(async (r) => {
        const sheet = await rubric(r.rubric.id);
        return {
          tayho: { scores: scoresFor(sheet, 0), version: r.version },
          hanoi: { scores: scoresFor(sheet, 7), version: r.version },
        };
      }),
    );
    const results = await race(
      registrations.map((r, i) => [
        {
          who: "tayho",
          send: () => tayho.post(`/api/v1/registrations/${r.id}/assessment`, bodies[i]!.tayho),
        },
        {
          who: "hanoi",
          send: () => hanoi.post(`/api/v1/registrations/${r.id}/assessment`, bodies[i]!.hanoi),
        },
      ]),
    );
    const winners = expectOneWinnerEach(results, (i) => registrations[i]!.version);
    // What is stored is the winner's sheet, at exactly one version further.
    const stored = await t.db
      .selectFrom("registrations")
      .select(["id", "assessment", "version"])
      .where(
        "id",
        "in",
        registrations.map((r) => r.id),
      )
      .execute();
    const byId = new Map(stored.map((s) => [s.id, s]));
    registrations.forEach((r, i) => {
      const winner = winners[i] === 0 ? bodies[i]!.tayho : bodies[i]!.hanoi;
      expect(byId.get(r.id)).toEqual({
        id: r.id,
        assessment: { scores: winner.scores },
        version: r.version + 1,
      });
    });
  });

  it("100 pairs of target changes at once: one saved, the other refused with who and when", {
    timeout: 300_000,
  }, async () => {
    const province = await t.unitId("01", { level: "province" });
    const targets: any[] = [];
    for (let year = 2001; year <= 2100; year++) {
      const created = await hanoi.post("/api/v1/targets", {
        unitId: province,
        title: "learning_clan",
        year,
        value: 50,
        basis: { number: "12/KH-UBND", issuer: "UBND Thành phố Hà Nội" },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      targets.push(created.body.target);
    }
    const results = await race(
      targets.map((target) => [
        { who: "hanoi", send: () => hanoi.patch(`/api/v1/targets/${target.id}`, { value: 60, version: 1 }) },
        {
          who: "quantri",
          send: () => quantri.patch(`/api/v1/targets/${target.id}`, { value: 70, version: 1 }),
        },
      ]),
    );
    const winners = expectOneWinnerEach(results, () => 1);
    const stored = await t.db
      .selectFrom("targets")
      .select(["id", "value", "version"])
      .where(
        "id",
        "in",
        targets.map((x) => x.id),
      )
      .execute();
    const byId = new Map(stored.map((s) => [Number(s.id), s]));
    targets.forEach((target, i) => {
      expect(Number(byId.get(target.id)!.value)).toBe(winners[i] === 0 ? 60 : 70);
      expect(byId.get(target.id)!.version).toBe(2);
    });
  });

  it("villages, users and draft decisions: one of two simultaneous changes, the other 409", async () => {
    const villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units;
    const units = await Promise.all(
      villages.map(async (v: any) => (await tayho.get(`/api/v1/units/${v.id}`)).body.unit),
    );
    const unitResults = await race(
      units.map((unit: any) => [
        {
          who: "tayho",
          send: () =>
            tayho.patch(`/api/v1/units/${unit.id}`, { name: `${unit.name} A`, version: unit.version }),
        },
        {
          who: "hanoi",
          send: () =>
            hanoi.patch(`/api/v1/units/${unit.id}`, { name: `${unit.name} B`, version: unit.version }),
        },
      ]),
    );
    expectOneWinnerEach(unitResults, (i) => units[i].version);

    const users = (await quantri.get("/api/v1/users")).body.users.filter((u: any) =>
      ["tayho.duyet", "to1.tayho", "maokhe"].includes(u.username),
    );
    const userResults = await race(
      users.map((u: any) => [
        {
          who: "quantri",
          send: () => quantri.patch(`/api/v1/users/${u.id}`, { fullName: "Tên A", version: u.version }),
        },
        {
          who: "hanoi",
          send: () => hanoi.patch(`/api/v1/users/${u.id}`, { fullName: "Tên B", version: u.version }),
        },
      ]),
    );
    // Hà Nội's administrator does not administer Mạo Khê's user: that pair is one save and one 404.
    const maokhe = users.findIndex((u: any) => u.username === "maokhe");
    expect(userResults[maokhe]!.responses.map((r) => r.status)).toEqual([204, 404]);
    expectOneWinnerEach(
      userResults.filter((_, i) => i !== maokhe),
      (i) => users.filter((_: any, j: number) => j !== maokhe)[i].version,
    );

    // A draft issued by one reviewer while another cancels it: one goes through, the other is refused.
    const reviewer = await t.as("tayho.duyet");
    const registrations = (
      await tayho.get(`/api/v1/registrations?unitId=${ward}&year=2015&title=learning_family`)
    ).body.registrations.filter((r: any) => r.status === "assessed");
    const outcomes = registrations.map((r: any) => ({
      registrationId: r.id,
      proposed: true,
      version: r.version,
    }));
    const review = await tayho.post("/api/v1/reviews", {
      unitId: ward,
      year: 2015,
      title: "learning_family",
      heldOn: "2015-12-10",
      participants: "Chi hội khuyến học",
      outcomes,
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    const drafted = await tayho.post(
      "/api/v1/decisions",
      decisionBody(
        ward,
        2015,
        "7/QĐ-UBND",
        registrations.map((r: any) => r.id),
      ),
    );
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const draft = drafted.body.decision;
    const [issued, cancelled] = await Promise.all([
      reviewer.request("POST", `/api/v1/decisions/${draft.id}/issue`, { version: draft.version }),
      hanoi.delete(`/api/v1/decisions/${draft.id}?version=${draft.version}`),
    ]);
    const statuses = [issued.status, cancelled.status].sort();
    expect([
      [200, 409],
      [200, 404],
    ]).toContainEqual(statuses);
    const after = await t.db
      .selectFrom("registrations")
      .select(["status", "decision_id"])
      .where(
        "id",
        "in",
        registrations.map((r: any) => r.id),
      )
      .execute();
    const expected =
      issued.status === 200
        ? { status: "recognized", decision_id: draft.id }
        : { status: "proposed", decision_id: null };
    expect(after).toEqual(registrations.map(() => expected));
  });
});
