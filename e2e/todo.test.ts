/**
 * Browser tests on a 360 px phone as a ward officer (tayho): the to-do page ("Việc cần làm"), then the titles
 * page opened from the menu without any state in its address: carrying last year's registrations forward,
 * registering one more household and attaching an evidence file to an item of a score sheet.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Household } from "../src/shared/registries";
import { chooseOption, confirmPopup } from "./helpers/antd";
import { chromiumAvailable, horizontalOverflow, launchBrowser, uiLogin } from "./helpers/browser";
import { apiGet, apiLogin, apiSend, DEMO_PASSWORD, startServer, type TestServer } from "./helpers/server";

const available = chromiumAvailable();
const PHONE = { width: 360, height: 740 };

/** expect.poll with room for a slow machine (the default gives up after one second). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const rows = (page: Page, testId: string) => page.getByTestId(testId).locator("tbody tr.ant-table-row");

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

  test("from the to-do page, /danh-hieu without state: carry forward, register, attach evidence", async () => {
    // Last year: two of the four households of Tổ dân phố số 1 registered, through the API.
    const year = new Date().getFullYear();
    const api = await apiLogin(server.url, "tayho");
    const me = await apiGet<{ user: { grants: { unit: { id: number } | null }[] } }>(
      server.url,
      api,
      "/api/v1/auth/me",
    );
    const communeId = me.user.grants[0]?.unit?.id;
    if (!communeId) throw new Error("tayho has no unit");
    const { units } = await apiGet<{ units: { id: number; name: string }[] }>(
      server.url,
      api,
      `/api/v1/units/${communeId}/children?date=${new Date().toISOString().slice(0, 10)}`,
    );
    const village = units.find((u) => u.name === "Tổ dân phố số 1");
    if (!village) throw new Error("Tổ dân phố số 1 is missing from the demo data");
    const { households } = await apiGet<{ households: Household[] }>(
      server.url,
      api,
      `/api/v1/households?unitId=${village.id}`,
    );
    expect(households.length).toBe(4);
    const lastYear = await apiSend<{ created: number }>(server.url, api, "POST", "/api/v1/registrations", {
      year: year - 1,
      title: "learning_family",
      subjects: households.slice(0, 2).map((h) => ({ kind: "household", id: h.id })),
    });
    expect(lastYear).toMatchObject({ status: 201, body: { created: 2 } });

    const context = await browser.newContext({ viewport: PHONE, locale: "vi-VN" });
    try {
      const page = await context.newPage();
      await uiLogin(page, server.url, "tayho", DEMO_PASSWORD);
      await page.goto(`${server.url}/viec-can-lam`);
      await page.getByTestId("todo-list").waitFor();

      // The menu opens /danh-hieu with no unit, year or title in the address: the defaults apply.
      await page.getByTestId("menu-button").click();
      await page.locator(".ant-drawer").getByRole("menuitem", { name: "Danh hiệu học tập" }).click();
      await page.waitForURL((u) => u.pathname === "/danh-hieu");
      expect(new URL(page.url()).search).toBe("");
      await page.getByTestId("titles-page").waitFor();
      await page.getByTestId("carry-forward").waitFor();
      expect(await page.getByTestId("cycle-year").textContent()).toContain(String(year));

      // Choosing a village while the commune's candidates are shown, on a slow line (the village answers late,
      // as in the clean-clone CI run): a row ticked at once must be one of the village's and stay ticked.
      await page.route(`**/api/v1/units/${village.id}`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      const villageLoaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/units/${village.id}`));
      await chooseOption(page, "scope-village", "Tổ dân phố số 1");
      await page.waitForURL((u) => u.searchParams.get("unit") === String(village.id));
      const fourth = households[3]!;
      const box = rows(page, "register-table")
        .filter({ hasText: fourth.headName })
        .filter({ hasText: fourth.code })
        .locator("input[type=checkbox]");
      await box.check();
      // Once the village has answered, the list is the village's and the tick is still there.
      await villageLoaded;
      await eventually(() => rows(page, "register-table").count()).toBe(4);
      await eventually(() => box.isChecked()).toBe(true);
      await eventually(() => page.getByTestId("register-button").isEnabled()).toBe(true);
      const [registered] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().endsWith("/api/v1/registrations") && r.request().method() === "POST",
        ),
        page.getByTestId("register-button").click(),
      ]);
      expect(registered.status()).toBe(201);
      expect(await registered.json()).toEqual({ created: 1, skipped: 0 });
      await eventually(() => rows(page, "register-table").count()).toBe(3);

      // Chuyển năm: last year's two households are registered for this year.
      const [carried] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes("/registrations/carry-forward") && r.request().method() === "POST",
        ),
        (async () => {
          await page.getByTestId("carry-forward").click();
          await confirmPopup(page, "Chuyển");
        })(),
      ]);
      expect(carried.status()).toBe(200);
      expect(await carried.json()).toMatchObject({ created: 2, skipped: 0 });
      await eventually(() => rows(page, "register-table").count()).toBe(1);

      // An evidence file on item tc1.1 of a score sheet, listed under the item once uploaded.
      const step = page.getByRole("tab", { name: /^2\. Tự đánh giá/ });
      await step.click();
      await eventually(() => step.getAttribute("aria-selected")).toBe("true");
      await eventually(() => rows(page, "assess-table").count()).toBe(3);
      await rows(page, "assess-table").first().getByTestId("open-assessment").click();
      await page.getByTestId("score-sheet").waitFor();
      await page.getByTestId("evidence-upload-tc1.1").waitFor();
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
  }, 180_000);
});
