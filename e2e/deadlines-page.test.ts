/**
 * "Hạn riêng của tỉnh" on /tre-han (docs/DEADLINES.md): Hà Nội's administrator sets the city's own date for its
 * wards' annual report of this data year with the DD/MM/YYYY date picker; the "Ai trễ hạn" table follows: a date
 * next year leaves Ba Đình's missing report "Chưa xong", a date passed makes it "Trễ hạn". A ward's officer does
 * not see the form. The phone shows the form without sideways scrolling.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { pickOption } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { browserSuite, eventually, expectNoOverflow, PHONE } from "./helpers/suite";

const available = chromiumAvailable();
const desktop = { width: 1280, height: 900 };
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

async function setOwn(page: Page, date: string) {
  await page.getByTestId("own-key").click();
  await pickOption(page, "Báo cáo năm");
  const input = page.getByTestId("own-date").locator("input");
  await input.click();
  await input.fill(date);
  await input.press("Enter");
  await page.getByTestId("own-save").click();
  await page.getByText("Đã đặt hạn riêng").waitFor();
}

const baDinh = (page: Page) =>
  page.getByTestId("deadlines-table").locator("tbody tr", { hasText: "Ba Đình" });

describe.skipIf(!available)("the province's own deadline", () => {
  const app = browserSuite();

  test("Hà Nội sets its own date and the table follows", { timeout: 240_000 }, async () => {
    const { context, page } = await app.signedIn("hanoi", desktop);
    try {
      await page.goto(`${app.url}/tre-han?year=${year}&key=annual_report&status=missing`);
      await page.getByTestId("own-deadline").waitFor();
      await page.getByTestId("own-versions").waitFor();

      await setOwn(page, `31/12/${year + 1}`);
      await eventually(() => baDinh(page).count()).toBe(1);
      await expect.poll(() => page.getByTestId("own-versions").textContent()).toContain("31/12 (năm sau)");

      await setOwn(page, `02/01/${year}`);
      await eventually(() => baDinh(page).count()).toBe(0);
      await page.goto(`${app.url}/tre-han?year=${year}&key=annual_report&status=late`);
      await eventually(() => baDinh(page).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  test("only the province's administrators see the form; it fits a phone", { timeout: 120_000 }, async () => {
    const officer = await app.signedIn("tayho", PHONE);
    const phone = await app.signedIn("hanoi", PHONE);
    try {
      await officer.page.goto(`${app.url}/tre-han?year=${year}`);
      await officer.page.getByTestId("deadlines-table").waitFor();
      expect(await officer.page.getByTestId("own-deadline").count()).toBe(0);
      await phone.page.goto(`${app.url}/tre-han?year=${year}`);
      await phone.page.getByTestId("own-deadline").waitFor();
      await expectNoOverflow(phone.page);
    } finally {
      await officer.context.close();
      await phone.context.close();
    }
  });
});
