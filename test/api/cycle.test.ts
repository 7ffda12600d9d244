/** The yearly cycle of Gia đình học tập in one ward, through the API: register, score, review, decide, certify. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

/** Full marks on every item of a points set, minus `minus` points on the first item. */
function scoresFor(rubric: any, minus = 0) {
  const scores: Record<string, number> = {};
  for (const criterion of rubric.definition.criteria)
    for (const item of criterion.items) scores[item.key] = item.maxPoints;
  const first = rubric.definition.criteria[0].items[0];
  scores[first.key] = Math.max(0, first.maxPoints - minus);
  return scores;
}

const hasPdftotext = spawnSync("which", ["pdftotext"]).status === 0;

describeEachEngine("learning title cycle", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("runs a whole cycle in one village and locks the records after the decision", async () => {
    const tayho = await t.as("tayho");
    const reviewer = await t.as("tayho.duyet");
    const ward = await t.unitId("00103");
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0];
    const households = (await tayho.get(`/api/v1/households?unitId=${village.id}`)).body.households.slice(
      0,
      3,
    );
    expect(households).toHaveLength(3);

    const registered = await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: households.map((h: any) => ({ kind: "household", id: h.id })),
    });
    expect(registered.body).toEqual({ created: 3, skipped: 0 });
    const list = (
      await tayho.get(`/api/v1/registrations?unitId=${village.id}&year=2025&title=learning_family`)
    ).body.registrations;
    expect(list.map((r: any) => r.subject.name).sort()).toEqual(
      households.map((h: any) => h.headName).sort(),
    );
    const rubric = (await tayho.get(`/api/v1/rubrics/${list[0].rubric.id}`)).body.rubric;
    expect(rubric.legalNumber).toContain("448");

    // Named with its commune, a registration is looked for there alone (one shard, docs/SCALE-OUT.md): under
    // another commune it is not found, neither to read nor to score.
    const badinh = await t.unitId("00004");
    const hanoi = await t.as("hanoi");
    expect((await hanoi.get(`/api/v1/registrations/${list[0].id}?communeId=${ward}`)).status).toBe(200);
    expect((await hanoi.get(`/api/v1/registrations/${list[0].id}?communeId=${badinh}`)).status).toBe(404);
    const misplaced = await tayho.post(`/api/v1/registrations/${list[0].id}/assessment?communeId=${badinh}`, {
      scores: scoresFor(rubric, 0),
      version: list[0].version,
    });
    expect(misplaced.status).toBe(404);

    // Two households pass, the third scores below the threshold.
    for (const [index, r] of list.entries()) {
      const assessed = await tayho.post(`/api/v1/registrations/${r.id}/assessment?communeId=${ward}`, {
        scores: scoresFor(rubric, index === 2 ? 10 : 0),
        version: r.version,
      });
      expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
      expect(assessed.body.registration.status).toBe("assessed");
    }
    // Evidence for an item: a note and a PDF file, listed and downloadable.
    const evidence = new FormData();
    evidence.append("itemKey", rubric.definition.criteria[0].items[0].key);
    evidence.append("note", "Giấy khen học sinh giỏi năm học 2024-2025");
    evidence.append(
      "file",
      new File([new Uint8Array([37, 80, 68, 70, 45])], "giay-khen.pdf", { type: "application/pdf" }),
    );
    // Below the registration too, another commune is not found: nothing is added, listed or downloaded.
    const evidenceOf = (commune: number) =>
      `/api/v1/registrations/${list[0].id}/evidence?communeId=${commune}`;
    const elsewhere = await tayho.request("POST", evidenceOf(badinh), evidence);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.message).toContain("Không tìm thấy hồ sơ đăng ký");
    expect((await tayho.request("POST", evidenceOf(ward), evidence)).status).toBe(201);
    expect((await tayho.get(evidenceOf(badinh))).status).toBe(404);
    const listed = (await tayho.get(evidenceOf(ward))).body.evidence;
    expect(listed).toMatchObject([
      { note: "Giấy khen học sinh giỏi năm học 2024-2025", fileName: "giay-khen.pdf", size: 5 },
    ]);
    // Without the commune the id alone still answers (other clients).
    expect((await tayho.get(`/api/v1/registrations/${list[0].id}/evidence`)).body.evidence).toEqual(listed);
    const file = (commune: number) =>
      tayho.get(`/api/v1/registrations/${list[0].id}/evidence/${listed[0].id}?communeId=${commune}`);
    expect((await file(badinh)).status).toBe(404);
    const downloaded = await file(ward);
    expect(downloaded.status).toBe(200);
    expect(new Uint8Array(downloaded.body as ArrayBuffer)).toEqual(new Uint8Array([37, 80, 68, 70, 45]));
    const third = (await tayho.get(`/api/v1/registrations/${list[2].id}`)).body.registration;
    expect(typeof third.passed).toBe("boolean");

    const review = await tayho.post("/api/v1/reviews", {
      unitId: village.id,
      year: 2025,
      title: "learning_family",
      heldOn: "2025-12-10",
      participants: "Chi hội khuyến học, Ban công tác Mặt trận, tổ trưởng",
      outcomes: list.map((r: any, index: number) => ({ registrationId: r.id, proposed: index < 2 })),
    });
    expect(review.status).toBe(201);

    const draft = await tayho.post("/api/v1/decisions", {
      communeId: ward,
      year: 2025,
      title: "learning_family",
      number: "125/QĐ-UBND",
      signedOn: "2026-01-05",
      agencyName: "UBND Phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn Bình",
      registrationIds: [list[0].id, list[1].id],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const decisionId = draft.body.decision.id;
    // A record in a draft decision cannot be reviewed again (it would be recognised against the review).
    const again = await tayho.post("/api/v1/reviews", {
      unitId: village.id,
      year: 2025,
      title: "learning_family",
      heldOn: "2025-12-20",
      participants: "Chi hội khuyến học",
      outcomes: [{ registrationId: list[0].id, proposed: false }],
    });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain("dự thảo quyết định");
    // The person who entered it cannot approve it.
    const self = await tayho.post(`/api/v1/decisions/${decisionId}/issue`);
    expect(self.status).toBe(403);
    // Under another commune the decision is not found: to read, issue, print or write out.
    for (const path of ["", "/certificates.pdf", "/decision.docx"])
      expect((await hanoi.get(`/api/v1/decisions/${decisionId}${path}?communeId=${badinh}`)).status).toBe(
        404,
      );
    expect((await reviewer.post(`/api/v1/decisions/${decisionId}/issue?communeId=${badinh}`)).status).toBe(
      404,
    );
    const issued = await reviewer.post(`/api/v1/decisions/${decisionId}/issue?communeId=${ward}`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.decision).toMatchObject({ status: "issued", registrationCount: 2 });

    const recognized = (await tayho.get(`/api/v1/registrations/${list[0].id}`)).body.registration;
    expect(recognized.status).toBe("recognized");
    expect(recognized.certificateCode).toMatch(/^[A-Z2-9]{12,20}$/);
    const locked = await tayho.post(`/api/v1/registrations/${list[0].id}/assessment`, {
      scores: scoresFor(rubric, 30),
      version: recognized.version,
    });
    expect(locked.status).toBe(422);

    // One record's certificate: in its commune, not in another.
    const certificate = (commune: number) =>
      tayho.get(`/api/v1/registrations/${list[0].id}/certificate.pdf?communeId=${commune}`);
    expect((await certificate(badinh)).status).toBe(404);
    const one = await certificate(ward);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toBe("application/pdf");

    const pdf = await tayho.get(`/api/v1/decisions/${decisionId}/certificates.pdf?communeId=${ward}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    if (hasPdftotext) {
      const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-cert-"));
      writeFileSync(path.join(dir, "c.pdf"), Buffer.from(pdf.body as ArrayBuffer));
      const text = execFileSync("pdftotext", ["-layout", path.join(dir, "c.pdf"), "-"], {
        encoding: "utf8",
      }).normalize("NFC");
      expect(text).toContain(list[0].subject.name);
      expect(text).toContain(list[1].subject.name);
      expect(text).toContain("125/QĐ-UBND");
    } else if (process.env.CI === "true") throw new Error("pdftotext is missing");

    const check = await t.anonymous().get(`/api/v1/public/certificates/${recognized.certificateCode}`);
    expect(check.status).toBe(200);
    // "ông" or "bà" from the head's recorded sex (test/api/decision-documents.test.ts covers each case).
    const { head_sex } = await t.db
      .selectFrom("households")
      .select("head_sex")
      .where("id", "=", recognized.subject.id)
      .executeTakeFirstOrThrow();
    const honorific = head_sex === "male" ? "ông" : head_sex === "female" ? "bà" : "ông/bà";
    expect(check.body.certificate).toMatchObject({
      holderName: `Gia đình ${honorific} ${recognized.subject.name}`,
      titleLabel: "Gia đình học tập",
      year: 2025,
      decisionNumber: "125/QĐ-UBND",
      valid: true,
    });
    expect(check.body.certificate.place).toContain(village.name);
    expect(JSON.stringify(check.body)).not.toContain("members");
    expect((await t.anonymous().get("/api/v1/public/certificates/KHONGCOMA2")).status).toBe(404);
  });

  it("a new version of the criteria set does not change a decided result", async () => {
    const quantri = await t.as("quantri");
    const family = (await quantri.get("/api/v1/rubrics?title=learning_family")).body.rubrics[0];
    const before = (
      await quantri.get(`/api/v1/registrations?unitId=${await t.unitId("00103")}&year=2025&status=recognized`)
    ).body.registrations;
    expect(before.length).toBeGreaterThan(0);
    const stricter = structuredClone(family.definition);
    stricter.thresholds = stricter.thresholds.map((th: any) =>
      th.minPoints === 0 ? th : { ...th, minPoints: Math.min(100, th.minPoints + 15) },
    );
    const created = await quantri.post("/api/v1/rubrics", {
      provinceId: null,
      rubric: {
        meta: {
          code: family.code,
          title: family.title,
          name: `${family.name} (sửa đổi)`,
          legalBasis: { number: family.legalNumber, date: family.legalDate, issuer: family.legalIssuer },
          effectiveFrom: family.effectiveFrom,
          effectiveTo: family.effectiveTo,
          deadlines: family.deadlines,
        },
        definition: stricter,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.rubric.version).toBe(family.version + 1);
    const after = (
      await quantri.get(`/api/v1/registrations?unitId=${await t.unitId("00103")}&year=2025&status=recognized`)
    ).body.registrations;
    expect(after.map((r: any) => [r.id, r.rubric.version, r.passed, r.result])).toEqual(
      before.map((r: any) => [r.id, r.rubric.version, r.passed, r.result]),
    );
  });

  it("a household of another commune cannot be registered, scored or certified", async () => {
    const tayho = await t.as("tayho");
    const maoKhe = await t.unitId("07069");
    const hcm = await t.as("maokhe");
    const other = (await hcm.get(`/api/v1/households?unitId=${maoKhe}`)).body.households[0];
    const attempt = await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: [{ kind: "household", id: other.id }],
    });
    expect(attempt.status).toBe(404);
    expect((await tayho.get(`/api/v1/households/${other.id}`)).status).toBe(404);
    expect(
      (await tayho.patch(`/api/v1/households/${other.id}`, { members: 9, version: other.version })).status,
    ).toBe(404);
  });

  it("carries last year's registrations forward, leaving out households that moved away", async () => {
    const tayho = await t.as("tayho");
    const ward = await t.unitId("00103");
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[1];
    const households = (await tayho.get(`/api/v1/households?unitId=${village.id}`)).body.households;
    await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: households.map((h: any) => ({ kind: "household", id: h.id })),
    });
    expect(
      (await tayho.post(`/api/v1/households/${households[0].id}/archive`, { reason: "moved" })).status,
    ).toBe(204);
    const carried = await tayho.post(`/api/v1/units/${village.id}/registrations/carry-forward`, {
      fromYear: 2025,
      toYear: 2026,
      title: "learning_family",
    });
    expect(carried.body).toEqual({ created: households.length - 1, skipped: 0, archived: { moved: 1 } });
    const again = await tayho.post(`/api/v1/units/${village.id}/registrations/carry-forward`, {
      fromYear: 2025,
      toYear: 2026,
      title: "learning_family",
    });
    expect(again.body).toEqual({ created: 0, skipped: households.length - 1, archived: { moved: 1 } });
    const next = (await tayho.get(`/api/v1/registrations?unitId=${village.id}&year=2026`)).body.registrations;
    expect(next.map((r: any) => r.subject.id).sort()).toEqual(
      households
        .slice(1)
        .map((h: any) => h.id)
        .sort(),
    );
  });

  it("lets a province administrator version only the province's variant; errors name the field", async () => {
    const hanoi = await t.as("hanoi");
    const hanoiProvince = await t.unitId("01", { level: "province" });
    const hcmProvince = await t.unitId("79", { level: "province" });
    const family = (await hanoi.get("/api/v1/rubrics?title=learning_family")).body.rubrics[0];
    const body = (provinceId: number | null, meta: Record<string, unknown> = {}) => ({
      provinceId,
      rubric: {
        meta: {
          code: "ha-noi-gdht",
          title: family.title,
          name: "Gia đình học tập (Hà Nội)",
          legalBasis: { number: "12/KH-UBND", date: "2026-01-10", issuer: "UBND thành phố Hà Nội" },
          effectiveFrom: "2026-01-10",
          effectiveTo: null,
          deadlines: family.deadlines,
          ...meta,
        },
        definition: family.definition,
      },
    });
    // A national set, or another province's variant: refused.
    expect((await hanoi.post("/api/v1/rubrics", body(null))).status).toBe(403);
    expect([403, 404]).toContain((await hanoi.post("/api/v1/rubrics", body(hcmProvince))).status);
    // A wrong period: the message is on the field, in Vietnamese.
    const wrong = await hanoi.post("/api/v1/rubrics", body(hanoiProvince, { effectiveTo: "2025-12-31" }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields["rubric.meta.effectiveTo"]).toBe(
      "Ngày hết hiệu lực phải sau ngày có hiệu lực",
    );
    const first = await hanoi.post("/api/v1/rubrics", body(hanoiProvince));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.rubric).toMatchObject({ provinceId: hanoiProvince, version: 1 });
    const second = await hanoi.post(
      "/api/v1/rubrics",
      body(hanoiProvince, { name: "Gia đình học tập (Hà Nội, 2)" }),
    );
    expect(second.status).toBe(201);
    expect(second.body.rubric.version).toBe(2);
    const kept = (await hanoi.get(`/api/v1/rubrics/${first.body.rubric.id}`)).body.rubric;
    expect(kept).toMatchObject({ version: 1, name: "Gia đình học tập (Hà Nội)" });
  });
});
