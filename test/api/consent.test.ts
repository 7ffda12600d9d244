/**
 * Consent (issue 12, item 2): withdrawing a donor's consent removes the name from the public disclosure already
 * published (page JSON and CSV) and from the next one; a child's consent without a parent or guardian is refused;
 * a member's phone is listed and exported only while the member's consent is in force; the register is
 * append-only; the printed form leaves both boxes empty; no consent box of the web app is pre-ticked.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { addUser, createTestFund, type FundFixture } from "../helpers/fund";
import { signedInUser } from "../helpers/users";

const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const year = thisYear - 2;
const donorName = "Trần Thị Thuận";

describeEachEngine("consent", (engine) => {
  let t: TestApp;
  let ward: number;
  let officer: ApiClient; // data entry of Tây Hồ: writes donors and beneficiaries
  let hoi: ApiClient; // the Hội of Tây Hồ: writes members
  let keeper: ApiClient;
  let approver: ApiClient;
  let fund: FundFixture;
  let donorId: number;

  const give = (client: ApiClient, body: Record<string, unknown>) =>
    client.post("/api/v1/consents", {
      givenAt: `${thisYear}-01-05`,
      method: "paper",
      noticeVersion: "2026.1",
      ...body,
    });
  const receive = async (on: string, body: Record<string, unknown>) => {
    const response = await keeper.post(`/api/v1/funds/${fund.id}/receipts`, {
      receivedOn: on,
      reason: "Ủng hộ quỹ khuyến học",
      assetAccountId: fund.cash,
      purposeAccountId: fund.general,
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  };
  const publish = async (y: number) => {
    expect((await keeper.post(`/api/v1/funds/${fund.id}/periods/${y}/close`)).status).toBe(201);
    const published = await approver.post(`/api/v1/funds/${fund.id}/disclosures/${y}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    return published.body.disclosure;
  };
  const publicJson = async (y: number) =>
    (await t.anonymous().get(`/api/v1/public/funds/${fund.id}/disclosures/${y}`)).body.disclosure;
  const publicCsv = async (y: number) =>
    new TextDecoder().decode(
      (await t.anonymous().get(`/api/v1/public/funds/${fund.id}/disclosures/${y}/disclosure.csv`)).body,
    );

  beforeAll(async () => {
    t = await demoApp(engine);
    ward = await t.unitId("00103");
    await addUser(t, "dy.thuquy", "treasurer", ward, "Nguyễn Thị Thủ Quỹ");
    await addUser(t, "dy.hoi", "association_admin", ward, "Hội Khuyến học phường");
    [officer, hoi, keeper, approver] = await Promise.all([
      t.as("tayho"),
      t.as("dy.hoi"),
      t.as("dy.thuquy"),
      t.as("tayho.duyet"),
    ]);
    fund = await createTestFund(keeper, ward);
    const donor = await officer.post("/api/v1/donors", { communeId: ward, name: donorName, kind: "person" });
    expect(donor.status, JSON.stringify(donor.body)).toBe(201);
    donorId = donor.body.donor.id;
  });
  afterAll(() => t.close());

  it("names a donor only while the consent is in force, in the published disclosure and the next", async () => {
    const recorded = await give(officer, {
      subject: { kind: "donors", id: donorId },
      purpose: "public_disclosure_name",
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const consent = recorded.body.consent;
    expect(consent).toMatchObject({ inForce: true, noticeVersion: "2026.1", method: "paper", minor: false });
    const again = await give(officer, {
      subject: { kind: "donors", id: donorId },
      purpose: "public_disclosure_name",
    });
    expect(again.status).toBe(409);

    await receive(`${year}-03-01`, { donorId, amount: 3_000_000 });
    await receive(`${year}-03-02`, {
      donorName: "Công ty Minh Phát",
      donorKind: "organization",
      amount: 5_000_000,
    });
    // A person typed on the receipt only, with no consent on record: never named.
    await receive(`${year}-03-03`, { donorName: "Lê Văn Vãng Lai", amount: 1_000_000 });
    const published = await publish(year);
    expect(published.receiptsByDonor).toEqual([
      { donor: "Công ty Minh Phát", amount: 5_000_000 },
      { donor: donorName, amount: 3_000_000 },
      { donor: "Nhà hảo tâm ẩn danh", amount: 1_000_000 },
    ]);
    expect(JSON.stringify(await publicJson(year))).toContain(donorName);

    // Named with its commune (as the web does) the consent is looked for there alone: under another, not found.
    const withdraw = (communeId: number) =>
      officer.post(`/api/v1/consents/${consent.id}/withdraw?communeId=${communeId}`, {
        reason: "Bà Thuận gọi điện xin không nêu tên",
      });
    const misplaced = await withdraw(await t.unitId("00004"));
    expect(misplaced.status).toBe(404);
    const withdrawn = await withdraw(ward);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.consent).toMatchObject({ inForce: false, withdrawnReason: expect.any(String) });
    expect(
      (await officer.post(`/api/v1/consents/${consent.id}/withdraw`, { reason: "lần nữa" })).status,
    ).toBe(409);

    const after = await publicJson(year);
    expect(JSON.stringify(after)).not.toContain("Thuận");
    expect(after.receiptsByDonor).toEqual([
      { donor: "Công ty Minh Phát", amount: 5_000_000 },
      { donor: "Nhà hảo tâm ẩn danh", amount: 4_000_000 },
    ]);
    expect(after.income).toBe(9_000_000);
    const csv = await publicCsv(year);
    expect(csv).not.toContain("Thuận");
    expect(csv).toContain("Thu theo nhà hảo tâm;;Nhà hảo tâm ẩn danh;;;;4000000");

    await receive(`${year + 1}-02-01`, { donorId, amount: 2_000_000 });
    const next = await publish(year + 1);
    expect(JSON.stringify(next)).not.toContain("Thuận");
    expect(next.receiptsByDonor).toEqual([{ donor: "Nhà hảo tâm ẩn danh", amount: 2_000_000 }]);

    const history = await officer.get(`/api/v1/consents?kind=donors&id=${donorId}`);
    expect(history.body).toMatchObject({ purposes: ["public_disclosure_name", "photo"], canWrite: true });
    expect(history.body.consents).toHaveLength(1);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "consent")
      .where("entity_id", "=", String(consent.id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["consent.record", "consent.withdraw"]);
  });

  it("refuses a child's consent without a parent or guardian, and a purpose that does not apply", async () => {
    const pupil = await officer.post("/api/v1/beneficiaries", {
      unitId: ward,
      fullName: "Phạm Minh Khôi",
      kind: "student",
      birthYear: thisYear - 10,
      school: "Trường Tiểu học Quảng An",
    });
    expect(pupil.status, JSON.stringify(pupil.body)).toBe(201);
    const subject = { kind: "beneficiaries", id: pupil.body.beneficiary.id };
    const refused = await give(officer, { subject, purpose: "minor_scholarship_list" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(
      `"Phạm Minh Khôi" là trẻ em (sinh năm ${thisYear - 10}): ghi họ tên cha, mẹ hoặc người giám hộ đồng ý thay`,
    );
    expect(refused.body.error.details.fields).toHaveProperty("guardianName");
    const noRelation = await give(officer, { subject, purpose: "photo", guardianName: "Phạm Văn Bố" });
    expect(noRelation.status).toBe(422);
    expect(noRelation.body.error.details.fields).toHaveProperty("guardianRelation");
    const wrong = await give(officer, { subject, purpose: "member_phone" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain("không áp dụng cho người nhận học bổng");
    const oldNotice = await give(officer, {
      subject,
      purpose: "minor_scholarship_list",
      noticeVersion: "2020.1",
      guardianName: "Phạm Văn Bố",
      guardianRelation: "father",
    });
    expect(oldNotice.status).toBe(422);
    expect(oldNotice.body.error.details.fields).toHaveProperty("noticeVersion");
    const given = await give(officer, {
      subject,
      purpose: "minor_scholarship_list",
      guardianName: "Phạm Văn Bố",
      guardianRelation: "father",
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body.consent).toMatchObject({
      minor: true,
      guardianName: "Phạm Văn Bố",
      guardianRelation: "father",
    });
    // Others' scope: Mạo Khê's admin neither reads nor records it.
    const outsider = await t.as("maokhe");
    expect((await outsider.get(`/api/v1/consents?kind=beneficiaries&id=${subject.id}`)).status).toBe(404);
    // A viewer of the ward reads, and may not record.
    await addUser(t, "dy.xem", "viewer", ward);
    const viewer = await t.as("dy.xem");
    const seen = await viewer.get(`/api/v1/consents?kind=beneficiaries&id=${subject.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ minor: true, canWrite: false });
    // With the person's commune (as the web sends it): the same answer from one shard; another commune's is 404, a
    // malformed one 422 naming the field.
    const inWard = await viewer.get(`/api/v1/consents?kind=beneficiaries&id=${subject.id}&communeId=${ward}`);
    expect(inWard.status).toBe(200);
    expect(inWard.body).toEqual(seen.body);
    const elsewhere = await t.unitId("07069");
    expect(
      (await viewer.get(`/api/v1/consents?kind=beneficiaries&id=${subject.id}&communeId=${elsewhere}`))
        .status,
    ).toBe(404);
    const malformed = await viewer.get(`/api/v1/consents?kind=beneficiaries&id=${subject.id}&communeId=abc`);
    expect(malformed.status).toBe(422);
    expect(JSON.stringify(malformed.body)).toContain("communeId");
    // The database keeps the rule too, and the register is append-only.
    await expect(
      sql`INSERT INTO consents (commune_id, province_id, subject_kind, subject_id, purpose, given_at, method,
        notice_version, minor, recorded_by_name) SELECT commune_id, province_id, 'beneficiaries', id,
        'photo', current_date, 'paper', '2026.1', true, 'x' FROM fund_beneficiaries WHERE id = ${subject.id}`.execute(
        t.db,
      ),
    ).rejects.toThrow();
    await expect(sql`UPDATE consents SET given_at = given_at - 1`.execute(t.db)).rejects.toThrow(
      /không sửa được/,
    );
    await expect(sql`DELETE FROM consents`.execute(t.db)).rejects.toThrow(/không xóa được/);
  });

  it("lists and exports a member's phone only with the member's consent", async () => {
    const village = (await hoi.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    const chapter = await hoi.post("/api/v1/chapters", {
      unitId: village,
      name: "Chi hội Tổ 1",
      kind: "village",
    });
    expect(chapter.status, JSON.stringify(chapter.body)).toBe(201);
    const chapterId = chapter.body.chapter.id;
    const secretary = await signedInUser(t, await t.as("hanoi"), {
      username: "dy.chihoi",
      role: "chapter_secretary",
      unitId: ward,
      chapterId,
    });
    const created = await hoi.post("/api/v1/members", {
      unitId: village,
      chapterId,
      fullName: "Nguyễn Thị Hòa",
      sex: "female",
      birthYear: 1968,
      joinedOn: "2019-05-10",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const member = created.body.member;
    const saved = await hoi.patch(`/api/v1/members/${member.id}`, {
      phone: "0912 345 678",
      version: member.version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.member.phone).toBeNull();
    const phones = async () => {
      const response = await hoi.get(`/api/v1/members/export.xlsx?unitId=${ward}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body);
      const sheet = workbook.worksheets[0]!;
      let header = 0;
      const found: string[] = [];
      sheet.eachRow((row) => {
        if (header && row.getCell(header).text) found.push(row.getCell(header).text);
        row.eachCell((cell, column) => {
          if (!header && cell.text === "Điện thoại") header = column;
        });
      });
      expect(header).toBeGreaterThan(0);
      return found;
    };
    expect(await phones()).toEqual([]);

    // The chapter's secretary records the member's consent.
    const given = await give(secretary, {
      subject: { kind: "members", id: member.id },
      purpose: "member_phone",
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect((await secretary.get(`/api/v1/members/${member.id}`)).body.member.phone).toBe("0912 345 678");
    expect(await phones()).toEqual(["0912 345 678"]);

    const withdrawn = await hoi.post(`/api/v1/consents/${given.body.consent.id}/withdraw`, {
      reason: "Hội viên không muốn lưu số điện thoại",
    });
    expect(withdrawn.status).toBe(200);
    expect(await phones()).toEqual([]);
    expect((await hoi.get(`/api/v1/members/${member.id}`)).body.member.phone).toBeNull();
    const page = await hoi.get(`/api/v1/members?unitId=${ward}&q=${encodeURIComponent(member.fullName)}`);
    expect(page.body.members.find((m: { id: number }) => m.id === member.id).phone).toBeNull();
  });

  it("prints the notice and consent form of a purpose with its notice version and empty boxes", async () => {
    const response = await officer.get(`/api/v1/units/${ward}/consent-forms/minor_scholarship_list.docx`);
    expect(response.status).toBe(200);
    const xml =
      (await (await JSZip.loadAsync(response.body)).file("word/document.xml")?.async("string")) ?? "";
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("phiên bản 2026.1");
    expect(text).toContain("☐ Đồng ý");
    expect(text).toContain("☐ Không đồng ý");
    expect(text).not.toMatch(/[☑☒✓✔]/);
    expect(text).toContain("Họ và tên cha, mẹ hoặc người giám hộ");
    expect((await (await t.as("maokhe")).get(`/api/v1/units/${ward}/consent-forms/photo.docx`)).status).toBe(
      404,
    );
  });
});

/** Every source file of the web app. */
function webSources(dir = join(__dirname, "../../src/web")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return webSources(path);
    return /\.(tsx?|jsx?)$/.test(name) ? [path] : [];
  });
}

