/**
 * An award round end to end in the browser: a treasurer makes "Lễ trao học bổng năm học 2026–2027" and imports its
 * 40 recipients from an .xlsx (a dry run first: 40 rows, no error); the ward's reviewer (on a 1280 px screen) and
 * the Hội's chair approve it, two people because its total is above the fund's threshold, each told what they may
 * not do next; a second treasurer pays it (the maker is told why they may not); the signature list comes as XLSX
 * with the 40 names and as PDF; the chair publishes the year, and the public page opened logged out names no minor
 * (initials only) but names the adults. Nothing sticks out sideways on the phone; axe finds no serious violation.
 */
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { initials } from "../src/server/modules/fund/award-disclosure";
import { formatMoney } from "../src/web/format";
import { fortyRecipients, sheetXlsx } from "../test/helpers/award";
import { pdfText } from "../test/helpers/fund";
import { axeViolations, describeViolations } from "./helpers/axe";
import { chromiumAvailable } from "./helpers/browser";
import { addPeople, closeAndPublish, confirmPayment } from "./helpers/fund";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import {
  addressMatches,
  browserSuite,
  chooseImportFile,
  communeUnits,
  eventually,
  expectNoOverflow,
  rows,
  sendImport,
} from "./helpers/suite";

const available = chromiumAvailable();
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const DESKTOP = { width: 1280, height: 900 };

type Fund = { id: number; accounts: { id: number; name: string }[] };

/** Clicks a button and waits for the server's answer to the request it sends. */
async function clickFor(page: Page, testId: string, urlEnd: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(urlEnd) && r.request().method() !== "GET"),
    page.getByTestId(testId).click(),
  ]);
  return response;
}

