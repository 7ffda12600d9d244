/**
 * The fund ledger: funds with accounts and purposes, receipts numbered per fund and year, balances at a date, the
 * database's own refusals (unbalanced, edited or deleted postings), reversals, closed years, the hash chain and
 * `hieuhoc fund verify` catching an edit made by the database owner with the triggers disabled.
 */
import { spawnSync } from "node:child_process";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyFunds } from "../../src/server/modules/fund/verify";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { addUser, createTestFund, type FundFixture } from "../helpers/fund";

describeEachEngine("fund ledger", (engine) => {
  let t: TestApp;
  let treasurer: ApiClient;
  let fund: FundFixture;
  let ward: number;
  let other: number; // a commune that is not the fund's

  beforeAll(async () => {
    t = await demoApp(engine);
    ward = await t.unitId("00103");
    other = await t.unitId("00004");
    await addUser(t, "thuquy", "treasurer", ward, "Thủ quỹ Tây Hồ");
    treasurer = await t.as("thuquy");
    fund = await createTestFund(treasurer, ward);
  });
  afterAll(() => t.close());

  /** A route of the fund named with its commune (as the web does), or with `communeId` another one. */
  const route = (path: string, communeId = ward) =>
    `/api/v1/funds/${fund.id}${path}${path.includes("?") ? "&" : "?"}communeId=${communeId}`;
  const receive = (body: Record<string, unknown>, communeId = ward) =>
    treasurer.post(route("/receipts", communeId), {
      donorName: "Công ty TNHH Minh Phát",
      donorKind: "organization",
      reason: "Ủng hộ quỹ khuyến học",
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      ...body,
    });

  it("numbers receipts per fund and year and keeps balances per account and purpose at a date", async () => {
    const first = await receive({ receivedOn: "2025-03-01", amount: 1_005_000 });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.receipt.voucherNumber).toBe("PT1/2025");
    const second = await receive({
      receivedOn: "2025-05-10",
      amount: 2_000_000,
      purposeAccountId: fund.general,
    });
    expect(second.body.receipt.voucherNumber).toBe("PT2/2025");
    const goods = await receive({
      receivedOn: "2025-06-01",
      amount: 3_000_000,
      assetAccountId: fund.goods,
      inKindDescription: "50 bộ sách giáo khoa",
    });
    expect(goods.body.receipt.voucherNumber).toBe("PT3/2025");
    const next = await receive({ receivedOn: "2026-01-05", amount: 500_000, anonymous: true });
    expect(next.body.receipt.voucherNumber).toBe("PT1/2026");

    const at = async (date: string) =>
      Object.fromEntries(
        (await treasurer.get(`/api/v1/funds/${fund.id}?date=${date}`)).body.fund.accounts.map((a: any) => [
          a.name,
          a.balanceAtDate,
        ]),
      );
    expect(await at("2025-04-01")).toMatchObject({
      "Tiền mặt": 1_005_000,
      "Học bổng học sinh nghèo": 1_005_000,
      "Quỹ chung": 0,
    });
    expect(await at("2025-12-31")).toMatchObject({
      "Tiền mặt": 3_005_000,
      "Hiện vật": 3_000_000,
      "Quỹ chung": 2_000_000,
      "Học bổng học sinh nghèo": 4_005_000,
    });
    const now = (await treasurer.get(`/api/v1/funds/${fund.id}`)).body.fund;
    expect(now.chain.seq).toBe(4);
    expect(now.accounts.find((a: any) => a.id === fund.poor).balance).toBe(4_505_000);
  });

  it("is looked for in the commune named with it: under another commune it is not found", async () => {
    const receipt = (await treasurer.get(route("/receipts?year=2025"))).body.receipts[0];
    for (const path of [
      "",
      "/transactions?year=2025",
      "/receipts?year=2025",
      "/verify",
      `/accounts/${fund.cash}/book.xlsx?year=2025`,
      `/receipts/${receipt.id}/voucher.pdf`,
    ]) {
      expect((await treasurer.get(route(path))).status, path).toBe(200);
      const misplaced = await treasurer.get(route(path, other));
      expect(misplaced.status, path).toBe(404);
      expect(misplaced.body.error.message, path).toBe("Không tìm thấy quỹ");
    }
    // Writes under another commune are not found either, and write nothing.
    const wrong = await receive({ receivedOn: "2025-07-01", amount: 1000 }, other);
    expect(wrong.status).toBe(404);
    expect((await treasurer.get(route(""))).body.fund.chain.seq).toBe(4);
  });

  it("names a donor of the registry on a receipt; a donor of another commune is refused", async () => {
    const tayho = await t.as("tayho"); // data entry keeps the donor list through the registry engine
    const donor = await tayho.post("/api/v1/donors", {
      communeId: ward,
      name: "Bà Nguyễn Thị Hảo",
      kind: "person",
      address: "Tổ dân phố số 2",
    });
    expect(donor.status, JSON.stringify(donor.body)).toBe(201);
    const received = await receive({
      receivedOn: "2026-01-06",
      amount: 700_000,
      donorId: donor.body.donor.id,
      donorName: undefined,
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    expect(received.body.receipt).toMatchObject({
      donorName: "Bà Nguyễn Thị Hảo",
      donorKind: "person",
      voucherNumber: "PT2/2026",
    });
    const other = await t.unitId("07069");
    const foreign = await t.db
      .insertInto("fund_donors")
      .values({
        commune_id: other,
        province_id: await t.unitId("22", { level: "province" }),
        code: "0001",
        name: "Ngoài",
        kind: "person",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const refused = await receive({ receivedOn: "2026-01-06", amount: 1000, donorId: foreign.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields).toHaveProperty("donorId");
  });

  it("refuses bad receipts in Vietnamese, naming the field, writing nothing", async () => {
    const before = (
      await t.db
        .selectFrom("fund_transactions")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    for (const [body, field] of [
      [{ receivedOn: "2026-02-01", amount: 0 }, "amount"],
      [{ receivedOn: "2026-02-01", amount: -5 }, "amount"],
      [{ receivedOn: "2026-02-01", amount: 1.5 }, "amount"],
      [{ receivedOn: "2026-02-01", amount: 10 ** 15 + 1 }, "amount"],
      [{ receivedOn: "2026-02-30", amount: 1000 }, "receivedOn"],
      [{ receivedOn: "2026-02-01", amount: 1000, assetAccountId: fund.poor }, "assetAccountId"],
      [{ receivedOn: "2026-02-01", amount: 1000, assetAccountId: fund.goods }, "inKindDescription"],
    ] as const) {
      const response = await receive(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
      expect(Object.keys(response.body.error.details?.fields ?? {}).join(), JSON.stringify(body)).toContain(
        field,
      );
    }
    const earlier = await receive({ receivedOn: "2025-12-01", amount: 1000 });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error.message).toContain("thứ tự ngày");
    const after = (
      await t.db
        .selectFrom("fund_transactions")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    expect(after).toBe(before);
  });

  it("enforces balance and immutability in the database itself", async () => {
    const head = await t.db
      .selectFrom("funds")
      .select(["commune_id", "head_seq", "head_hash"])
      .where("id", "=", fund.id)
      .executeTakeFirstOrThrow();
    // An unbalanced transaction written straight to the tables (chain right, entries 100 ≠ 90) fails at commit.
    const unbalanced = t.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto("fund_transactions")
        .values({
          commune_id: head.commune_id,
          fund_id: fund.id,
          seq: head.head_seq + 1,
          kind: "transfer",
          posted_on: "2026-03-01",
          description: "Không cân",
          created_by_name: "test",
          prev_hash: head.head_hash,
          hash: "0".repeat(64),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("fund_entries")
        .values([
          {
            commune_id: head.commune_id,
            fund_id: fund.id,
            transaction_id: row.id,
            account_id: fund.bank,
            side: "debit",
            amount: 100,
          },
          {
            commune_id: head.commune_id,
            fund_id: fund.id,
            transaction_id: row.id,
            account_id: fund.cash,
            side: "credit",
            amount: 90,
          },
        ])
        .execute();
    });
    await expect(unbalanced).rejects.toThrow(/không cân/);
    await expect(sql`UPDATE fund_entries SET amount = amount + 1`.execute(t.db)).rejects.toThrow(
      /không được sửa hoặc xóa/,
    );
    await expect(sql`DELETE FROM fund_transactions`.execute(t.db)).rejects.toThrow(/không được sửa hoặc xóa/);
    await expect(sql`UPDATE fund_receipts SET amount = 1`.execute(t.db)).rejects.toThrow(
      /không được sửa hoặc xóa/,
    );
    await expect(
      sql`UPDATE fund_accounts SET balance = -1 WHERE id = ${fund.poor}`.execute(t.db),
    ).rejects.toThrow();
    expect((await verifyFunds(t.db, { fundId: fund.id })).broken).toBeNull();
  });

  it("corrects by a reversing transaction that points at the original, once", async () => {
    const transactions = (await treasurer.get(`/api/v1/funds/${fund.id}/transactions?year=2025`)).body
      .transactions;
    const second = transactions[1];
    const misplaced = await treasurer.post(route(`/transactions/${second.id}/reverse`, other), {
      postedOn: "2026-03-02",
      reason: "Ghi nhầm mục đích",
    });
    expect(misplaced.status).toBe(404);
    const reversal = await treasurer.post(route(`/transactions/${second.id}/reverse`), {
      postedOn: "2026-03-02",
      reason: "Ghi nhầm mục đích",
    });
    expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
    const again = await treasurer.post(`/api/v1/funds/${fund.id}/transactions/${second.id}/reverse`, {
      postedOn: "2026-03-02",
      reason: "Lần nữa",
    });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain("đã được đảo");
    const ledger = (await treasurer.get(`/api/v1/funds/${fund.id}/transactions`)).body.transactions;
    const last = ledger[ledger.length - 1];
    expect(last).toMatchObject({ kind: "reversal", reversesId: second.id });
    expect(last.entries.map((e: any) => e.side).sort()).toEqual(["credit", "debit"]);
    expect(ledger.find((x: any) => x.id === second.id).reversedById).toBe(last.id);
    const receipts = (await treasurer.get(`/api/v1/funds/${fund.id}/receipts?year=2025`)).body.receipts;
    expect(receipts.map((r: any) => r.reversed)).toEqual([false, true, false]);
    // The general purpose held only that receipt: it is back to zero, and cannot be reversed below it.
    const general = (await treasurer.get(`/api/v1/funds/${fund.id}`)).body.fund.accounts.find(
      (a: any) => a.id === fund.general,
    );
    expect(general.balance).toBe(0);
  });

  it("moves cash into the bank, and refuses more than the account holds", async () => {
    const deposit = {
      postedOn: "2026-03-03",
      fromAccountId: fund.cash,
      toAccountId: fund.bank,
      amount: 1_000_000,
      description: "Nộp tiền mặt vào tài khoản",
    };
    expect((await treasurer.post(route("/transfers", other), deposit)).status).toBe(404);
    const ok = await treasurer.post(route("/transfers"), deposit);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const tooMuch = await treasurer.post(`/api/v1/funds/${fund.id}/transfers`, {
      postedOn: "2026-03-03",
      fromAccountId: fund.general,
      toAccountId: fund.poor,
      amount: 1,
      description: "Chuyển mục đích",
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.message).toContain('"Quỹ chung" không đủ số dư');
  });

  it("closes a year: nothing more is posted into it, and the seal is kept", async () => {
    expect((await treasurer.post(route("/periods/2025/close", other))).status).toBe(404);
    const closed = await treasurer.post(route("/periods/2025/close"));
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect(closed.body.period.headSeq).toBe(3);
    expect((await treasurer.post(`/api/v1/funds/${fund.id}/periods/2025/close`)).status).toBe(422);
    const fundNow = (await treasurer.get(`/api/v1/funds/${fund.id}`)).body.fund;
    expect(fundNow.closedYears.map((y: any) => y.year)).toEqual([2025]);
    expect((await treasurer.post(`/api/v1/funds/${fund.id}/periods/2026/close`)).status).toBe(201);
    const late = await receive({ receivedOn: "2026-12-15", amount: 1000 });
    expect(late.status).toBe(422);
    expect(late.body.error.message).toBe("Năm 2026 đã khóa sổ: không ghi thêm bút toán vào năm này");
    // Straight into the table too: the trigger refuses a posting dated in the closed year.
    const head = await t.db
      .selectFrom("funds")
      .select(["commune_id", "head_seq", "head_hash"])
      .where("id", "=", fund.id)
      .executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto("fund_transactions")
        .values({
          commune_id: head.commune_id,
          fund_id: fund.id,
          seq: head.head_seq + 1,
          kind: "transfer",
          posted_on: "2026-12-20",
          description: "Vào năm đã khóa",
          created_by_name: "test",
          prev_hash: head.head_hash,
          hash: "0".repeat(64),
        })
        .execute(),
    ).rejects.toThrow(/đã khóa sổ/);
    const future = await treasurer.post(`/api/v1/funds/${fund.id}/periods/2100/close`);
    expect(future.status).toBe(422);
  });

  it("chains every transaction; verify names the first link altered by the owner with triggers off", async () => {
    const clean = await verifyFunds(t.db, { fundId: fund.id });
    expect(clean.broken).toBeNull();
    expect(clean.transactions).toBe(7);
    expect((await treasurer.get(`/api/v1/funds/${fund.id}/verify`)).body.broken).toBeNull();
    const third = await t.db
      .selectFrom("fund_transactions")
      .select(["id", "commune_id"])
      .where("fund_id", "=", fund.id)
      .where("seq", "=", 3)
      .executeTakeFirstOrThrow();
    await t.db.connection().execute(async (c) => {
      await sql`SET session_replication_role = replica`.execute(c);
      await sql`UPDATE fund_entries SET amount = amount + 1 WHERE transaction_id = ${third.id} AND side = 'debit'`.execute(
        c,
      );
      await sql`UPDATE fund_entries SET amount = amount + 1 WHERE transaction_id = ${third.id} AND side = 'credit'`.execute(
        c,
      );
      await sql`SET session_replication_role = origin`.execute(c);
    });
    const broken = await verifyFunds(t.db, { fundId: fund.id });
    expect(broken.broken).toMatchObject({ fundId: fund.id, seq: 3, transactionId: third.id });
    expect(broken.broken!.reason).toContain("đã bị thay đổi");
    const api = (await treasurer.get(`/api/v1/funds/${fund.id}/verify`)).body;
    expect(api.broken.seq).toBe(3);
  });

  if (engine === "postgres")
    it("`hieuhoc fund verify` exits 1 naming the broken link", { timeout: 180_000 }, async () => {
      const database = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(t.db)).rows[0]!.db;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${database}`;
      const run = spawnSync(
        process.execPath,
        ["bin/hieuhoc.mjs", "fund", "verify", "--fund", String(fund.id)],
        {
          encoding: "utf8",
          env: { ...process.env, DATABASE_URL: url.toString() },
        },
      );
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain("mắt xích hỏng tại bút toán số 3");
    });
});
