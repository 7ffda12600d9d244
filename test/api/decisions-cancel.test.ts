/**
 * Cancelling a draft decision (DELETE /decisions/{id}): only drafts, only in the caller's communes, audited; the
 * records of a recognition draft go back to the proposal list, those of a revocation draft stay recognised, and
 * the statistics counters stay equal to a recount.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

/** Full marks on every item of a points set. */
function fullMarks(rubric: any) {
  const scores: Record<string, number> = {};
  for (const criterion of rubric.definition.criteria)
    for (const item of criterion.items) scores[item.key] = item.maxPoints;
  return scores;
}

describeEachEngine("cancelling a draft decision", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let reviewer: ApiClient;
  let ward: number;
  let ids: number[];

  const expectCountersExact = async () => {
    const { differences } = await verifyCounters(t.db);
    expect(differences).toEqual([]);
  };
  const registration = async (id: number) =>
    (await tayho.get(`/api/v1/registrations/${id}`)).body.registration;
  const draft = (number: string, registrationIds: number[], extra: Record<string, unknown> = {}) =>
    tayho.post("/api/v1/decisions", {
      communeId: ward,
      year: 2025,
      title: "learning_family",
      number,
      signedOn: "2026-01-05",
      agencyName: "UBND Phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn Bình",
      registrationIds,
      ...extra,
    });
  const auditOf = (id: number, action: string) =>
    t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "decision")
      .where("entity_id", "=", String(id))
      .where("action", "=", action)
      .execute();

  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    reviewer = await t.as("tayho.duyet");
    ward = await t.unitId("00103");
    // Three households of a village, registered, scored and proposed for recognition.
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0];
    const households = (await tayho.get(`/api/v1/households?unitId=${village.id}`)).body.households.slice(
      0,
      3,
    );
    await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: households.map((h: any) => ({ kind: "household", id: h.id })),
    });
    const list = (
      await tayho.get(`/api/v1/registrations?unitId=${village.id}&year=2025&title=learning_family`)
    ).body.registrations;
    const rubric = (await tayho.get(`/api/v1/rubrics/${list[0].rubric.id}`)).body.rubric;
    for (const r of list)
      expect(
        (
          await tayho.post(`/api/v1/registrations/${r.id}/assessment`, {
            scores: fullMarks(rubric),
            version: r.version,
          })
        ).status,
      ).toBe(200);
    const review = await tayho.post("/api/v1/reviews", {
      unitId: village.id,
      year: 2025,
      title: "learning_family",
      heldOn: "2025-12-10",
      participants: "Chi hội khuyến học, tổ trưởng",
      outcomes: list.map((r: any) => ({ registrationId: r.id, proposed: true })),
    });
    expect(review.status).toBe(201);
    ids = list.map((r: any) => r.id);
  });
  afterAll(() => t.close());

  it("releases the records of a recognition draft back to the proposal list, audited", async () => {
    await expectCountersExact();
    const created = await draft("10/QĐ-UBND", ids);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.decision.id;
    expect((await registration(ids[0]!)).decisionId).toBe(id);

    // Named under another commune (the ward's id plus one) the draft is not found and stays.
    expect((await tayho.delete(`/api/v1/decisions/${id}?communeId=${ward + 1}`)).status).toBe(404);
    const cancelled = await tayho.delete(`/api/v1/decisions/${id}?communeId=${ward}`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toEqual({ id, released: 3 });
    for (const rid of ids)
      expect(await registration(rid)).toMatchObject({ status: "proposed", decisionId: null });
    expect((await tayho.get(`/api/v1/decisions/${id}`)).status).toBe(404);
    const proposals = (
      await tayho.get(`/api/v1/registrations?unitId=${ward}&year=2025&title=learning_family&status=proposed`)
    ).body.registrations;
    expect(proposals.filter((r: any) => r.decisionId === null)).toHaveLength(3);
    const audit = await auditOf(id, "cancel");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBeTruthy();
    expect(JSON.stringify(audit[0]!.before)).toContain("10/QĐ-UBND");
    await expectCountersExact();

    // The number can be used again, and the released records can be drafted again.
    const again = await draft("10/QĐ-UBND", ids);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect((await tayho.delete(`/api/v1/decisions/${again.body.decision.id}`)).status).toBe(200);
    await expectCountersExact();
  });

  it("is refused to a user of another commune and to a viewer, and changes nothing", async () => {
    const created = await draft("11/QĐ-UBND", ids);
    expect(created.status).toBe(201);
    const id = created.body.decision.id;
    const maokhe = await t.as("maokhe");
    expect([403, 404]).toContain((await maokhe.delete(`/api/v1/decisions/${id}`)).status);
    const hcm = await t.as("hcm");
    expect([403, 404]).toContain((await hcm.delete(`/api/v1/decisions/${id}`)).status);
    const viewer = await t.as("to1.tayho");
    expect([403, 404]).toContain((await viewer.delete(`/api/v1/decisions/${id}`)).status);
    expect((await tayho.get(`/api/v1/decisions/${id}`)).body.decision).toMatchObject({
      status: "draft",
      registrationCount: 3,
    });
    for (const rid of ids) expect((await registration(rid)).decisionId).toBe(id);
    expect(await auditOf(id, "cancel")).toHaveLength(0);
    expect((await t.anonymous().delete(`/api/v1/decisions/${id}`)).status).toBe(401);
    // The reviewer of the ward may cancel it (not only its author).
    expect((await reviewer.delete(`/api/v1/decisions/${id}`)).status).toBe(200);
    await expectCountersExact();
  });

  it("refuses an issued decision; a revocation draft is cancelled and the records stay recognised", async () => {
    const created = await draft("12/QĐ-UBND", ids.slice(0, 2));
    const id = created.body.decision.id;
    expect((await reviewer.post(`/api/v1/decisions/${id}/issue`)).status).toBe(200);
    await expectCountersExact();

    const refused = await tayho.delete(`/api/v1/decisions/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("12/QĐ-UBND");
    expect((await reviewer.delete(`/api/v1/decisions/${id}`)).status).toBe(409);
    expect((await tayho.get(`/api/v1/decisions/${id}`)).body.decision.status).toBe("issued");
    for (const rid of ids.slice(0, 2))
      expect(await registration(rid)).toMatchObject({ status: "recognized", decisionId: id });

    const revocation = await draft("13/QĐ-UBND", [ids[0]!], {
      kind: "revocation",
      reason: "Khai báo không đúng sự thật",
    });
    expect(revocation.status, JSON.stringify(revocation.body)).toBe(201);
    const revocationId = revocation.body.decision.id;
    const cancelled = await tayho.delete(`/api/v1/decisions/${revocationId}`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.released).toBe(1);
    const kept = await registration(ids[0]!);
    expect(kept).toMatchObject({ status: "recognized", decisionId: id });
    expect(kept.certificateCode).toBeTruthy();
    // Revoking again works after the cancelled draft.
    const second = await draft("13/QĐ-UBND", [ids[0]!], { kind: "revocation", reason: "Khai báo sai" });
    expect(second.status).toBe(201);
    expect((await reviewer.post(`/api/v1/decisions/${second.body.decision.id}/issue`)).status).toBe(200);
    expect((await registration(ids[0]!)).status).toBe("revoked");
    expect((await tayho.delete(`/api/v1/decisions/${second.body.decision.id}`)).status).toBe(409);
    await expectCountersExact();
  });
});
