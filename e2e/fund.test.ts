/**
 * The learning-promotion fund in the browser, on a 360 px phone: a treasurer records a receipt from the donors list
 * and opens its phiếu thu, then proposes a scholarship for a pupil of the beneficiaries list; the reviewer approves
 * it (the proposer is told they may not pay it), a second treasurer pays it and gets the phiếu chi; the year is
 * closed, the reviewer publishes it, and the public page opened logged out shows the totals, the anonymous donor
 * unnamed and the pupil by initials only. Nothing sticks out sideways; axe finds no serious violation on the fund's
 * and the public page.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { chooseOption, pickOption, submitForm } from "./helpers/antd";
import { axeViolations, describeViolations } from "./helpers/axe";
import { chromiumAvailable } from "./helpers/browser";
import { addPeople, closeAndPublish, confirmPayment } from "./helpers/fund";
import { apiLogin, apiSend } from "./helpers/server";
import { browserSuite, communeUnits, eventually, expectNoOverflow } from "./helpers/suite";

const available = chromiumAvailable();
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

type Fund = { id: number; name: string; accounts: { id: number; name: string }[] };

/** The input of an amount field (antd puts the test id on the input or on its wrapper). */
const amount = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

describe.skipIf(!available)("a fund's books on a phone", () => {
  const app = browserSuite();

  // Five people sign in one after the other: more than the default minute on a loaded machine.
  test("receipt, proposal, approval by a second person, payment by a third, public disclosure", {
    timeout: 180_000,
  }, async () => {
    const hanoi = await apiLogin(app.url, "hanoi");
    const tayho = await apiLogin(app.url, "tayho");
    const { communeId } = await communeUnits(app.url, tayho);
    await addPeople(app.url, hanoi, communeId, [
      ["thuquy.e2e", "Nguyễn Thị Thủ Quỹ", "treasurer"],
      ["ketoan.e2e", "Trần Văn Kế Toán", "treasurer"],
    ]);
    const keeper = await apiLogin(app.url, "thuquy.e2e");
    const made = await apiSend<{ fund: Fund }>(app.url, keeper, "POST", "/api/v1/funds", {
      unitId: communeId,
      name: "Quỹ Khuyến học phường Tây Hồ",
      ownerKind: "association",
      mode: "association",
      accounts: [
        { kind: "cash", name: "Tiền mặt" },
        { kind: "bank", name: "Tài khoản Agribank", bankName: "Agribank", accountNumber: "1500201234567" },
      ],
      purposes: [
        { kind: "unrestricted", name: "Quỹ chung" },
        { kind: "restricted", name: "Học bổng học sinh nghèo" },
      ],
    });
    expect(made.status).toBe(201);
    const fund = made.body.fund;
    const account = (name: string) => fund.accounts.find((a) => a.name === name)!.id;
    const donor = await apiSend(app.url, tayho, "POST", "/api/v1/donors", {
      communeId,
      name: "Công ty Minh Phát",
      kind: "organization",
      address: "Số 5 Âu Cơ",
    });
    expect(donor.status).toBe(201);
    const pupil = await apiSend(app.url, tayho, "POST", "/api/v1/beneficiaries", {
      unitId: communeId,
      fullName: "Phạm Minh Anh",
      birthYear: year - 13,
      school: "Trường THCS Chu Văn An",
      class: "7A",
    });
    expect(pupil.status).toBe(201);
    const anonymous = await apiSend(app.url, keeper, "POST", `/api/v1/funds/${fund.id}/receipts`, {
      receivedOn: today,
      donorName: "Nguyễn Văn Kín",
      anonymous: true,
      reason: "Ủng hộ quỹ khuyến học",
      amount: 2_000_000,
      assetAccountId: account("Tiền mặt"),
      purposeAccountId: account("Quỹ chung"),
    });
    expect(anonymous.status).toBe(201);

    // The treasurer records a receipt from the donors list and opens its phiếu thu.
    const treasurer = await app.signedIn("thuquy.e2e");
    let page = treasurer.page;
    try {
      await page.goto(`${app.url}/quy`);
      // The fund's page names its commune (?xa=); its requests then send it (the server looks there alone).
      expect(await page.getByTestId("fund-link").getAttribute("href")).toBe(
        `/quy/${fund.id}?xa=${communeId}`,
      );
      await page.getByTestId("fund-link").click();
      await page.getByTestId("fund-assets").waitFor();
      await expectNoOverflow(page);
      await page.getByTestId("fund-receive").click();
      await page.getByTestId("receipt-donor").click();
      await page.keyboard.type("Minh");
      await pickOption(page, "Công ty Minh Phát · Số 5 Âu Cơ");
      await amount(page, "receipt-amount").fill("1500000");
      await amount(page, "receipt-amount").blur();
      expect(await amount(page, "receipt-amount").inputValue()).toBe("1.500.000");
      await chooseOption(page, "receipt-purpose", "Học bổng học sinh nghèo");
      await expectNoOverflow(page);
      const created = await submitForm(
        page,
        "receipt-form-ok",
        (r) =>
          new URL(r.url()).pathname.endsWith(`/funds/${fund.id}/receipts`) && r.request().method() === "POST",
      );
      expect(created.status()).toBe(201);
      expect(new URL(created.url()).searchParams.get("communeId")).toBe(String(communeId));
      const link = page.getByTestId("receipt-voucher-link");
      await eventually(() => page.getByTestId("receipt-done").textContent()).toContain(`PT2/${year}`);
      const pdf = await page.request.get(`${app.url}${await link.getAttribute("href")}`);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      await eventually(() =>
        page.getByTestId(`balance-${account("Học bổng học sinh nghèo")}`).textContent(),
      ).toBe("1.500.000 đ");

      // …and proposes a scholarship for a pupil of the beneficiaries list (a minor by the year of birth).
      await page.getByTestId("fund-propose").click();
      await amount(page, "propose-amount").fill("1000000");
      await page.getByTestId("propose-beneficiary").click();
      // The option is picked from the answer to the whole name typed (earlier answers are replaced as they come).
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/beneficiaries?") && r.url().includes("q=Minh+Anh")),
        page.keyboard.type("Minh Anh"),
      ]);
      await pickOption(page, "Phạm Minh Anh · 0001 · Trường THCS Chu Văn An, Lớp 7A");
      await eventually(() => page.getByTestId("propose-listed").textContent()).toContain("chữ cái đầu");
      await page.getByTestId("propose-reason").fill("Học bổng học sinh nghèo vượt khó");
      const proposed = await submitForm(
        page,
        "propose-form-ok",
        (r) =>
          new URL(r.url()).pathname.endsWith(`/funds/${fund.id}/disbursements`) &&
          r.request().method() === "POST",
      );
      expect(proposed.status()).toBe(201);
      await page.getByTestId("fund-tab-disbursements").click();
      await eventually(() => page.getByTestId("disbursement-state").first().textContent()).toBe("Chờ duyệt");
      // A treasurer does not approve: the page says who does.
      expect(await page.getByTestId("disbursement-approve").count()).toBe(0);
      await page.getByTestId("role-note-fund.approve").waitFor();
      await expectNoOverflow(page);
    } finally {
      await treasurer.context.close();
    }

    // The reviewer approves it.
    const reviewer = await app.signedIn("tayho.duyet");
    page = reviewer.page;
    try {
      // The proposal waits on the reviewer's to-do list, whose line opens the fund's disbursements.
      await page.goto(`${app.url}/viec-can-lam`);
      const line = page.getByTestId("todo-list").locator("tr, .ant-list-item").filter({ hasText: fund.name });
      await eventually(() => line.first().textContent()).toContain("Duyệt 1 khoản chi");
      await line.first().getByTestId("todo-open").click();
      await page.waitForURL(/tab=disbursements/);
      const approve = page.getByTestId("disbursement-approve");
      await eventually(() => approve.isEnabled()).toBe(true);
      expect(await page.getByTestId("fund-receive").count()).toBe(0); // not a keeper of the books
      await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/approve")),
        approve.click(),
      ]);
      await eventually(() => page.getByTestId("disbursement-state").first().textContent()).toBe(
        "Đã duyệt, chờ chi",
      );
    } finally {
      await reviewer.context.close();
    }

    // The proposer may not pay it; the second treasurer does.
    const proposer = await app.signedIn("thuquy.e2e");
    try {
      await proposer.page.goto(`${app.url}/quy/${fund.id}?tab=disbursements`);
      await eventually(() => proposer.page.getByTestId("disbursement-pay-why").textContent()).toBe(
        "Bạn đề xuất khoản chi này: một người khác chi.",
      );
      expect(await proposer.page.getByTestId("disbursement-pay").isDisabled()).toBe(true);
    } finally {
      await proposer.context.close();
    }
    const cashier = await app.signedIn("ketoan.e2e");
    page = cashier.page;
    try {
      await page.goto(`${app.url}/quy/${fund.id}?tab=disbursements`);
      const pay = page.getByTestId("disbursement-pay");
      await eventually(() => pay.isEnabled()).toBe(true);
      await pay.click();
      const paid = await confirmPayment(page, "pay-form-ok");
      expect(paid.status()).toBe(200);
      await eventually(() => page.getByTestId("disbursement-pdf").textContent()).toContain(`PC1/${year}`);
      const voucher = await page.request.get(
        `${app.url}${await page.getByTestId("disbursement-pdf").getAttribute("href")}`,
      );
      expect(voucher.headers()["content-type"]).toContain("application/pdf");
      await expectNoOverflow(page);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await cashier.context.close();
    }

    // The year is closed, and the reviewer (the chair's role here) publishes it.
    await closeAndPublish(app, keeper, "tayho.duyet", fund.id, year);

    // Anyone, logged out, reads the disclosure: totals, no minor's full name, no anonymous donor's name.
    const visitor = await app.context();
    try {
      const page = await visitor.newPage();
      await page.goto(`${app.url}/cong-khai/quy/${fund.id}/${year}`);
      await page.getByTestId("disclosure-recipients").waitFor();
      expect(await page.getByTestId("disclosure-income").textContent()).toContain("3.500.000 đ");
      expect(await page.getByTestId("disclosure-spending").textContent()).toContain("1.000.000 đ");
      expect(await page.getByTestId("disclosure-closing").textContent()).toContain("2.500.000 đ");
      const text = (await page.locator("body").textContent()) ?? "";
      expect(text).toContain("P.M.A.");
      expect(text).not.toContain("Phạm Minh Anh");
      expect(text).toContain("Nhà hảo tâm ẩn danh");
      expect(text).not.toContain("Nguyễn Văn Kín");
      expect(text).toContain("Công ty Minh Phát");
      const csv = await page.request.get(
        `${app.url}${await page.getByTestId("disclosure-csv").getAttribute("href")}`,
      );
      expect(csv.status()).toBe(200);
      expect((await csv.text()).includes("Phạm Minh Anh")).toBe(false);
      await expectNoOverflow(page);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
