/**
 * The to-do page and the titles page in English (1280 px, as the ward officer tayho): the to-do task and the
 * title's name are English, and nothing the titles page writes itself (step buttons, column headings, tags) is
 * Vietnamese; only names of places and people stay as they are.
 */
import { describe, expect, test } from "vitest";
import type { Household } from "../src/shared/registry/kinds/households";
import { chromiumAvailable, uiLogin } from "./helpers/browser";
import { apiGet, apiLogin, apiSend, DEMO_PASSWORD } from "./helpers/server";
import { browserSuite, communeUnits, eventually, rows } from "./helpers/suite";

const available = chromiumAvailable();
const DESKTOP = { width: 1280, height: 900 };
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

describe.skipIf(!available)("the to-do and titles pages in English", () => {
  const app = browserSuite();

  test("no Vietnamese in the to-do task, the title or the titles page's own words", async () => {
    // Something to do this year: two households registered, not yet assessed.
    const year = new Date().getFullYear();
    const api = await apiLogin(app.url, "tayho");
    const { units } = await communeUnits(app.url, api);
    const village = units.find((u) => u.name === "Tổ dân phố số 1");
    if (!village) throw new Error("Tổ dân phố số 1 is missing from the demo data");
    const { households } = await apiGet<{ households: Household[] }>(
      app.url,
      api,
      `/api/v1/households?unitId=${village.id}`,
    );
    const registered = await apiSend(app.url, api, "POST", "/api/v1/registrations", {
      year,
      title: "learning_family",
      subjects: households.slice(0, 2).map((h) => ({ kind: "household", id: h.id })),
    });
    expect(registered.status).toBe(201);

    const context = await app.context(DESKTOP);
    await context.addInitScript(() => localStorage.setItem("hieuhoc.lang", "en"));
    const page = await context.newPage();
    try {
      await uiLogin(page, app.url, "tayho", DEMO_PASSWORD);
      await page.goto(`${app.url}/viec-can-lam`);
      await page.getByRole("heading", { name: "To do" }).waitFor();
      const items = rows(page, "todo-list");
      await eventually(() => items.count()).toBeGreaterThan(0);
      const cells = await items.first().locator("td").allTextContents();
      // Unit, title, task, count, due, open.
      expect(cells[1]).toBe("Learning family");
      expect(cells[2]).toBe("Self-assess and score the registered files");
      for (const text of cells.slice(1)) expect(text, text).not.toMatch(VIETNAMESE);

      await page.goto(`${app.url}/danh-hieu?year=${year}&title=learning_family&unit=${village.id}`);
      await page.getByTestId("titles-page").waitFor();
      await page.getByTestId("step-assess").click();
      await eventually(() => page.getByTestId("registration-status").count()).toBe(2);
      const own = await page.evaluate(() =>
        [
          ...document.querySelectorAll(
            "h1, [data-testid^='step-'], thead th, .ant-tag, .ant-form-item-label, button, .ant-alert-message",
          ),
        ].map((e) => (e.textContent ?? "").trim()),
      );
      expect(own.filter((text) => /[a-z]/i.test(text)).length).toBeGreaterThan(5);
      expect(own.filter((text) => VIETNAMESE.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
