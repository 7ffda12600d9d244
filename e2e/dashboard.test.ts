/**
 * Browser test of the statistics dashboard: as the Hà Nội admin, open /thong-ke for the province, see the ranked
 * bar chart drawn, drill down to Phường Tây Hồ by clicking its bar (and again by its table row after going back),
 * download the Excel report and check that its total row is the sum of its rows and equals the page's figures;
 * the national target and its status, the trend chart and the choice of boundaries; on a 360 px phone nothing
 * overflows sideways, the funds' section included.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Download, Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { chooseOption, confirmPopup } from "./helpers/antd";
import { chromiumAvailable, uiLogin } from "./helpers/browser";
import { apiGet, apiLogin, apiSend, DEMO_PASSWORD } from "./helpers/server";
import { browserSuite, eventually, expectNoOverflow, PHONE, rows } from "./helpers/suite";

const available = chromiumAvailable();
const DESKTOP = { width: 1280, height: 900 };
const YEAR = 2025;

type SheetRows = { headers: string[]; rows: unknown[][]; total: unknown[] };

/** The table of the downloaded report: the header row (STT, Đơn vị, …), the unit rows and the "Tổng cộng" row. */
async function readReport(download: Download): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const all: unknown[][] = [];
  // Text cells are inline rich text of one run (formula guard, lib/xlsx-stream.ts): compare their text.
  const plain = (value: unknown) =>
    value && typeof value === "object" && "richText" in value
      ? (value as { richText: { text: string }[] }).richText.map((run) => run.text).join("")
      : value;
  workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => {
    all[n - 1] = (row.values as unknown[]).slice(1).map(plain);
  });
  const rows = Array.from(all, (row) => row ?? []);
  const header = rows.findIndex((row) => row[0] === "STT" && row[1] === "Đơn vị") + 1;
  const total = rows.findIndex((row) => row[1] === "Tổng cộng");
  expect(header).toBeGreaterThan(0);
  expect(total).toBe(rows.length - 1);
  return { headers: rows[header]!.map(String), rows: rows.slice(header + 1, total), total: rows[total]! };
}

/** Every count column of the total row is the sum of the rows above it. */
function expectTotalIsSum(sheet: SheetRows): void {
  const countColumns = sheet.headers.flatMap((h, i) =>
    ["Tổng số", "Đăng ký", "Đạt"].includes(h) ? [i] : [],
  );
  expect(countColumns.length).toBe(19); // 3 counts × 6 titles, and the total of the centres' rating
  for (const column of countColumns) {
    const sum = sheet.rows.reduce((s: number, row) => s + Number(row[column] ?? 0), 0);
    expect(sheet.total[column]).toBe(sum);
  }
}