describe.skipIf(!available)("an award round in the browser", () => {
  const app = browserSuite();

  // Five people sign in one after the other: more than the default minute on a loaded machine.
  test("create, import 40, two approvers, pay, signature list, public page without minors' names", {
    timeout: 120_000,
  }, async () => {
    const hanoi = await apiLogin(app.url, "hanoi");
    const tayho = await apiLogin(app.url, "tayho");
    const { communeId, units } = await communeUnits(app.url, tayho);
    await addPeople(app.url, hanoi, communeId, [
      ["thuquy.dot", "Nguyễn Thị Thủ Quỹ", "treasurer"],
      ["ketoan.dot", "Trần Văn Kế Toán", "treasurer"],
      ["chutich.dot", "Lê Văn Chủ Tịch", "association_admin"],
    ]);
    const keeper = await apiLogin(app.url, "thuquy.dot");
    const made = await apiSend<{ fund: Fund }>(app.url, keeper, "POST", "/api/v1/funds", {
      unitId: communeId,
      name: "Quỹ Khuyến học phường Tây Hồ",
      ownerKind: "association",
      mode: "association",
      twoApprovalsAbove: 10_000_000,
      accounts: [{ kind: "cash", name: "Tiền mặt" }],
      purposes: [
        { kind: "unrestricted", name: "Quỹ chung" },
        { kind: "restricted", name: "Học bổng học sinh nghèo" },
      ],
    });
    expect(made.status).toBe(201);
    const fund = made.body.fund;
    const account = (name: string) => fund.accounts.find((a) => a.name === name)!.id;
    const gift = await apiSend(app.url, keeper, "POST", `/api/v1/funds/${fund.id}/receipts`, {
      receivedOn: today,
      donorName: "Công ty Minh Phát",
      donorKind: "organization",
      reason: "Tài trợ Lễ trao học bổng năm học 2026–2027",
      amount: 60_000_000,
      assetAccountId: account("Tiền mặt"),
      purposeAccountId: account("Học bổng học sinh nghèo"),
    });
    expect(gift.status).toBe(201);
    // The recipients: 34 pupils (minors), an adult student, four teachers, a family; the first pupil by the
    // household code of one of the ward's households, others by their residential group.
    const village = units.find((u) => u.level === "village")!.name;
    const { households } = await apiGet<{ households: { code: string; village: { name: string } }[] }>(
      app.url,
      tayho,
      `/api/v1/households?unitId=${communeId}&limit=1`,
    );
    const home = households[0]!;
    const people = fortyRecipients(village, { code: home.code, village: home.village.name });
    const total = people.reduce((sum, r) => sum + r.dong, 0);
    const sheet = Buffer.from(await sheetXlsx(people));
    let roundPath = "";

    // The treasurer makes the round and imports its list: a dry run, then the real run.
    const treasurer = await app.signedIn("thuquy.dot");
    let page = treasurer.page;
    try {
      await page.goto(`${app.url}/quy/${fund.id}?tab=rounds`);
      await page.getByTestId("award-create").click();
      // The recipients' ages are those of school year 2026–2027, whatever the year the test runs in.
      await page.getByTestId("award-name").fill("Lễ trao học bổng năm học 2026–2027");
      await page.getByTestId("award-school-year").fill("2026–2027");
      await page.getByTestId("award-decision-number").fill("15/QĐ-HKH");
      await page.getByTestId("award-decision-date").click();
      await page.keyboard.type(`${today.slice(8)}/${today.slice(5, 7)}/${year}`);
      await page.keyboard.press("Enter");
      await page.getByTestId("award-signer-name").fill("Lê Văn Chủ Tịch");
      const created = await clickFor(page, "award-form-ok", "/award-rounds");
      expect(created.status()).toBe(201);
      await page.waitForURL((u) => /^\/quy\/\d+\/dot\/\d+$/.test(u.pathname));
      roundPath = new URL(page.url()).pathname;
      expect(await page.getByTestId("award-title").textContent()).toBe("Lễ trao học bổng năm học 2026–2027");
      expect(await page.getByTestId("award-state").textContent()).toBe("Đang lập");
      // A treasurer does not approve: the page says who does.
      await page.getByTestId("role-note-fund.approve").waitFor();
      expect(await page.getByTestId("award-approve").count()).toBe(0);

      await chooseImportFile(page, "award-import", "hoc-bong.xlsx", sheet);
      const checked = await sendImport(page, "/recipients/import?dryRun=1");
      expect(checked.status()).toBe(200);
      expect(await checked.json()).toMatchObject({
        dryRun: true,
        total: 40,
        created: 40,
        errors: [],
        minors: 34,
      });
      await eventually(() => page.getByTestId("award-import-summary").textContent()).toContain(
        "40 người (34 trẻ em)",
      );
      expect(await page.getByTestId("import-converted").textContent()).toContain("“Trường”");
      expect(await page.getByTestId("award-total").textContent()).toContain("0 người"); // nothing written yet
      await expectNoOverflow(page);
      const imported = await sendImport(page, "/recipients/import?dryRun=0", "import-run");
      expect(imported.status()).toBe(200);
      await eventually(() => page.getByTestId("award-total").textContent()).toBe(
        `${formatMoney(total)} · 40 người (34 trẻ em)`,
      );
      expect(await rows(page, "award-recipients").count()).toBe(40);
      expect(await page.getByTestId("award-recipients").textContent()).toContain(people[0]!.name);
      expect(await page.getByTestId("award-approvals-needed").textContent()).toContain("Cần hai người duyệt");
      expect(await page.getByTestId("award-pay-why").textContent()).toBe("Chưa đủ người duyệt (0/2).");
      expect(await page.getByTestId("award-pay").isDisabled()).toBe(true);
      await expectNoOverflow(page);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await treasurer.context.close();
    }

    // The ward's reviewer approves it on a desktop screen; a second approver is still needed.
    const reviewer = await app.signedIn("tayho.duyet", DESKTOP);
    page = reviewer.page;
    try {
      await page.goto(`${app.url}${roundPath}`);
      const approve = page.getByTestId("award-approve");
      await eventually(() => approve.isEnabled()).toBe(true);
      expect(await page.getByTestId("award-import").count()).toBe(0); // not a keeper of the books
      expect((await clickFor(page, "award-approve", "/approve")).status()).toBe(200);
      await eventually(() => page.getByTestId("award-state").textContent()).toBe("Đang duyệt (1/2)");
      expect(await page.getByTestId("award-approve-why").textContent()).toBe(
        "Bạn đã duyệt đợt trao này: cần một người duyệt khác.",
      );
      expect(await page.getByTestId("award-approvals").textContent()).toContain(
        "Phó Chủ tịch UBND phường Tây Hồ",
      );
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await reviewer.context.close();
    }

    // The Hội's chair approves it second; approving, they may not also pay it.
    const chair = await app.signedIn("chutich.dot");
    page = chair.page;
    try {
      await page.goto(`${app.url}${roundPath}`);
      const approve = page.getByTestId("award-approve");
      await eventually(() => approve.isEnabled()).toBe(true);
      expect((await clickFor(page, "award-approve", "/approve")).status()).toBe(200);
      await eventually(() => page.getByTestId("award-state").textContent()).toBe("Đã duyệt, chờ chi");
      expect(await page.getByTestId("award-pay-why").textContent()).toBe(
        "Bạn đã duyệt đợt trao này: một người khác chi.",
      );
    } finally {
      await chair.context.close();
    }

    // The second treasurer pays it; the signature list names all forty.
    const cashier = await app.signedIn("ketoan.dot");
    page = cashier.page;
    try {
      await page.goto(`${app.url}${roundPath}`);
      const pay = page.getByTestId("award-pay");
      await eventually(() => pay.isEnabled()).toBe(true);
      await pay.click();
      const paid = await confirmPayment(page, "award-pay-form-ok");
      expect(paid.status()).toBe(200);
      await eventually(() => page.getByTestId("award-paid").textContent()).toContain(`PC1/${year}`);
      expect(await page.getByTestId("award-state").textContent()).toBe("Đã chi");
      await expectNoOverflow(page);

      const xlsx = await page.request.get(
        `${app.url}${await page.getByTestId("award-signature-xlsx").getAttribute("href")}`,
      );
      expect(xlsx.status()).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
      const lines: { line: number; name: string; amount: number }[] = [];
      workbook.worksheets[0]!.eachRow((row) => {
        if (typeof row.getCell(1).value === "number")
          lines.push({
            line: row.getCell(1).value as number,
            name: row.getCell(2).text,
            amount: row.getCell(5).value as number,
          });
      });
      expect(lines.map((l) => l.line)).toEqual(people.map((_, i) => i + 1));
      expect(lines.map((l) => l.name)).toEqual(people.map((r) => r.name));
      expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(total);
      const pdf = await page.request.get(
        `${app.url}${await page.getByTestId("award-signature-pdf").getAttribute("href")}`,
      );
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      const text = pdfText(await pdf.body());
      if (text !== null) {
        expect(text).toContain("DANH SÁCH KÝ NHẬN");
        expect(text).toContain(`Chi theo phiếu chi số PC1/${year}`);
        expect(text).toContain(`40 người ${formatMoney(total).replace(" đ", "")}`);
        // The PDF names the minors in full (the recipients sign it); a long name may wrap in its cell.
        for (const r of people.filter((p) => p.minor)) expect(text).toContain(r.name);
      }
      // The round's phiếu chi, linked once it is paid.
      const voucher = await page.request.get(
        `${app.url}${await page.getByTestId("award-voucher-pdf").getAttribute("href")}`,
      );
      expect(voucher.headers()["content-type"]).toContain("application/pdf");
      const voucherText = pdfText(await voucher.body());
      if (voucherText !== null) expect(voucherText).toContain(`Số: PC1/${year}`);
    } finally {
      await cashier.context.close();
    }

    // The year is closed and the chair publishes it.
    await closeAndPublish(app, keeper, "chutich.dot", fund.id, year);

    // Anyone, logged out, reads the year: the round, every recipient, no minor's full name.
    const visitor = await app.context();
    try {
      const page = await visitor.newPage();
      // The address the fund's page links (`?xa=`): the page asks for the disclosure in the fund's commune.
      const [answer] = await Promise.all([
        page.waitForResponse((r) =>
          addressMatches(r.url(), `/public/funds/${fund.id}/disclosures/${year}?communeId=${communeId}`),
        ),
        page.goto(`${app.url}/cong-khai/quy/${fund.id}/${year}?xa=${communeId}`),
      ]);
      expect(answer.status()).toBe(200);
      await page.getByTestId("disclosure-recipients").waitFor();
      expect(await page.getByTestId("disclosure-rounds").textContent()).toContain(
        "Lễ trao học bổng năm học 2026–2027",
      );
      expect(await page.getByTestId("disclosure-rounds").textContent()).toContain("40 người nhận");
      expect(await rows(page, "disclosure-recipients").count()).toBe(40);
      const text = (await page.locator("body").textContent()) ?? "";
      for (const r of people.filter((p) => p.minor)) {
        expect(text).not.toContain(r.name);
        expect(text).toContain(initials(r.name));
      }
      for (const r of people.filter((p) => !p.minor)) expect(text).toContain(r.name);
      expect(await page.getByTestId("disclosure-recipients").textContent()).not.toContain(home.code);
      await expectNoOverflow(page);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
