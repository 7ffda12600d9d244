/**
 * An award round end to end: a draft, its 40 recipients imported from Excel (a dry run first; a bad sheet refused
 * naming its rows and columns, nothing written), two approvers above the fund's threshold (never whoever made the
 * round or its list), one ledger transaction for the whole list, the signature list as XLSX and PDF, and the public
 * disclosure naming no minor. The chain verifies, and an edited name of a paid list is found.
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { initials } from "../../src/server/modules/fund/award-disclosure";
import { amountInWords } from "../../src/server/modules/fund/money";
import { verifyFunds } from "../../src/server/modules/fund/verify";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { fortyRecipients, type SheetRow, sheetCsv, sheetXlsx, upload } from "../helpers/award";
import { describeEachEngine } from "../helpers/db";
import { addUser, createTestFund, type FundFixture, fundPeople, pdfText } from "../helpers/fund";

describeEachEngine("fund award rounds", (engine) => {
  let t: TestApp;
  let keeper: ApiClient; // treasurer: makes the round and its list
  let cashier: ApiClient; // second treasurer: pays
  let approver: ApiClient; // reviewer
  let chair: ApiClient; // unit admin: second approver
  let fund: FundFixture;
  let rows: SheetRow[];
  let village: string;
  let otherVillage: string;
  let round: any;
  let paidTransaction: number;
  let ward: number;
  let other: number; // a commune that is not the fund's
  const base = () => `/api/v1/funds/${fund.id}/award-rounds`;
  /** A route named with a commune, as the web does (the fund's); under another one the fund is not found. */
  const under = (path: string, communeId: number) =>
    `${path}${path.includes("?") ? "&" : "?"}communeId=${communeId}`;
  const total = () => rows.reduce((s, r) => s + r.dong, 0);
  const roundOf = (r: any) => ({
    name: r.name,
    schoolYear: r.schoolYear,
    purposeAccountId: r.purposeAccountId,
    assetAccountId: r.assetAccountId,
  });

  beforeAll(async () => {
    t = await demoApp(engine);
    const people = await fundPeople(t);
    ({ keeper, cashier, approver, chair } = people);
    ward = people.ward;
    other = await t.unitId("00004");
    fund = await createTestFund(keeper, ward, 5_000_000);
    const receipt = await keeper.post(`/api/v1/funds/${fund.id}/receipts`, {
      receivedOn: "2026-08-20",
      donorName: "Công ty Minh Phát",
      donorKind: "organization",
      reason: "Tài trợ Lễ trao học bổng năm học 2026–2027",
      amount: 60_000_000,
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    const villages = await t.db
      .selectFrom("admin_units")
      .select(["id", "name"])
      .where("parent_id", "=", ward)
      .where("valid_to", "is", null)
      .orderBy("code")
      .execute();
    village = villages[0]!.name;
    const home = await t.db
      .selectFrom("households as h")
      .innerJoin("admin_units as v", "v.id", "h.village_id")
      .select(["h.code", "v.name as village"])
      .where("h.commune_id", "=", ward)
      .orderBy("h.code")
      .executeTakeFirstOrThrow();
    const names = new Set(villages.map((v) => v.name));
    otherVillage = (
      await t.db
        .selectFrom("admin_units")
        .select("name")
        .where("parent_id", "=", await t.unitId("27169"))
        .execute()
    ).find((v) => !names.has(v.name))!.name;
    rows = fortyRecipients(village, home);
  }, 120_000);
  afterAll(() => t.close());

  it("makes a draft and gives its template to those who read the fund", async () => {
    const created = await keeper.post(base(), {
      name: "Lễ trao học bổng năm học 2026–2027",
      schoolYear: "2026-2027",
      decisionNumber: "15/QĐ-HKH",
      decisionDate: "2026-09-01",
      signerName: "Lê Văn Chủ Tịch",
      purposeAccountId: fund.poor,
      assetAccountId: fund.cash,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    round = created.body.awardRound;
    for (const path of [base(), `${base()}/template.xlsx`, `${base()}/${round.id}`]) {
      expect((await approver.get(under(path, ward))).status, path).toBe(200);
      expect((await approver.get(under(path, other))).status, path).toBe(404);
    }
    const elsewhere = { ...roundOf(round), name: "Nơi khác" };
    expect((await keeper.post(under(base(), other), elsewhere)).status).toBe(404);
    const misplaced = { signerTitle: "X", version: round.version };
    expect((await keeper.patch(under(`${base()}/${round.id}`, other), misplaced)).status).toBe(404);
    expect(round).toMatchObject({ state: "draft", schoolYear: "2026–2027", recipientCount: 0, total: 0 });
    const bad = await keeper.post(base(), {
      name: "X",
      schoolYear: "2026-2028",
      purposeAccountId: fund.cash,
      assetAccountId: fund.cash,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.schoolYear).toContain("hai năm liền nhau");
    const edited = await keeper.patch(under(`${base()}/${round.id}`, ward), {
      signerTitle: "Chủ tịch Hội",
      version: round.version,
    });
    expect(edited.body.awardRound).toMatchObject({ signerTitle: "Chủ tịch Hội", version: round.version + 1 });
    const stale = await keeper.patch(`${base()}/${round.id}`, { name: "Cũ", version: round.version });
    expect(stale.status).toBe(409);
    round = edited.body.awardRound;
    const template = await approver.get(`${base()}/template.xlsx`);
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body);
    expect(workbook.worksheets[0]!.getRow(2).values).toContain("Họ và tên");
  });

  it("refuses a bad sheet naming each row and column, and writes nothing", async () => {
    const good = rows[1]!;
    const line = (r: Partial<SheetRow>) => {
      const x = { ...good, ...r };
      return ["", x.name, x.kind, x.sex, x.birth, x.school, x.class, x.household, x.village, x.amount];
    };
    const csv = sheetCsv([
      line({}),
      line({ name: good.name.toUpperCase() }), // the same pupil again (case does not matter)
      line({ name: "Người Xã Khác", village: otherVillage }),
      line({ name: "Số Âm", amount: "-500.000" }),
      line({ name: "Số Không", amount: "0" }),
      line({ name: "Quá Lớn", amount: "2.000.000.000.000.000" }),
      line({ name: "Sinh Sau", birth: "2030" }),
      line({ name: "Sinh Lạ", birth: "năm ngoái" }),
      line({ name: "Không Trường", school: "" }),
    ]);
    const refused = await upload(
      keeper,
      `${base()}/${round.id}/recipients/import?dryRun=0`,
      csv,
      "hoc-bong.csv",
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const errors = refused.body.errors as { row: number; column: string; message: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}: ${e.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([expect.stringMatching(/^Họ và tên: Trùng với dòng 2/)]);
    expect(at(4)).toEqual([
      expect.stringMatching(/^Thôn, tổ dân phố: Không có thôn, tổ dân phố “.+” trong phường Tây Hồ/),
    ]);
    expect(at(5)).toEqual([expect.stringMatching(/^Số tiền: .*không được âm/)]);
    expect(at(6)).toEqual(["Số tiền: Số tiền phải lớn hơn 0"]);
    expect(at(7)).toEqual([expect.stringMatching(/^Số tiền: .*vượt quá 10\^15 đồng/)]);
    expect(at(8)).toEqual([expect.stringMatching(/^Năm sinh: Năm sinh 2030 không hợp lệ/)]);
    expect(at(9)).toEqual([expect.stringMatching(/^Năm sinh: “năm ngoái” không phải năm sinh/)]);
    expect(at(10)).toEqual(["Trường: Thiếu trường của học sinh"]);
    expect(refused.body).toMatchObject({ created: 0, replaced: 0 });
    const after = (await keeper.get(`${base()}/${round.id}`)).body.awardRound;
    expect(after).toMatchObject({ recipientCount: 0, total: 0, version: round.version });
    const elsewhere = await upload(
      keeper,
      `${base()}/${round.id}/recipients/import`,
      `Họ và tên,Năm sinh,Trường,Số tiền,"Xã, phường"\nỞ Nơi Khác,2014,${good.school},1.000.000,Phường Mạo Khê\n`,
      "x.csv",
    );
    expect(elsewhere.body.errors[0]).toMatchObject({ row: 2, column: "Xã, phường" });
    expect(elsewhere.body.errors[0].message).toContain("không thuộc phường Tây Hồ");
  });

  it("imports forty recipients: a dry run first, then the real run, schools repaired from TCVN3", async () => {
    const bytes = await sheetXlsx(rows);
    const path = `${base()}/${round.id}/recipients/import`;
    expect((await upload(keeper, under(path, other), bytes, "hoc-bong.xlsx")).status).toBe(404);
    const dry = await upload(keeper, under(path, ward), bytes, "hoc-bong.xlsx");
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 40, created: 40, errors: [], amount: total() });
    expect(dry.body.converted).toEqual({ school: "tcvn3" });
    expect(dry.body.minors).toBe(34);
    expect((await keeper.get(`${base()}/${round.id}`)).body.awardRound.recipientCount).toBe(0);
    const real = await upload(keeper, `${path}?dryRun=0`, bytes, "hoc-bong.xlsx");
    expect(real.body).toMatchObject({ dryRun: false, created: 40, errors: [], replaced: 0 });
    const detail = (await approver.get(`${base()}/${round.id}`)).body.awardRound;
    expect(detail).toMatchObject({ recipientCount: 40, minorCount: 34, total: total(), approvalsNeeded: 2 });
    expect(detail.listHash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.recipients[0]).toMatchObject({ line: 1, fullName: rows[0]!.name, school: rows[0]!.school });
    expect(detail.recipients[0].householdCode).toBe(rows[0]!.household);
    expect(detail.recipients[5].birthYear).toBe(Number(rows[5]!.birth.slice(-4)));
    // A viewer of the ward reads the list without birth years (docs/PRIVACY.md).
    await addUser(t, "xem.quy", "viewer", await t.unitId("00103"));
    const viewed = (await (await t.as("xem.quy")).get(`${base()}/${round.id}`)).body.awardRound;
    expect(viewed.recipients[5]).toMatchObject({ fullName: rows[5]!.name, birthYear: null });
    const student = detail.recipients.find((r: any) => r.fullName === "Đỗ Thành Công");
    expect(student).toMatchObject({ kind: "student", minor: false, amount: 2_000_000 });
    expect(detail.recipients.filter((r: any) => r.kind === "teacher")).toHaveLength(4);
  });

  it("is approved by two people above the threshold, never by whoever made it, then frozen", async () => {
    const path = (action: string) => `${base()}/${round.id}/${action}`;
    expect((await keeper.post(path("approve"))).status).toBe(403);
    expect((await approver.post(under(path("approve"), other))).status).toBe(404);
    const first = await approver.post(under(path("approve"), ward));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.awardRound.state).toBe("draft");
    const twice = await approver.post(path("approve"));
    expect(twice.body.error.message).toContain("cần một người duyệt khác");
    const reimport = await upload(
      keeper,
      `${path("recipients/import")}?dryRun=0`,
      await sheetXlsx(rows),
      "x.xlsx",
    );
    expect(reimport.status).toBe(422);
    expect(reimport.body.error.message).toContain("đã có người duyệt");
    const edit = await keeper.patch(`${base()}/${round.id}`, {
      name: "Đổi tên",
      version: first.body.awardRound.version,
    });
    expect(edit.status).toBe(422);
    expect((await cashier.post(path("pay"), { paidOn: "2026-09-05" })).status).toBe(422);
    const second = await chair.post(path("approve"));
    expect(second.body.awardRound).toMatchObject({ state: "approved", approvals: [{}, {}] });
    // Who made the round, its list and each approval, by user id: the page tells each of them what they may not do.
    const ids = async (client: ApiClient) => (await client.get("/api/v1/auth/me")).body.user.id as number;
    const made = second.body.awardRound;
    expect(made.proposedById).toBe(await ids(keeper));
    expect(made.listById).toBe(await ids(keeper));
    expect(made.approvals.map((a: any) => a.userId)).toEqual([await ids(approver), await ids(chair)]);
    await expect(
      sql`UPDATE fund_award_recipients SET amount = 1 WHERE round_id = ${round.id}`.execute(t.db),
    ).rejects.toThrow(/nhập lại danh sách/);
    await expect(
      sql`DELETE FROM fund_award_recipients WHERE round_id = ${round.id}`.execute(t.db),
    ).rejects.toThrow(/không sửa được/);
    await expect(
      sql`UPDATE fund_award_rounds SET total = total + 1 WHERE id = ${round.id}`.execute(t.db),
    ).rejects.toThrow(/không sửa quyết định/);
  });

  it("is paid as one transaction by a third person, once; the chain verifies", async () => {
    const path = (action: string) => `${base()}/${round.id}/${action}`;
    const byMaker = await keeper.post(path("pay"), { paidOn: "2026-09-05" });
    expect(byMaker.body.error.message).toBe("Người lập đợt trao hoặc danh sách không đồng thời là người chi");
    const byApprover = await chair.post(path("pay"), { paidOn: "2026-09-05" });
    expect(byApprover.body.error.message).toBe("Người duyệt không đồng thời là người chi");
    const early = await cashier.post(path("pay"), { paidOn: "2026-08-30" });
    expect(early.body.error.message).toContain("trước ngày quyết định");
    expect((await cashier.post(under(path("pay"), other), { paidOn: "2026-09-05" })).status).toBe(404);
    const paid = await cashier.post(under(path("pay"), ward), { paidOn: "2026-09-05" });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.awardRound).toMatchObject({
      state: "paid",
      voucherNumber: "PC1/2026",
      paidOn: "2026-09-05",
    });
    paidTransaction = paid.body.awardRound.transactionId;
    const again = await cashier.post(path("pay"), { paidOn: "2026-09-06" });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain("đã chi");
    const ledger = (await keeper.get(`/api/v1/funds/${fund.id}/transactions`)).body.transactions;
    const posted = ledger.find((x: any) => x.id === paid.body.awardRound.transactionId);
    expect(posted.entries).toEqual(
      expect.arrayContaining([
        { accountId: fund.poor, side: "debit", amount: total() },
        { accountId: fund.cash, side: "credit", amount: total() },
      ]),
    );
    expect(posted.entries).toHaveLength(2);
    expect(posted.description).toContain(`40 người nhận, danh sách SHA-256 ${paid.body.awardRound.listHash}`);
    const accounts = (await keeper.get(`/api/v1/funds/${fund.id}`)).body.fund.accounts;
    expect(accounts.find((a: any) => a.id === fund.poor).balance).toBe(60_000_000 - total());
    expect((await verifyFunds(t.db, { fundId: fund.id })).broken).toBeNull();
    // The sổ quỹ tiền mặt shows the round's payment under its phiếu chi.
    const book = await keeper.get(`/api/v1/funds/${fund.id}/accounts/${fund.cash}/book.xlsx?year=2026`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(book.body);
    const line = workbook.worksheets[0]!.getRows(1, 40)!.find((r) => r.getCell(3).text === "PC1/2026");
    expect(line?.getCell(6).value).toBe(total());
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "fund_award_round")
      .where("entity_id", "=", String(round.id))
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "fund.award.create",
      "fund.award.update",
      "fund.award.import",
      "fund.award.approve",
      "fund.award.approve",
      "fund.award.pay",
    ]);
  });

  it("never takes the restricted purpose below zero; a draft is cancelled, a paid round is not", async () => {
    const next = (await keeper.post(base(), { ...roundOf(round), name: "Học bổng bổ sung" })).body.awardRound;
    const big = rows.slice(0, 30).map((r) => ({ ...r, amount: "1.000.000" }));
    const imported = await upload(
      keeper,
      `${base()}/${next.id}/recipients/import?dryRun=0`,
      await sheetXlsx(big),
      "b.xlsx",
    );
    expect(imported.body.created).toBe(30);
    await approver.post(`${base()}/${next.id}/approve`);
    await chair.post(`${base()}/${next.id}/approve`);
    const short = await cashier.post(`${base()}/${next.id}/pay`, { paidOn: "2026-09-10" });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toContain("không đủ số dư");
    const cancel = (communeId: number) =>
      keeper.post(under(`${base()}/${next.id}/cancel`, communeId), { reason: "Không đủ kinh phí" });
    expect((await cancel(other)).status).toBe(404);
    const cancelled = await cancel(ward);
    expect(cancelled.body.awardRound).toMatchObject({
      state: "cancelled",
      closedReason: "Không đủ kinh phí",
    });
    expect((await keeper.post(`${base()}/${round.id}/cancel`, { reason: "Thử" })).status).toBe(422);
    const draft = (await keeper.post(base(), { ...roundOf(next), name: "Nháp" })).body.awardRound;
    expect(
      (await keeper.post(`${base()}/${draft.id}/cancel`, { reason: "Lập nhầm" })).body.awardRound.state,
    ).toBe("cancelled");
    expect((await approver.post(`${base()}/${draft.id}/approve`)).body.error.message).toContain("đã hủy");
    const list = (await approver.get(base())).body.awardRounds;
    expect(list.map((r: any) => r.state).sort()).toEqual(["cancelled", "cancelled", "paid"]);
  });

  it("gives the signature list as XLSX and PDF, every recipient named (the record they sign), the total in words", async () => {
    // The first pupil's father consented to a public list (consent register, migration 0040); the signature list is
    // the accounting record the recipients sign, so it names every pupil whether or not a consent is on record.
    const officer = await t.as("tayho");
    const pupil = await officer.post("/api/v1/beneficiaries", {
      unitId: await t.unitId("00103"),
      fullName: rows[0]!.name,
      kind: "student",
      birthYear: Number(rows[0]!.birth.slice(-4)),
      school: rows[0]!.school,
    });
    expect(pupil.status, JSON.stringify(pupil.body)).toBe(201);
    const consent = await officer.post("/api/v1/consents", {
      subject: { kind: "beneficiaries", id: pupil.body.beneficiary.id },
      purpose: "minor_scholarship_list",
      givenAt: "2026-09-01",
      method: "paper",
      noticeVersion: "2026.1",
      guardianName: "Phạm Văn Bố",
      guardianRelation: "father",
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    const xlsx = await approver.get(`${base()}/${round.id}/signature-list.xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as any;
        texts.push(v?.richText ? v.richText.map((r: any) => r.text).join("") : String(v));
      }),
    );
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "HỘI KHUYẾN HỌC PHƯỜNG TÂY HỒ",
      "DANH SÁCH KÝ NHẬN",
      "Lễ trao học bổng năm học 2026–2027",
      "Ký nhận",
      rows[0]!.name,
      rows[21]!.name,
      "Tổng cộng",
      "Lê Văn Chủ Tịch",
    ])
      expect(texts, expected).toContain(expected);
    const header = texts.indexOf("STT");
    expect(texts.slice(header, header + 6)).toEqual([
      "STT",
      "Họ và tên",
      "Lớp",
      "Trường",
      "Số tiền (đồng)",
      "Ký nhận",
    ]);
    expect(texts.find((x) => x.startsWith("Số tiền bằng chữ:"))).toContain("đồng");
    let sum = 0;
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === "number") sum += row.getCell(5).value as number;
    });
    expect(sum).toBe(total());

    const pdf = await approver.get(`${base()}/${round.id}/signature-list.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(pdf.body));
    if (text !== null) {
      expect(text).toContain("DANH SÁCH KÝ NHẬN");
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(text).toContain("Lễ trao học bổng năm học 2026–2027");
      expect(text).toContain("Quyết định số 15/QĐ-HKH ngày 01/09/2026");
      expect(text).toContain(rows[0]!.name);
      expect(text).toContain(rows[21]!.name); // "… Thủy", no consent on record
      for (const part of ["Tổng cộng", "40 người", "47.300.000", "TM. BAN CHẤP HÀNH CHỦ TỊCH"])
        expect(text).toContain(part);
      expect(text).toContain(`Số tiền bằng chữ: ${amountInWords(total())}.`);
      expect(text).toContain("Chi theo phiếu chi số PC1/2026");
      expect(text).toMatch(/Trang 1\/[23]/);
    }

    // Named under another commune, the fund (and so its round's documents) is not found.
    for (const file of ["signature-list.xlsx", "signature-list.pdf", "voucher.pdf"]) {
      expect((await approver.get(under(`${base()}/${round.id}/${file}`, ward))).status, file).toBe(200);
      expect((await approver.get(under(`${base()}/${round.id}/${file}`, other))).status, file).toBe(404);
    }

    // The phiếu chi of the round: its total, in words, to the list's 40 recipients.
    const voucher = await approver.get(`${base()}/${round.id}/voucher.pdf`);
    expect(voucher.status).toBe(200);
    expect(voucher.headers.get("content-type")).toBe("application/pdf");
    const voucherText = pdfText(new Uint8Array(voucher.body));
    if (voucherText !== null) {
      expect(voucherText).toContain("PHIẾU CHI");
      expect(voucherText).toContain("Số: PC1/2026");
      expect(voucherText).toContain("40 người theo danh sách ký nhận kèm theo");
      expect(voucherText).toContain("47.300.000");
      expect(voucherText).toContain(`Viết bằng chữ: ${amountInWords(total())}`);
    }
  });

  it("discloses the paid round with every minor masked, and verify finds an edited list", async () => {
    expect((await keeper.post(`/api/v1/funds/${fund.id}/periods/2026/close`)).status).toBe(201);
    expect((await approver.post(`/api/v1/funds/${fund.id}/disclosures/2026/publish`)).status).toBe(201);
    const response = await t.anonymous().get(`/api/v1/public/funds/${fund.id}/disclosures/2026`);
    const d = response.body.disclosure;
    const json = JSON.stringify(d);
    for (const r of rows.filter((x) => x.minor)) {
      expect(json).not.toContain(r.name);
      expect(json).toContain(initials(r.name));
    }
    expect(json).not.toContain(rows[0]!.household);
    expect(json).not.toContain("birth");
    expect(json).toContain("Đỗ Thành Công"); // an adult student
    expect(json).toContain("Lương Thị Nhàn"); // a teacher
    expect(d.spending).toBe(total());
    expect(d.awardRounds).toEqual([
      expect.objectContaining({
        voucher: "PC1/2026",
        recipients: 40,
        amount: total(),
        decision: "15/QĐ-HKH ngày 01/09/2026",
      }),
    ]);
    const pupil = d.disbursements.find((x: any) => x.recipient === initials(rows[1]!.name));
    expect(pupil).toMatchObject({ voucher: "PC1/2026", school: rows[1]!.school, class: rows[1]!.class });
    expect(d.disbursements).toHaveLength(40);

    // Row-level security: as the application role, a user of another province sees and deletes nothing.
    const outsider = await t.db
      .selectFrom("app_users")
      .select("id")
      .where("username", "=", "maokhe")
      .executeTakeFirstOrThrow();
    const seen = await t.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE hieuhoc_app`.execute(tx);
      await sql`SELECT set_config('hieuhoc.user_id', ${String(outsider.id)}, true)`.execute(tx);
      const { rows } = await sql<{ n: string }>`SELECT ((SELECT count(*) FROM fund_award_recipients)
        + (SELECT count(*) FROM fund_award_rounds))::text AS n`.execute(tx);
      const deleted = await sql`DELETE FROM fund_award_recipients`.execute(tx);
      return [rows[0]!.n, Number(deleted.numAffectedRows)];
    });
    expect(seen).toEqual(["0", 0]);
    await t.db.connection().execute(async (c) => {
      await sql`SET session_replication_role = replica`.execute(c);
      await sql`UPDATE fund_award_recipients SET full_name = 'Người Khác' WHERE round_id = ${round.id} AND line = 2`.execute(
        c,
      );
      await sql`SET session_replication_role = origin`.execute(c);
    });
    const broken = await verifyFunds(t.db, { fundId: fund.id });
    expect(broken.broken?.reason).toContain("đã bị thay đổi sau khi chi");
    expect(broken.broken?.transactionId).toBe(paidTransaction);
  });
});
