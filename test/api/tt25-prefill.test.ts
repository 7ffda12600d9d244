/**
 * Suggestions for the centre-related items of a commune's self-assessment (GET /registrations/{id}/suggestions),
 * from the issued ratings of its learning centres: Tốt suggests đạt with the decision's number and date, Khá
 * suggests chưa đạt, no rating suggests nothing; the scope; the TT 44 points set; nothing changes once decided.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { scoresTotalling } from "../../src/server/demo/demo-centre-rating";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("TT 25 self-assessment: suggestions from the centres' ratings", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let tayhoReviewer: ApiClient;
  let maokhe: ApiClient;
  let maokheReviewer: ApiClient;
  let tayhoWard: number;
  let maokheWard: number;

  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    tayhoReviewer = await t.as("tayho.duyet");
    maokhe = await t.as("maokhe");
    maokheReviewer = await t.as("quantri"); // maokhe.duyet exists only with the history
    tayhoWard = await t.unitId("00103");
    maokheWard = await t.unitId("07069");
  });
  afterAll(() => t.close());

  /** The commune's own registration of the year for the title Cộng đồng học tập cấp xã. */
  async function communeRegistration(officer: ApiClient, commune: number, year: number) {
    const title = "learning_community_commune";
    const registered = await officer.post("/api/v1/registrations", {
      year,
      title,
      subjects: [{ kind: "commune", id: commune }],
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const list = await officer.get(`/api/v1/registrations?unitId=${commune}&year=${year}&title=${title}`);
    return list.body.registrations[0];
  }

  /** Rates a centre through the cycle; the decision is issued unless `draftOnly`. */
  async function rate(
    officer: ApiClient,
    reviewer: ApiClient,
    commune: number,
    centreId: number,
    rating: { year: number; total: number; number: string; signedOn: string; draftOnly?: true },
  ) {
    const { year } = rating;
    const title = "centre_rating";
    await officer.post("/api/v1/registrations", {
      year,
      title,
      subjects: [{ kind: "centre", id: centreId }],
    });
    const list = (await officer.get(`/api/v1/registrations?unitId=${commune}&year=${year}&title=${title}`))
      .body.registrations;
    const registration = list.find((r: any) => r.subject.id === centreId);
    const rubric = (await officer.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
    const assessed = await officer.post(`/api/v1/registrations/${registration.id}/assessment`, {
      scores: scoresTotalling(rubric.definition, rating.total),
      version: registration.version,
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    const reviewed = await officer.post("/api/v1/reviews", {
      unitId: commune,
      year,
      title,
      heldOn: `${year}-12-10`,
      participants: "UBND phường, Hội Khuyến học, Ban Giám đốc trung tâm",
      outcomes: [{ registrationId: registration.id, proposed: true }],
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);
    const draft = await officer.post("/api/v1/decisions", {
      communeId: commune,
      year,
      title,
      number: rating.number,
      signedOn: rating.signedOn,
      agencyName: "UBND phường",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn An",
      registrationIds: [registration.id],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    if (rating.draftOnly) return;
    const issued = await reviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  }

  const suggestionsOf = async (client: ApiClient, registrationId: number) => {
    const response = await client.get(`/api/v1/registrations/${registrationId}/suggestions`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  it("suggests nothing without a rating, then đạt from an issued Tốt rating with the decision's number", async () => {
    const registration = await communeRegistration(tayho, tayhoWard, 2025);
    let body = await suggestionsOf(tayho, registration.id);
    expect(body.locked).toBe(false);
    expect(body.suggestions.map((s: any) => s.itemKey)).toEqual(["md1.tc3.1", "md2.tc3.1"]);
    expect(body.suggestions[0]).toMatchObject({ met: null, points: null });
    expect(body.suggestions[0].sources[0]).toContain("chưa có trung tâm học tập cộng đồng");

    const created = await tayho.post("/api/v1/centres", {
      communeId: tayhoWard,
      code: "01",
      name: "Trung tâm học tập cộng đồng phường Tây Hồ",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const centreId = created.body.centre.id;
    body = await suggestionsOf(tayho, registration.id);
    expect(body.suggestions[0]).toMatchObject({
      met: null,
      sources: ["TTHTCĐ phường Tây Hồ: chưa xếp loại năm 2025"],
    });

    // A draft decision is no rating yet.
    await rate(tayho, tayhoReviewer, tayhoWard, centreId, {
      year: 2025,
      total: 88,
      number: "231/QĐ-UBND",
      signedOn: "2025-12-20",
      draftOnly: true,
    });
    expect((await suggestionsOf(tayho, registration.id)).suggestions[0].met).toBeNull();
    const draft = (await tayho.get(`/api/v1/decisions?unitId=${tayhoWard}&year=2025&title=centre_rating`))
      .body.decisions[0];
    const issued = await tayhoReviewer.post(`/api/v1/decisions/${draft.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);

    body = await suggestionsOf(tayho, registration.id);
    const line = "TTHTCĐ phường Tây Hồ: xếp loại Tốt, QĐ 231/QĐ-UBND ngày 20/12/2025";
    for (const suggestion of body.suggestions)
      expect(suggestion).toEqual({
        itemKey: suggestion.itemKey,
        met: true,
        points: null,
        sources: [line],
        note: line,
      });
    // The province reads it too; a user of another province does not.
    const hanoi = await t.as("hanoi");
    expect((await suggestionsOf(hanoi, registration.id)).suggestions[0].met).toBe(true);
    const outsider = await maokhe.get(`/api/v1/registrations/${registration.id}/suggestions`);
    expect(outsider.status).toBe(404);
    expect(JSON.stringify(outsider.body)).not.toContain("231/QĐ-UBND");
    // Named with its commune it is looked for there alone (one shard): under another commune, not found.
    const under = (commune: number) =>
      hanoi.get(`/api/v1/registrations/${registration.id}/suggestions?communeId=${commune}`);
    expect((await under(tayhoWard)).body.suggestions[0].met).toBe(true);
    const badinh = await under(await t.unitId("00004"));
    expect(badinh.status).toBe(404);
    expect(badinh.body.error.message).toContain("Không tìm thấy hồ sơ đăng ký");

    // Nothing was ticked by the suggestion: the record is as registered.
    const stored = (await tayho.get(`/api/v1/registrations/${registration.id}`)).body.registration;
    expect(stored).toMatchObject({ status: "registered", assessment: null });
  });

  it("suggests chưa đạt from a Khá rating, with its source", async () => {
    const created = await maokhe.post("/api/v1/centres", {
      communeId: maokheWard,
      code: "01",
      name: "Trung tâm học tập cộng đồng phường Mạo Khê",
    });
    await rate(maokhe, maokheReviewer, maokheWard, created.body.centre.id, {
      year: 2025,
      total: 76,
      number: "187/QĐ-UBND",
      signedOn: "2025-12-22",
    });
    const registration = await communeRegistration(maokhe, maokheWard, 2025);
    const body = await suggestionsOf(maokhe, registration.id);
    expect(body.suggestions).toHaveLength(2);
    expect(body.suggestions[0]).toMatchObject({
      itemKey: "md1.tc3.1",
      met: false,
      sources: ["TTHTCĐ phường Mạo Khê: xếp loại Khá, QĐ 187/QĐ-UBND ngày 22/12/2025"],
    });
  });

  it("suggests the item's points on a TT 44 set (2023): 0 for a centre rated Khá", async () => {
    const centre = (await maokhe.get(`/api/v1/centres?unitId=${maokheWard}`)).body.centres[0];
    await rate(maokhe, maokheReviewer, maokheWard, centre.id, {
      year: 2023,
      total: 72,
      number: "120/QĐ-UBND",
      signedOn: "2023-12-20",
    });
    const registration = await communeRegistration(maokhe, maokheWard, 2023);
    expect(registration.rubric.name).toContain("44/2014");
    const body = await suggestionsOf(maokhe, registration.id);
    expect(body.suggestions).toEqual([expect.objectContaining({ itemKey: "tc4.3", met: false, points: 0 })]);
    expect(body.suggestions[0].note).toBe(
      "TTHTCĐ phường Mạo Khê: xếp loại Khá, QĐ 120/QĐ-UBND ngày 20/12/2023",
    );
  });

  it("once the commune's decision is issued, the suggestion is for reading only and the record stays as decided", async () => {
    const registration = (
      await tayho.get(`/api/v1/registrations?unitId=${tayhoWard}&year=2025&title=learning_community_commune`)
    ).body.registrations[0];
    const rubric = (await tayho.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
    const { suggestions } = await suggestionsOf(tayho, registration.id);
    // What "Dùng gợi ý" sends: the tick and the source line as the item's evidence note, the rest as filled in.
    const items: Record<string, boolean> = {};
    for (const level of rubric.definition.levels)
      for (const criterion of level.criteria)
        for (const item of criterion.items) items[item.key] = level.level === 1;
    const notes = { "md1.tc3.1": suggestions[0].note };
    const assessed = await tayho.post(`/api/v1/registrations/${registration.id}/assessment`, {
      items: { ...items, "md1.tc3.1": suggestions[0].met },
      notes,
      version: registration.version,
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    expect(assessed.body.registration.level).toBe(1);
    await tayho.post("/api/v1/reviews", {
      unitId: tayhoWard,
      year: 2025,
      title: "learning_community_commune",
      heldOn: "2026-01-15",
      participants: "Ban chỉ đạo xây dựng xã hội học tập phường",
      outcomes: [{ registrationId: registration.id, proposed: true }],
    });
    const draft = await tayho.post("/api/v1/decisions", {
      communeId: tayhoWard,
      year: 2025,
      title: "learning_community_commune",
      number: "15/QĐ-UBND",
      signedOn: "2026-02-20",
      agencyName: "UBND phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn An",
      registrationIds: [registration.id],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect((await tayhoReviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`)).status).toBe(200);

    const after = await suggestionsOf(tayho, registration.id);
    expect(after.locked).toBe(true);
    const decided = (await tayho.get(`/api/v1/registrations/${registration.id}`)).body.registration;
    const refused = await tayho.post(`/api/v1/registrations/${registration.id}/assessment`, {
      items: { ...items, "md1.tc3.1": false },
      version: decided.version,
    });
    expect(refused.status).toBe(422);
    const stored = (await tayho.get(`/api/v1/registrations/${registration.id}`)).body.registration;
    expect(stored.status).toBe("recognized");
    expect(stored.assessment.notes).toEqual(notes);
    expect(stored.assessment.items["md1.tc3.1"]).toBe(true);
  });
});
