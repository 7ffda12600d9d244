/**
 * Clans, organisations and citizens go through the learning title cycle as households do: register, assess,
 * review, decide and certify, with the public certificate check naming the holder.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

/** Full marks (points sets) or every item of level 1 met (levels sets). */
function assessmentFor(rubric: any) {
  if (rubric.definition.scheme === "points") {
    const scores: Record<string, number> = {};
    for (const criterion of rubric.definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints;
    return { scores };
  }
  const items: Record<string, boolean> = {};
  for (const level of rubric.definition.levels)
    for (const criterion of level.criteria)
      for (const item of criterion.items) items[item.key] = level.level === 1;
  return { items };
}

describeEachEngine("clans, organisations and citizens in the title cycle", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let reviewer: ApiClient;
  let ward: number;
  let village: { id: number; name: string };
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    reviewer = await t.as("tayho.duyet");
    ward = await t.unitId("00103");
    village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0];
  });
  afterAll(() => t.close());

  const cases = [
    {
      title: "learning_clan",
      kind: "clan",
      holder: "Họ Nguyễn Đình",
      create: async () =>
        (
          await tayho.post("/api/v1/clans", {
            communeId: ward,
            name: "Họ Nguyễn Đình",
            headName: "Nguyễn Đình An",
          })
        ).body.clan.id as number,
    },
    {
      title: "learning_organization",
      kind: "organization",
      holder: "Trường Tiểu học Tây Hồ",
      create: async () =>
        (
          await tayho.post("/api/v1/organizations", {
            unitId: village.id,
            name: "Trường Tiểu học Tây Hồ",
            kind: "school",
          })
        ).body.organization.id as number,
    },
    {
      title: "learning_citizen",
      kind: "citizen",
      holder: "Lê Thị Hoa",
      create: async () =>
        (
          await tayho.post("/api/v1/citizens", {
            villageId: village.id,
            fullName: "Lê Thị Hoa",
            birthYear: 1980,
            group: "farmer",
          })
        ).body.citizen.id as number,
    },
  ] as const;

  for (const [index, c] of cases.entries())
    it(`${c.kind}: registers, assesses, reviews, decides and certifies`, async () => {
      const id = await c.create();
      expect(id).toBeGreaterThan(0);
      const wrongKind = await tayho.post("/api/v1/registrations", {
        year: 2025,
        title: c.title,
        subjects: [{ kind: "household", id }],
      });
      expect(wrongKind.status).toBe(422);
      const registered = await tayho.post("/api/v1/registrations", {
        year: 2025,
        title: c.title,
        subjects: [{ kind: c.kind, id }],
      });
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      expect(registered.body).toEqual({ created: 1, skipped: 0 });
      const list = (await tayho.get(`/api/v1/registrations?unitId=${ward}&year=2025&title=${c.title}`)).body
        .registrations;
      expect(list).toHaveLength(1);
      const registration = list[0];
      expect(registration.subject).toMatchObject({ kind: c.kind, id, name: c.holder });
      // The registrations of the village list only what lives in that village.
      const inVillage = (
        await tayho.get(`/api/v1/registrations?unitId=${village.id}&year=2025&title=${c.title}`)
      ).body.registrations;
      expect(inVillage.length).toBe(c.kind === "clan" ? 0 : 1);

      const rubric = (await tayho.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
      const assessed = await tayho.post(`/api/v1/registrations/${registration.id}/assessment`, {
        ...assessmentFor(rubric),
        version: registration.version,
      });
      expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
      expect(assessed.body.registration).toMatchObject({ status: "assessed", passed: true });

      const review = await tayho.post("/api/v1/reviews", {
        unitId: ward,
        year: 2025,
        title: c.title,
        heldOn: "2025-12-10",
        participants: "Hội Khuyến học phường, Ban công tác Mặt trận",
        outcomes: [{ registrationId: registration.id, proposed: true }],
      });
      expect(review.status, JSON.stringify(review.body)).toBe(201);

      const draft = await tayho.post("/api/v1/decisions", {
        communeId: ward,
        year: 2025,
        title: c.title,
        number: `${130 + index}/QĐ-UBND`,
        signedOn: "2026-01-05",
        agencyName: "UBND Phường Tây Hồ",
        signerTitle: "Chủ tịch",
        signerName: "Nguyễn Văn Bình",
        registrationIds: [registration.id],
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const issued = await reviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`);
      expect(issued.status, JSON.stringify(issued.body)).toBe(200);

      const recognized = (await tayho.get(`/api/v1/registrations/${registration.id}`)).body.registration;
      expect(recognized.status).toBe("recognized");
      expect(recognized.certificateCode).toMatch(/^[A-Z2-9]{12,20}$/);
      const pdf = await tayho.get(`/api/v1/decisions/${draft.body.decision.id}/certificates.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      const check = await t.anonymous().get(`/api/v1/public/certificates/${recognized.certificateCode}`);
      expect(check.status).toBe(200);
      expect(check.body.certificate).toMatchObject({ year: 2025, valid: true });
      expect(check.body.certificate.holderName).toContain(c.holder);
      // The public check shows no personal data beyond the name.
      expect(JSON.stringify(check.body)).not.toContain("1980");

      // An archived subject cannot be registered again for another year.
      const segment = `${c.kind === "citizen" ? "citizens" : c.kind === "clan" ? "clans" : "organizations"}`;
      expect((await tayho.post(`/api/v1/${segment}/${id}/archive`)).status).toBe(204);
      const afterArchive = await tayho.post("/api/v1/registrations", {
        year: 2026,
        title: c.title,
        subjects: [{ kind: c.kind, id }],
      });
      expect(afterArchive.status).toBe(422);
    });

  it("refuses a clan of another commune", async () => {
    const maokhe = await t.as("maokhe");
    const other = await maokhe.post("/api/v1/clans", {
      communeId: await t.unitId("07069"),
      name: "Họ Phạm",
      headName: "Phạm Văn Long",
    });
    expect(other.status).toBe(201);
    const attempt = await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_clan",
      subjects: [{ kind: "clan", id: other.body.clan.id }],
    });
    expect(attempt.status).toBe(404);
  });
});
