/**
 * The decision .docx and the certificates of a real cycle, through the API, read back as text: each signer's post
 * (Chủ tịch → TM./CHỦ TỊCH, Phó Chủ tịch → TM./KT. CHỦ TỊCH/PHÓ CHỦ TỊCH, Quyền Chủ tịch → TM./Q. CHỦ TỊCH), each
 * household head's sex (ông, bà, ông/bà when unknown), and "phường" in lower case after the village's name.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { docxParagraphs } from "../helpers/nd30-checklist";

const hasPdftotext = spawnSync("which", ["pdftotext"]).status === 0;
if (!hasPdftotext && process.env.CI === "true")
  throw new Error("pdftotext is missing (apt-get install poppler-utils)");

function pdfText(body: ArrayBuffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-decision-"));
  writeFileSync(path.join(dir, "c.pdf"), Buffer.from(body));
  return execFileSync("pdftotext", ["-layout", path.join(dir, "c.pdf"), "-"], { encoding: "utf8" }).normalize(
    "NFC",
  );
}

const SIGNERS = [
  { title: "Chủ tịch", sex: "male", honorific: "ông", block: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] },
  {
    title: "Phó Chủ tịch",
    sex: "female",
    honorific: "bà",
    block: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  },
  { title: "Quyền Chủ tịch", sex: null, honorific: "ông/bà", block: ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"] },
] as const;

describeEachEngine("decision documents", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  /** Registers, scores in full, reviews and proposes these households for 2025; returns their registrations. */
  async function proposed(tayho: ApiClient, villageId: number, householdIds: number[]) {
    const registered = await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: householdIds.map((id) => ({ kind: "household", id })),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const list = (
      await tayho.get(`/api/v1/registrations?unitId=${villageId}&year=2025&title=learning_family`)
    ).body.registrations;
    const rubric = (await tayho.get(`/api/v1/rubrics/${list[0].rubric.id}`)).body.rubric;
    const scores: Record<string, number> = {};
    for (const criterion of rubric.definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints;
    for (const r of list) {
      const assessed = await tayho.post(`/api/v1/registrations/${r.id}/assessment`, {
        scores,
        version: r.version,
      });
      expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    }
    const review = await tayho.post("/api/v1/reviews", {
      unitId: villageId,
      year: 2025,
      title: "learning_family",
      heldOn: "2025-12-10",
      participants: "Chi hội khuyến học, tổ trưởng",
      outcomes: list.map((r: any) => ({ registrationId: r.id, proposed: true })),
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    return list as { id: number; subject: { id: number; name: string } }[];
  }

  it("signs by the signer's post and names each head ông, bà or ông/bà in the .docx and the certificate", async () => {
    const tayho = await t.as("tayho");
    const reviewer = await t.as("tayho.duyet");
    const ward = await t.unitId("00103");
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0];
    const households = (await tayho.get(`/api/v1/households?unitId=${village.id}`)).body.households.slice(
      0,
      3,
    );
    expect(households).toHaveLength(3);
    // One head of each: recorded male, recorded female, not recorded.
    for (const [i, h] of households.entries())
      await t.db
        .updateTable("households")
        .set({ head_sex: SIGNERS[i]!.sex })
        .where("id", "=", h.id)
        .execute();
    const list = await proposed(
      tayho,
      village.id,
      households.map((h: any) => h.id),
    );

    for (const [i, signer] of SIGNERS.entries()) {
      const registration = list.find((r) => r.subject.id === households[i].id)!;
      const draft = await tayho.post("/api/v1/decisions", {
        communeId: ward,
        year: 2025,
        title: "learning_family",
        number: `${130 + i}/QĐ-UBND`,
        signedOn: "2026-01-05",
        agencyName: "UBND Phường Tây Hồ",
        signerTitle: signer.title,
        signerName: "Nguyễn Văn Bình",
        registrationIds: [registration.id],
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const id = draft.body.decision.id;
      const holder = `Gia đình ${signer.honorific} ${registration.subject.name}`;

      // The draft prints for signature as .docx.
      const docx = await tayho.get(`/api/v1/decisions/${id}/decision.docx`);
      expect(docx.status).toBe(200);
      expect(docx.headers.get("content-type")).toContain("wordprocessingml");
      const text = await docxParagraphs(docx.body as ArrayBuffer);
      const name = text.indexOf("Nguyễn Văn Bình");
      expect(text.slice(name - signer.block.length, name), signer.title).toEqual(signer.block);
      expect(text).toContain(holder);
      expect(text).toContain(
        "Điều 1. Công nhận danh hiệu “Gia đình học tập” năm 2025 cho 1 hộ gia đình ở phường Tây Hồ (có danh sách kèm theo).",
      );

      expect((await reviewer.post(`/api/v1/decisions/${id}/issue`)).status).toBe(200);
      const pdf = await tayho.get(`/api/v1/decisions/${id}/certificates.pdf`);
      expect(pdf.status).toBe(200);
      if (hasPdftotext) {
        const lines = pdfText(pdf.body as ArrayBuffer)
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean);
        expect(lines, signer.title).toContain(holder);
        // The signature block's lines, each on its own line under the date (the QR code's text sits to the left).
        const date = lines.findIndex((l) => l.endsWith("Tây Hồ, ngày 05 tháng 01 năm 2026"));
        expect(lines.slice(date + 1, date + 1 + signer.block.length), signer.title).toEqual(signer.block);
        expect(lines.join("\n")).toContain(`${village.name}, phường Tây Hồ, thành phố Hà Nội`);
      }
      const code = (await tayho.get(`/api/v1/registrations/${registration.id}`)).body.registration
        .certificateCode;
      const check = await t.anonymous().get(`/api/v1/public/certificates/${code}`);
      expect(check.body.certificate.holderName).toBe(holder);
    }
  });

  it("refuses the .docx of a decision outside the caller's units", async () => {
    const maokhe = await t.as("maokhe");
    const id = (await t.db.selectFrom("decisions").select("id").executeTakeFirstOrThrow()).id;
    expect((await maokhe.get(`/api/v1/decisions/${id}/decision.docx`)).status).toBe(404);
  });
});
