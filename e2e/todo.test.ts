/**
 * Browser tests on a 360 px phone as a ward officer (tayho): the to-do page ("Việc cần làm"), carrying last
 * year's registrations forward on the titles page, and attaching an evidence file to an item of a score sheet.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chooseOption } from "./helpers/antd";
import { chromiumAvailable, horizontalOverflow, launchBrowser, uiLogin } from "./helpers/browser";
import { DEMO_PASSWORD, startServer, type TestServer } from "./helpers/server";

const available = chromiumAvailable();
const PHONE = { width: 360, height: 740 };

describe.skipIf(!available)("to-do page in the browser", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a ward officer opens /viec-can-lam on a phone", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "vi-VN" });
    try {
      const page = await context.newPage();
      await uiLogin(page, server.url, "tayho", DEMO_PASSWORD);
      await page.goto(`${server.url}/viec-can-lam`);
      await page.getByRole("heading", { name: "Việc cần làm" }).waitFor();
      await page.getByTestId("todo-list").waitFor();
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width + 1);
    } finally {
      await context.close();
    }
  });

  test("offers carrying forward, and attaches an evidence file to a score sheet item", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "vi-VN" });
    try {
      const page = await context.newPage();
      await uiLogin(page, server.url, "tayho", DEMO_PASSWORD);
      await page.goto(`${server.url}/danh-hieu`);
      await page.getByTestId("titles-page").waitFor();
      await chooseOption(page, "scope-village", "Tổ dân phố số 1");
      await page.waitForURL((u) => !!u.searchParams.get("unit"));

      // Carrying forward is covered through the API (test/api/cycle.test.ts); here the button must be offered.
      await page.getByTestId("carry-forward").waitFor();

      const rows = page.getByTestId("register-table").locator("tbody tr.ant-table-row");
      await rows.first().locator("input[type=checkbox]").check();
      await page.getByTestId("register-button").click();
      await page.getByRole("tab", { name: /^2\. Tự đánh giá/ }).click();
      await page.getByTestId("open-assessment").first().click();
      await page.getByTestId("score-sheet").waitFor();
      const [uploaded] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/evidence") && r.request().method() === "POST"),
        page
          .getByTestId("evidence-tc1.1")
          .locator("input[type=file]")
          .setInputFiles({
            name: "bien-ban.txt",
            mimeType: "text/plain",
            buffer: Buffer.from("Biên bản họp"),
          }),
      ]);
      expect(uploaded.status()).toBe(201);
      await page.getByTestId("evidence-tc1.1").getByText("bien-ban.txt").waitFor();
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width + 1);
    } finally {
      await context.close();
    }
  });
});
