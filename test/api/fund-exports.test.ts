/**
 * What a fund gives out besides its JSON: the sổ quỹ tiền mặt and sổ tiền gửi as workbooks (opening balance, each
 * line with its voucher number, running balance, closing balance equal to the ledger's), the public disclosure as
 * CSV (the JSON's figures, minors masked, anonymous donors unnamed), and the to-do line asking from 01/02 for last
 * year's disclosure until it is published.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { addUser, createTestFund, type FundFixture } from "../helpers/fund";

const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const year = thisYear - 2; // a past year, whatever today is

describeEachEngine("fund exports", (engine) => {
  let t: TestApp;
  let keeper: ApiClient;
  let cashier: ApiClient;
  let approver: ApiClient;
  let fund: FundFixture;

  const receive = async (on: string, body: Record<string, unknown>) => {
    const response = await keeper.post(`/api/v1/funds/${fund.id}/receipts`, {
      receivedOn: on,
      reason: "Ủng hộ quỹ khuyến học",
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.receipt;
  };
  /** The cells as text; amounts are numbers (đồng) shown with a thousands separator. */
  const rowsOf = async (body: ArrayBuffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) =>
      rows.push(
        Array.from({ length: 8 }, (_, i) => {
          const cell = row.getCell(i + 1);
          if (typeof cell.value !== "number") return cell.text;
          expect(cell.numFmt).toBe("#,##0");
          return String(cell.value);
        }),
      ),
    );
    return rows;
  };

  beforeAll(async () => {
    t = await demoApp(engine);
    const ward = await t.unitId("00103");
    await addUser(t, "xuat.thuquy", "treasurer", ward, "Nguyễn Thị Thủ Quỹ");
    await addUser(t, "xuat.ketoan", "treasurer", ward, "Trần Văn Kế Toán");
    keeper = await t.as("xuat.thuquy");
    cashier = await t.as("xuat.ketoan");
    approver = await t.as("tayho.duyet");
    fund = await createTestFund(keeper, ward);
    await receive(`${year}-03-01`, {
      donorName: "Công ty Minh Phát",
      donorKind: "organization",
      amount: 10_000_000,
    });
    await receive(`${year}-04-01`, { donorName: "Nguyễn Văn Kín", anonymous: true, amount: 2_000_000 });
    await receive(`${year}-04-15`, {
      donorName: "Dòng họ Nguyễn",
      donorKind: "organization", // a person is named only with a consent on record (modules/consent)
      amount: 5_000_000,
      assetAccountId: fund.bank,
    });
    const transfer = await keeper.post(`/api/v1/funds/${fund.id}/transfers`, {
      postedOn: `${year}-05-01`,
      fromAccountId: fund.cash,
      toAccountId: fund.bank,
      amount: 3_000_000,
      description: "Nộp tiền mặt vào tài khoản",
    });
    expect(transfer.status).toBe(201);
    const proposed = await keeper.post(`/api/v1/funds/${fund.id}/disbursements`, {
      amount: 1_500_000,
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      beneficiaryKind: "student",
      beneficiaryName: "Phạm Minh Anh",
      beneficiaryMinor: true,
      beneficiarySchool: "Trường THCS Chu Văn An",
      beneficiaryClass: "7A",
      reason: "Học bổng học sinh nghèo vượt khó",
    });
    const id = proposed.body.disbursement.id;
    expect(proposed.body.disbursement.proposedById).toBeGreaterThan(0);
    const approved = await approver.post(`/api/v1/funds/${fund.id}/disbursements/${id}/approve`);
    expect(approved.body.disbursement.approvals[0].userId).not.toBe(proposed.body.disbursement.proposedById);
    const paid = await cashier.post(`/api/v1/funds/${fund.id}/disbursements/${id}/pay`, {
      paidOn: `${year}-09-05`,
    });
    expect(paid.body.disbursement.voucherNumber).toBe(`PC1/${year}`);
    const wrong = await receive(`${year}-10-01`, { donorName: "Gõ nhầm", amount: 700_000 });
    const reversed = await keeper.post(
      `/api/v1/funds/${fund.id}/transactions/${wrong.transactionId}/reverse`,
      {
        postedOn: `${year}-10-02`,
        reason: "Ghi nhầm",
      },
    );
    expect(reversed.status).toBe(201);
  });
  afterAll(() => t.close());

  it("writes the cash book and the bank book of a year, balances agreeing with the ledger", async () => {
    const cash = await keeper.get(`/api/v1/funds/${fund.id}/accounts/${fund.cash}/book.xlsx?year=${year}`);
    expect(cash.status).toBe(200);
    expect(cash.headers.get("content-disposition")).toContain(
      `so-quy-${fund.id}-tien-mat-${fund.cash}-${year}.xlsx`,
    );
    const rows = await rowsOf(cash.body);
    expect(rows[0]![0]).toBe("SỔ QUỸ TIỀN MẶT");
    const first = rows.findIndex((r) => r[3] === `Số dư đầu năm ${year}`);
    expect(rows[first]![6]).toBe("0");
    const lines = rows.slice(first + 1, -2);
    expect(lines.map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
      [`01/03/${year}`, `PT1/${year}`, "", "10000000", ""],
      [`01/04/${year}`, `PT2/${year}`, "", "2000000", ""],
      [`01/05/${year}`, "", "", "", "3000000"],
      [`05/09/${year}`, "", `PC1/${year}`, "", "1500000"],
      [`01/10/${year}`, `PT4/${year}`, "", "700000", ""],
      [`02/10/${year}`, "", "", "", "700000"],
    ]);
    expect(lines.map((r) => r[6])).toEqual([
      "10000000",
      "12000000",
      "9000000",
      "7500000",
      "8200000",
      "7500000",
    ]);
    expect(rows.at(-2)!.slice(3, 6)).toEqual(["Cộng phát sinh trong năm", "12700000", "5200000"]);
    expect(rows.at(-1)!.slice(3, 7)).toEqual([`Số dư cuối năm ${year}`, "", "", "7500000"]);
    const atEnd = (await keeper.get(`/api/v1/funds/${fund.id}?date=${year}-12-31`)).body.fund.accounts;
    expect(atEnd.find((a: any) => a.id === fund.cash).balanceAtDate).toBe(7_500_000);

    const bank = await rowsOf(
      (await cashier.get(`/api/v1/funds/${fund.id}/accounts/${fund.bank}/book.xlsx?year=${year}`)).body,
    );
    expect(bank[0]![0]).toBe("SỔ TIỀN GỬI NGÂN HÀNG");
    expect(bank.some((r) => r.includes("Gửi vào") && r.includes("Rút ra"))).toBe(true);
    expect(bank.flat().join(" ")).toContain("Agribank, số tài khoản 1500201234567");
    expect(bank.at(-1)![6]).toBe("8000000");

    const next = await rowsOf(
      (await keeper.get(`/api/v1/funds/${fund.id}/accounts/${fund.cash}/book.xlsx?year=${year + 1}`)).body,
    );
    expect(next.at(-3)!.slice(3, 7)).toEqual([`Số dư đầu năm ${year + 1}`, "", "", "7500000"]);
    expect(next.at(-1)![6]).toBe("7500000");

    const purpose = await keeper.get(`/api/v1/funds/${fund.id}/accounts/${fund.poor}/book.xlsx?year=${year}`);
    expect(purpose.status).toBe(422);
    expect(purpose.body.error.message).toContain("không có sổ quỹ");
  });

  it("asks from 01/02 for last year's disclosure until it is published, then gives it as CSV", async () => {
    const todo = async (client: ApiClient, y: number) =>
      ((await client.get(`/api/v1/todo?year=${y}`)).body.items as any[]).filter(
        (i) => i.fund?.id === fund.id,
      );
    const [item] = await todo(keeper, year + 1);
    expect(item).toMatchObject({
      step: "fund_disclosure",
      title: null,
      fund: { id: fund.id, year, closed: false },
      due: `${year + 1}-03-31`,
      overdue: true,
    });
    expect(item.label).toContain(`Khóa sổ và công khai thu – chi năm ${year}`);
    expect(await todo(approver, year + 1)).toHaveLength(1);
    expect(await todo(await t.as("to1.tayho"), year + 1)).toEqual([]); // a viewer neither keeps nor approves
    expect(await todo(keeper, thisYear + 1)).toEqual([]); // 01/02 of next year has not come

    const csvPath = `/api/v1/public/funds/${fund.id}/disclosures/${year}/disclosure.csv`;
    expect((await t.anonymous().get(csvPath)).status).toBe(404);
    expect((await keeper.post(`/api/v1/funds/${fund.id}/periods/${year}/close`)).status).toBe(201);
    expect((await todo(keeper, year + 1))[0].fund.closed).toBe(true);
    expect((await approver.post(`/api/v1/funds/${fund.id}/disclosures/${year}/publish`)).status).toBe(201);
    expect(await todo(keeper, year + 1)).toEqual([]);
    const detail = (await keeper.get(`/api/v1/funds/${fund.id}`)).body.fund;
    expect(detail.closedYears[0].publishedAt).toEqual(expect.any(String));

    const json = await t.anonymous().get(`/api/v1/public/funds/${fund.id}/disclosures/${year}`);
    expect(json.body.publishedAt).toEqual(expect.any(String));
    const d = json.body.disclosure;
    const csv = await t.anonymous().get(csvPath);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body);
    expect(text.startsWith("\uFEFFPhần;Số phiếu chi;Nội dung;Trường;Lớp;Mục đích;Số tiền (đồng)\r\n")).toBe(
      true,
    );
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.split("\r\n");
    expect(lines).toContain(`Tổng hợp;;Thu trong năm;;;;${d.income}`);
    expect(d.income).toBe(17_000_000);
    expect(lines).toContain("Tổng hợp;;Chi trong năm;;;;1500000");
    expect(lines).toContain(`Tổng hợp;;Tồn cuối năm;;;;${d.closingBalance}`);
    expect(lines).toContain("Thu theo nhà hảo tâm;;Nhà hảo tâm ẩn danh;;;;2000000");
    expect(lines).toContain(
      `Chi theo người nhận;PC1/${year};P.M.A.;Trường THCS Chu Văn An;7A;Học bổng học sinh nghèo;1500000`,
    );
    expect(lines.some((l) => l.includes(d.chain.headHash) && l.startsWith("Chuỗi băm"))).toBe(true);
    expect(text).not.toContain("Phạm Minh Anh");
    expect(text).not.toContain("Nguyễn Văn Kín");
    expect(text).not.toContain("Gõ nhầm");
  });
});
