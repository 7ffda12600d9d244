/**
 * A score above its item's maximum is refused (422) naming the criterion and the item, and nothing is stored:
 * before, the sheet was saved with the evaluation "Có điểm không hợp lệ" (and the web form clamped the number).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("score limits", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
  });
  afterAll(() => t?.close());

  it("refuses a score above the maximum with 422 naming the criterion, and stores nothing", async () => {
    const ward = await t.unitId("00103");
    const household = (await tayho.get(`/api/v1/households?unitId=${ward}`)).body.households[0];
    await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: [{ kind: "household", id: household.id }],
    });
    const registration = (await tayho.get(`/api/v1/registrations?unitId=${ward}&year=2025`)).body
      .registrations[0];
    const rubric = (await tayho.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
    const scores: Record<string, number> = {};
    for (const criterion of rubric.definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints;
    const criterion = rubric.definition.criteria[1];
    const item = criterion.items[0];
    scores[item.key] = item.maxPoints + 5;

    const refused = await tayho.post(`/api/v1/registrations/${registration.id}/assessment`, {
      scores,
      version: registration.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(
      `Tiêu chí "${criterion.name}", nội dung "${item.text}": Điểm vượt quá điểm tối đa (${item.maxPoints})`,
    );
    expect(refused.body.error.details.fields).toEqual({
      [item.key]: `Điểm vượt quá điểm tối đa (${item.maxPoints})`,
    });
    const after = (await tayho.get(`/api/v1/registrations/${registration.id}`)).body.registration;
    expect(after.status).toBe("registered");
    expect(after.version).toBe(registration.version);

    scores[item.key] = item.maxPoints;
    const saved = await tayho.post(`/api/v1/registrations/${registration.id}/assessment`, {
      scores,
      version: registration.version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.registration.status).toBe("assessed");
  });
});
