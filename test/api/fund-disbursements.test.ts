/**
 * Disbursements: proposed → approved → paid (or rejected / voided), four eyes (the proposer, each approver and the
 * payer are different people, also in the database), two approvers above the fund's threshold, phiếu chi numbers,
 * every write audited, and a restricted purpose that never goes below zero under parallel payments.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyFunds } from "../../src/server/modules/fund/verify";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { createTestFund, type FundFixture, fundPeople, pdfText, sponsorScholarships } from "../helpers/fund";

describeEachEngine("fund disbursements", (engine) => {
  let t: TestApp;
  let keeper: ApiClient; // treasurer: proposes
  let cashier: ApiClient; // second treasurer: pays
  let approver: ApiClient; // reviewer
  let chair: ApiClient; // second approver
  let fund: FundFixture;
  let ward: number;
  let other: number; // a commune that is not the fund's

  beforeAll(async () => {
    t = await demoApp(engine);
    const people = await fundPeople(t);
    ({ keeper, cashier, approver, chair } = people);
    ward = people.ward;
    other = await t.unitId("00004");
    fund = await createTestFund(keeper, ward, 5_000_000);
    await sponsorScholarships(keeper, fund, "2026-01-10");
  });
  afterAll(() => t.close());

  /** The fund's routes name its commune, as the web does; `communeId` another one: the fund is then not found. */
  const propose = (amount: number, name = "Phạm Minh Anh", communeId = ward) =>
    keeper.post(`/api/v1/funds/${fund.id}/disbursements?communeId=${communeId}`, {
      amount,
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      beneficiaryKind: "student",
      beneficiaryName: name,
      beneficiaryMinor: true,
      beneficiarySchool: "Trường THCS Chu Văn An",
      beneficiaryClass: "7A",
      recipientName: "Phạm Văn Bố",
      reason: "Học bổng học sinh nghèo vượt khó",
    });
  const path = (id: number, action: string, communeId = ward) =>
    `/api/v1/funds/${fund.id}/disbursements/${id}/${action}?communeId=${communeId}`;
  /** The caller's to-do lines about this fund's waiting payments: step and counts. */
  const waiting = async (client: ApiClient) =>
    ((await client.get("/api/v1/todo?year=2026")).body.items as any[])
      .filter((i) => i.fund?.id === fund.id && i.fund.waiting)
      .map((i) => ({ step: i.step, ...i.fund.waiting }));

  it("goes proposed → approved → paid with three different people and a phiếu chi number", async () => {
    const proposed = await propose(1_000_000);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const d = proposed.body.disbursement;
    expect(d).toMatchObject({ state: "proposed", approvalsNeeded: 1, voucherNumber: null });
    // Nothing is posted while it is pending.
    expect((await keeper.get(`/api/v1/funds/${fund.id}`)).body.fund.chain.seq).toBe(1);
    // The approvers find it on their to-do list; the treasurers have nothing to do with it yet.
    expect(await waiting(approver)).toEqual([{ step: "fund_approve", disbursements: 1, rounds: 0 }]);
    expect(await waiting(chair)).toEqual([{ step: "fund_approve", disbursements: 1, rounds: 0 }]);
    expect(await waiting(keeper)).toEqual([]);
    expect(await waiting(cashier)).toEqual([]);

    const own = await keeper.post(path(d.id, "approve"));
    expect(own.status).toBe(403); // a treasurer cannot approve at all
    const early = await cashier.post(path(d.id, "pay"), { paidOn: "2026-02-01" });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain("chỉ chi được khoản đã duyệt");

    const approved = await approver.post(path(d.id, "approve"));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.disbursement.state).toBe("approved");
    expect(approved.body.disbursement.approvals[0].name).toContain("Phó Chủ tịch UBND phường Tây Hồ");

    // Approved: to be paid by a keeper who did not propose it; no approver is asked any more.
    expect(await waiting(cashier)).toEqual([{ step: "fund_pay", disbursements: 1, rounds: 0 }]);
    expect(await waiting(keeper)).toEqual([]);
    expect(await waiting(approver)).toEqual([]);
    // The Hội's chair also keeps the books and took no part in this one: it may pay it too.
    expect(await waiting(chair)).toEqual([{ step: "fund_pay", disbursements: 1, rounds: 0 }]);

    const byProposer = await keeper.post(path(d.id, "pay"), { paidOn: "2026-02-01" });
    expect(byProposer.status).toBe(422);
    expect(byProposer.body.error.message).toBe("Người đề xuất không đồng thời là người chi");

    const paid = await cashier.post(path(d.id, "pay"), { paidOn: "2026-02-01" });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.disbursement).toMatchObject({
      state: "paid",
      voucherNumber: "PC1/2026",
      paidBy: expect.stringContaining("Trần Văn Kế Toán"),
    });
    expect(await waiting(cashier)).toEqual([]);
    const again = await cashier.post(path(d.id, "pay"), { paidOn: "2026-02-01" });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain("đã chi");

    const accounts = (await keeper.get(`/api/v1/funds/${fund.id}`)).body.fund.accounts;
    expect(accounts.find((a: any) => a.id === fund.poor).balance).toBe(19_000_000);

    const voucher = await approver.get(path(d.id, "voucher.pdf"));
    expect(voucher.status).toBe(200);
    // Under another commune the fund is not found: to read, propose, approve, pay, reject or void.
    expect((await approver.get(path(d.id, "voucher.pdf", other))).status).toBe(404);
    const list = (communeId: number) =>
      keeper.get(`/api/v1/funds/${fund.id}/disbursements?communeId=${communeId}`);
    expect((await list(ward)).body.disbursements.map((x: any) => x.id)).toEqual([d.id]);
    expect((await list(other)).status).toBe(404);
    expect((await propose(50_000, "Phạm Minh Anh", other)).status).toBe(404);
    expect(voucher.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(voucher.body));
    if (text !== null) {
      expect(text).toContain("PHIẾU CHI");
      expect(text).toContain("Số: PC1/2026");
      expect(text).toContain("Viết bằng chữ: Một triệu đồng");
      expect(text).toContain("Người duyệt: Phó Chủ tịch UBND phường Tây Hồ, lúc");
      expect(text).toContain("Họ và tên người nhận: Phạm Văn Bố (nhận thay Phạm Minh Anh)");
    }
    const pending = (await propose(50_000)).body.disbursement;
    const noVoucher = await keeper.get(path(pending.id, "voucher.pdf"));
    expect(noVoucher.status).toBe(422);
    expect((await approver.post(path(pending.id, "approve", other))).status).toBe(404);
    expect((await approver.post(path(pending.id, "reject", other), { reason: "Thử" })).status).toBe(404);
    expect((await keeper.post(path(pending.id, "void", other), { reason: "Thử" })).status).toBe(404);
    expect((await keeper.post(path(pending.id, "void"), { reason: "Thử" })).status).toBe(200);
    const receipts = (await keeper.get(`/api/v1/funds/${fund.id}/receipts`)).body.receipts;
    const receiptPdf = await keeper.get(`/api/v1/funds/${fund.id}/receipts/${receipts[0].id}/voucher.pdf`);
    expect(receiptPdf.status).toBe(200);
    const receiptText = pdfText(new Uint8Array(receiptPdf.body));
    if (receiptText !== null) expect(receiptText).toContain("Viết bằng chữ: Hai mươi triệu đồng");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "fund_disbursement")
      .where("entity_id", "=", String(d.id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "fund.disbursement.propose",
      "fund.disbursement.approve",
      "fund.disbursement.pay",
    ]);
  });

  it("needs two approvers above the fund's threshold, never the proposer, each once", async () => {
    const d = (await propose(6_000_000)).body.disbursement;
    expect(d.approvalsNeeded).toBe(2);
    const first = await approver.post(path(d.id, "approve"));
    expect(first.body.disbursement.state).toBe("proposed");
    const twice = await approver.post(path(d.id, "approve"));
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toContain("cần một người duyệt khác");
    expect((await cashier.post(path(d.id, "pay"), { paidOn: "2026-02-02" })).status).toBe(422);
    const second = await chair.post(path(d.id, "approve"));
    expect(second.body.disbursement.state).toBe("approved");
    expect((await cashier.post(path(d.id, "pay", other), { paidOn: "2026-02-02" })).status).toBe(404);
    const byApprover = await chair.post(path(d.id, "pay"), { paidOn: "2026-02-02" });
    expect(byApprover.status).toBe(422);
    expect(byApprover.body.error.message).toBe("Người duyệt không đồng thời là người chi");
    const paid = await cashier.post(path(d.id, "pay"), { paidOn: "2026-02-02" });
    expect(paid.body.disbursement.voucherNumber).toBe("PC2/2026");
  });

  it("refuses self-approval and a payment by an approver in the database too", async () => {
    const d = (await propose(100_000)).body.disbursement;
    const row = await t.db
      .selectFrom("fund_disbursements")
      .select(["commune_id", "proposed_by"])
      .where("id", "=", d.id)
      .executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto("fund_disbursement_approvals")
        .values({
          commune_id: row.commune_id,
          disbursement_id: d.id,
          approver_id: row.proposed_by,
          approver_name: "x",
        })
        .execute(),
    ).rejects.toThrow(/không được tự duyệt/);
    await expect(
      sql`UPDATE fund_disbursements SET state = 'approved' WHERE id = ${d.id}`.execute(t.db),
    ).rejects.toThrow(/cần 1 người duyệt/);
    const rejected = await approver.post(path(d.id, "reject"), { reason: "Không đúng đối tượng" });
    expect(rejected.body.disbursement).toMatchObject({
      state: "rejected",
      closedReason: "Không đúng đối tượng",
    });
    expect((await approver.post(path(d.id, "approve"))).status).toBe(422);
    const voided = (await propose(100_000)).body.disbursement;
    const v = await keeper.post(path(voided.id, "void"), { reason: "Trùng" });
    expect(v.body.disbursement.state).toBe("voided");
    expect((await cashier.post(path(voided.id, "pay"), { paidOn: "2026-02-03" })).status).toBe(422);
    const missing = await keeper.post(`/api/v1/funds/${fund.id}/disbursements`, {
      amount: 0,
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      beneficiaryKind: "student",
      beneficiaryName: "",
      reason: "x",
    });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.details.fields).sort()).toEqual(["amount", "beneficiaryName"]);
  });

  it("never takes a restricted purpose below zero, also with payments in parallel", {
    timeout: 120_000,
  }, async () => {
    const balance = (await keeper.get(`/api/v1/funds/${fund.id}`)).body.fund.accounts.find(
      (a: any) => a.id === fund.poor,
    ).balance as number;
    const each = 1_000_000;
    const fits = Math.floor(balance / each);
    const ids: number[] = [];
    for (let i = 0; i < fits + 6; i++) {
      const d = (await propose(each, `Học sinh ${i + 1}`)).body.disbursement;
      expect((await approver.post(path(d.id, "approve"))).status).toBe(200);
      ids.push(d.id);
    }
    const results = await Promise.all(
      ids.map((id) => cashier.post(path(id, "pay"), { paidOn: "2026-03-01" })),
    );
    const paid = results.filter((r) => r.status === 200);
    expect(paid.length).toBe(fits);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.every((r) => r.status === 422 && /không đủ số dư/.test(r.body.error.message))).toBe(true);
    const after = (await keeper.get(`/api/v1/funds/${fund.id}`)).body.fund.accounts.find(
      (a: any) => a.id === fund.poor,
    );
    expect(after.balance).toBe(balance - fits * each);
    const numbers = paid.map((r) => r.body.disbursement.voucherNumber).sort();
    expect(new Set(numbers).size).toBe(fits);
    expect((await verifyFunds(t.db, { fundId: fund.id })).broken).toBeNull();
  });

  it("publishes a closed year as a frozen snapshot that anyone reads, with minors masked", async () => {
    expect((await keeper.post(`/api/v1/funds/${fund.id}/disclosures/2026/publish`)).status).toBe(403);
    const publish = (communeId: number) =>
      approver.post(`/api/v1/funds/${fund.id}/disclosures/2026/publish?communeId=${communeId}`);
    expect((await publish(other)).status).toBe(404);
    const open = await approver.post(`/api/v1/funds/${fund.id}/disclosures/2026/publish`);
    expect(open.status).toBe(422);
    expect(open.body.error.message).toContain("chưa khóa sổ");
    expect((await keeper.post(`/api/v1/funds/${fund.id}/periods/2026/close`)).status).toBe(201);
    const published = await publish(ward);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect((await approver.post(`/api/v1/funds/${fund.id}/disclosures/2026/publish`)).status).toBe(422);
    const response = await t.anonymous().get(`/api/v1/public/funds/${fund.id}/disclosures/2026`);
    expect(response.status).toBe(200);
    const d = response.body.disclosure;
    const text = JSON.stringify(d);
    expect(text).not.toContain("Phạm Minh Anh");
    expect(text).not.toContain("Phạm Văn Bố");
    expect(d.disbursements[0]).toMatchObject({
      voucher: "PC1/2026",
      recipient: "P.M.A.",
      school: "Trường THCS Chu Văn An",
      class: "7A",
    });
    expect(d.receiptsByDonor).toEqual([{ donor: "Công ty Minh Phát", amount: 20_000_000 }]);
    expect(d.income - d.spending).toBe(d.closingBalance - d.openingBalance);
    const head = (await keeper.get(`/api/v1/funds/${fund.id}`)).body.fund.closedYears[0];
    expect(d.chain).toMatchObject({ headHash: head.headHash, seal: head.seal });
    expect((await t.anonymous().get(`/api/v1/public/funds/${fund.id}/disclosures/2025`)).status).toBe(404);
    // With the fund's unit, the snapshot is looked up in that commune alone; another commune's is not found.
    const inUnit = (unit: number, file = "") =>
      t.anonymous().get(`/api/v1/public/funds/${fund.id}/disclosures/2026${file}?communeId=${unit}`);
    expect((await inUnit(ward)).body.disclosure).toEqual(d);
    expect((await inUnit(ward, "/disclosure.csv")).status).toBe(200);
    const elsewhere = await inUnit(other);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.message).toBe("Quỹ chưa công khai năm này");
    expect((await inUnit(other, "/disclosure.csv")).status).toBe(404);
  });
});