it("has no pre-ticked consent box anywhere in the web app", () => {
  const consentWords = /consent|đồng ý|dong-y|dongY|agree/i;
  const offenders: string[] = [];
  for (const path of webSources()) {
    const source = readFileSync(path, "utf8");
    // A checkbox or switch whose element mentions consent, ticked by default or bound to a literal true.
    for (const match of source.matchAll(/<(Checkbox|Switch|Radio|input)\b[^>]*>/gs)) {
      const tag = match[0];
      const ticked =
        /\bdefaultChecked(\s*=\s*\{\s*true\s*\})?(?=[\s/>])|\bchecked(\s*=\s*\{\s*true\s*\})(?=[\s/>])/.test(
          tag,
        );
      const near = source.slice(match.index!, match.index! + 400);
      if (ticked && consentWords.test(near)) offenders.push(`${path}: ${tag}`);
    }
    // Form fields of consent given an initial true.
    for (const match of source.matchAll(/(\w*(?:consent|agree|dongY)\w*)\s*:\s*true\b/gi))
      offenders.push(`${path}: ${match[0]}`);
    for (const match of source.matchAll(
      /name=\{?["'](\w*(?:consent|agree)\w*)["']\}?[^>]*initialValue=\{true\}/gis,
    ))
      offenders.push(`${path}: ${match[0]}`);
  }
  expect(offenders).toEqual([]);
});