describe.skipIf(!available)("statistics dashboard in the browser", () => {
  const app = browserSuite();
  let province: number;
  let ward: number;

  beforeAll(async () => {
    const hanoi = await apiLogin(app.url, "hanoi");
    const me = await apiGet<{ user: { grants: { unit: { id: number } | null }[] } }>(
      app.url,
      hanoi,
      "/api/v1/auth/me",
    );
    province = me.user.grants[0]!.unit!.id;
    const { units } = await apiGet<{ units: { id: number; code: string }[] }>(
      app.url,
      hanoi,
      `/api/v1/units/${province}/children`,
    );
    ward = units.find((u) => u.code === "00103")!.id;
    // Register three households of Phường Tây Hồ for the family title, so that it has a registration rate.
    const tayho = await apiLogin(app.url, "tayho");
    const { households } = await apiGet<{ households: { id: number }[] }>(
      app.url,
      tayho,
      `/api/v1/households?unitId=${ward}&limit=3`,
    );
    expect(households.length).toBe(3);
    const registered = await apiSend(app.url, tayho, "POST", "/api/v1/registrations", {
      year: YEAR,
      title: "learning_family",
      subjects: households.map((h) => ({ kind: "household", id: h.id })),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBeLessThan(300);
    // A fund of the ward's Hội with one receipt of the year, for the "Quỹ khuyến học" section.
    const fund = await apiSend<{ fund: { id: number; accounts: { id: number; class: string }[] } }>(
      app.url,
      hanoi,
      "POST",
      "/api/v1/funds",
      { unitId: ward, name: "Quỹ khuyến học phường Tây Hồ", ownerKind: "association", mode: "association" },
    );
    expect(fund.status, JSON.stringify(fund.body)).toBe(201);
    const account = (kind: string) => fund.body.fund.accounts.find((a) => a.class === kind)!.id;
    const receipt = await apiSend(app.url, hanoi, "POST", `/api/v1/funds/${fund.body.fund.id}/receipts`, {
      receivedOn: `${YEAR}-03-02`,
      donorName: "Công ty Minh Phát",
      donorKind: "organization",
      reason: "Ủng hộ quỹ khuyến học",
      amount: 12_500_000,
      assetAccountId: account("asset"),
      purposeAccountId: account("purpose"),
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
  }, 240_000);

  const unitInUrl = (page: Page) => Number(new URL(page.url()).searchParams.get("unit"));
  const heading = (page: Page) => page.getByTestId("stats-unit-name").textContent();

  async function expectChartDrawn(page: Page): Promise<void> {
    await page.getByTestId("children-chart").locator("svg, canvas").first().waitFor();
    await eventually(() => page.getByTestId("children-chart").locator("svg path").count()).toBeGreaterThan(0);
  }

  async function download(page: Page): Promise<SheetRows> {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-xlsx").click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^bieu-thong-ke-.+-2025\.xlsx$/);
    return readReport(file);
  }

  test("province → ward by the chart and by the table, back and forward, Excel report", async () => {
    const context = await app.browser.newContext({
      viewport: DESKTOP,
      locale: "vi-VN",
      acceptDownloads: true,
    });
    try {
      const page = await context.newPage();
      await uiLogin(page, app.url, "hanoi", DEMO_PASSWORD);
      await page.goto(`${app.url}/thong-ke`);
      await eventually(() => heading(page)).toContain("Thành phố Hà Nội");
      await chooseOption(page, "stats-year", String(YEAR));
      await page.waitForURL((u) => u.searchParams.get("year") === String(YEAR));
      await eventually(() => heading(page)).toBe(`Thành phố Hà Nội · Gia đình học tập · ${YEAR}`);
      await expectChartDrawn(page);
      await eventually(() => page.getByTestId("child-link").count()).toBe(6);
      expect(await page.getByTestId("metric-registered").textContent()).toContain("3");
      // The national target of the recognition rate, and where the province stands against it.
      const recognized = page.getByTestId("metric-recognizedRate");
      expect(await recognized.getByTestId("target-recognizedRate").textContent()).toContain(
        "Chỉ tiêu năm 2025: 70,00% (quốc gia)",
      );
      expect(await recognized.getByTestId("target-status").textContent()).toBe("Chưa đạt");
      // The trend over the years.
      await page.getByTestId("trend-chart").locator("svg").first().waitFor();

      // Rank by registration rate: Phường Tây Hồ is the only bar with a length; click it.
      await page.getByTestId("rank-by").getByText("Tỷ lệ đăng ký (%)").click();
      await page.waitForURL((u) => u.searchParams.get("rank") === "registeredRate");
      const bar = page.getByTestId("children-chart").locator('svg path[fill="#b5131a"]').first();
      await bar.waitFor();
      await bar.click();
      await eventually(() => unitInUrl(page)).toBe(ward);
      await eventually(() => heading(page)).toBe(`Phường Tây Hồ · Gia đình học tập · ${YEAR}`);
      await eventually(() => page.getByTestId("crumb").allTextContents()).toEqual(["Thành phố Hà Nội"]);
      await expectChartDrawn(page); // the villages of the ward

      // Back to the province, forward to the ward, back again, then down by the table row.
      await page.goBack();
      await eventually(() => unitInUrl(page)).toBe(0); // the user's own unit, by default
      await eventually(() => heading(page)).toContain("Thành phố Hà Nội");
      await page.goForward();
      await eventually(() => heading(page)).toContain("Phường Tây Hồ");
      await page.goBack();
      // The province's page whole again (its heading, its six communes) before its report is asked for: a click on
      // the link while the page still re-rendered after the history step once gave no download (1 run in 6).
      await eventually(() => heading(page)).toBe(`Thành phố Hà Nội · Gia đình học tập · ${YEAR}`);
      await eventually(() => page.getByTestId("child-link").count()).toBe(6);
      expect(await page.getByTestId("download-xlsx").getAttribute("href")).not.toContain(`unitId=${ward}`);

      const provinceSheet = await download(page);
      expect(provinceSheet.rows.map((r) => r[1])).toHaveLength(6);
      expectTotalIsSum(provinceSheet);
      const registeredFamily = provinceSheet.headers.indexOf("Đăng ký");
      expect(provinceSheet.total[registeredFamily]).toBe(3);

      await page.getByTestId("child-link").filter({ hasText: "Phường Tây Hồ" }).click();
      await eventually(() => heading(page)).toContain("Phường Tây Hồ");
      expect(unitInUrl(page)).toBe(ward);

      const wardSheet = await download(page);
      expectTotalIsSum(wardSheet);
      // One numbered row per village; what is counted at the ward itself (its clans, its own title) comes after.
      const villageRows = wardSheet.rows.filter((row) => typeof row[0] === "number");
      expect(villageRows.length).toBe(await page.getByTestId("child-link").count());
      expect(wardSheet.total[registeredFamily]).toBe(3);
      // The total row of the report equals the page's card.
      const totalFamily = provinceSheet.headers.indexOf("Tổng số");
      const card =
        (await page.getByTestId("metric-total").locator(".ant-statistic-content").textContent()) ?? "";
      expect(Number(card.replace(/\D/g, ""))).toBe(wardSheet.total[totalFamily]);

      // Figures mapped to the current boundaries: the choice is kept in the address and in the report.
      await chooseOption(page, "stats-boundaries", "Quy đổi về địa giới hiện hành");
      await page.waitForURL((u) => u.searchParams.get("boundaries") === "current");
      expect(await page.getByTestId("download-xlsx").getAttribute("href")).toContain("boundaries=current");
      const mappedSheet = await download(page);
      expectTotalIsSum(mappedSheet);
      expect(mappedSheet.total[registeredFamily]).toBe(3);

      // The CSV of the same table downloads too.
      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("download-csv").click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      expect(await readFile(await csv.path(), "utf8")).toContain("Tổng cộng");
    } finally {
      await context.close();
    }
  }, 180_000);

  test("a province admin sets its own target, the card follows it, and deleting it restores the national one", async () => {
    const { context, page } = await app.signedIn("hanoi", DESKTOP);
    try {
      await page.goto(`${app.url}/thong-ke?unit=${province}&year=${YEAR}`);
      const card = page.getByTestId("metric-recognizedRate").getByTestId("target-recognizedRate");
      await eventually(() => card.textContent()).toContain("70,00% (quốc gia)");
      const panel = page.getByTestId("targets-panel");
      await panel.getByTestId("target-add").click();
      await page.getByTestId("target-value").fill("85");
      await page.getByTestId("target-basis-number").fill("291/KH-UBND");
      await page.getByTestId("target-basis-issuer").fill("UBND Thành phố Hà Nội");
      await page.getByTestId("target-save").click();
      await eventually(() => card.textContent()).toContain("85,00%");
      await eventually(() => panel.getByTestId("targets-table").textContent()).toContain("291/KH-UBND");
      await panel.getByTestId("target-delete").click();
      await confirmPopup(page, /OK|Có|Đồng ý/);
      await eventually(() => card.textContent()).toContain("70,00% (quốc gia)");
    } finally {
      await context.close();
    }
  });

  test("a system administrator starts from the whole country, on the latest year with registrations", async () => {
    const { context, page } = await app.signedIn("quantri", DESKTOP);
    try {
      await page.goto(`${app.url}/thong-ke`);
      // No year in the address: the page moves to 2025, the latest year with registrations.
      await page.waitForURL((u) => u.searchParams.get("year") === String(YEAR));
      await eventually(() => heading(page)).toBe(`Toàn quốc · Gia đình học tập · ${YEAR}`);
      await expectChartDrawn(page);
      expect(await page.getByTestId("metric-registered").textContent()).toContain("3");
      await page.getByTestId("child-link").filter({ hasText: "Thành phố Hà Nội" }).click();
      await page.waitForURL((u) => unitInUrl(page) === province && u.searchParams.get("unit") !== null);
      await eventually(() => heading(page)).toBe(`Thành phố Hà Nội · Gia đình học tập · ${YEAR}`);
      await page.getByTestId("stats-breadcrumb").getByText("Toàn quốc").click();
      await page.waitForURL((u) => u.searchParams.get("unit") === "vn");
      await eventually(() => heading(page)).toBe(`Toàn quốc · Gia đình học tập · ${YEAR}`);
    } finally {
      await context.close();
    }
  });

  test("on a 360 px phone the cards stack, the chart fits and nothing overflows sideways", async () => {
    const { context, page } = await app.signedIn("hanoi");
    try {
      // The menu entry (in the drawer on a phone) opens the dashboard on the user's own unit.
      await page.getByTestId("menu-button").click();
      await page.locator(".ant-drawer").getByRole("menuitem", { name: "Thống kê" }).click();
      await page.waitForURL((u) => u.pathname === "/thong-ke");
      await eventually(() => page.getByTestId("stats-unit-name").textContent()).toContain("Thành phố Hà Nội");
      await expectChartDrawn(page);
      for (const unit of [province, ward]) {
        await page.goto(`${app.url}/thong-ke?unit=${unit}&year=${YEAR}`);
        await expectChartDrawn(page);
        await rows(page, "children-table").first().waitFor();
        await expectNoOverflow(page);
        const chart = await page.getByTestId("children-chart").boundingBox();
        expect(chart!.x).toBeGreaterThanOrEqual(0);
        expect(chart!.x + chart!.width).toBeLessThanOrEqual(PHONE.width);
        const [first, second] = await Promise.all([
          page.getByTestId("metric-total").boundingBox(),
          page.getByTestId("metric-registered").boundingBox(),
        ]);
        expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1); // stacked, not side by side
        // The funds' section: the year's receipt, the series drawn, nothing wider than the phone.
        const raised = page.getByTestId("fund-stats").getByTestId("fund-raised");
        await eventually(() => raised.textContent()).toContain("12.500.000 đ");
        await page.getByTestId("fund-series").locator("svg").first().waitFor();
        await expectNoOverflow(page);
      }
    } finally {
      await context.close();
    }
  });
});
