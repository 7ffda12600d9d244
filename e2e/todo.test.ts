/**
 * Browser tests on a 360 px phone as a ward officer (tayho): the to-do page ("Việc cần làm"), carrying last
 * year's registrations forward on the titles page, and attaching an evidence file to an item of a score sheet.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
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
});
