/**
 * Browser tests on a 360 px phone as a ward officer (tayho): the to-do page ("Việc cần làm"), then the titles
 * page opened from the menu without any state in its address: carrying last year's registrations forward,
 * registering one more household and attaching an evidence file to an item of a score sheet.
 */
import { describe, expect, test } from "vitest";
import type { Household } from "../src/shared/registry/kinds/households";
import { chooseOption, confirmPopup } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import {
  browserSuite,
  communeUnits,
  eventually,
  expectNoOverflow,
  registerTicked,
  rows,
} from "./helpers/suite";

const available = chromiumAvailable();

describe.skipIf(!available)("to-do page in the browser", () => {
  const app = browserSuite();

  test("a ward officer opens /viec-can-lam on a phone", async () => {
    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/viec-can-lam`);
      await page.getByRole("heading", { name: "Việc cần làm" }).waitFor();
      await page.getByTestId("todo-list").waitFor();
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  });

  test("from the to-do page, /danh-hieu without state: carry forward, register, attach evidence", async () => {
    // Last year: two of the four households of Tổ dân phố số 1 registered, through the API.
    const year = new Date().getFullYear();
    const api = await apiLogin(app.url, "tayho");
    const { communeId: ward, units } = await communeUnits(app.url, api);
    const village = units.find((u) => u.name === "Tổ dân phố số 1");
    if (!village) throw new Error("Tổ dân phố số 1 is missing from the demo data");
    const { households } = await apiGet<{ households: Household[] }>(
      app.url,
      api,
      `/api/v1/households?unitId=${village.id}`,
    );
    expect(households.length).toBe(4);
    const lastYear = await apiSend<{ created: number }>(app.url, api, "POST", "/api/v1/registrations", {
      year: year - 1,
      title: "learning_family",
      subjects: households.slice(0, 2).map((h) => ({ kind: "household", id: h.id })),
    });
    expect(lastYear).toMatchObject({ status: 201, body: { created: 2 } });

    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/viec-can-lam`);
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
      await registerTicked(page, 1);
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
        page.waitForResponse(
          (r) => new URL(r.url()).pathname.endsWith("/evidence") && r.request().method() === "POST",
        ),
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
      // The sheet names the registration's commune: the server looks in that commune alone (one shard).
      expect(new URL(uploaded.url()).searchParams.get("communeId")).toBe(String(ward));
      const link = page.getByTestId("evidence-tc1.1").locator("a", { hasText: "bien-ban.txt" });
      await link.waitFor();
      expect(await link.getAttribute("href")).toMatch(
        new RegExp(`^/api/v1/registrations/\\d+/evidence/\\d+\\?communeId=${ward}$`),
      );
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  }, 180_000);
});
