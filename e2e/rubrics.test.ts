/**
 * Browser test of the criteria-set editor on a 360 px phone: the system administrator creates a new version of
 * "Gia đình học tập" from the version shown (a server validation error lands on its field, unverified values are
 * confirmed, an item is added); the old version stays as it was. A province administrator only reads a national set.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { fillDate } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin } from "./helpers/server";
import { browserSuite, eventually, expectNoOverflow } from "./helpers/suite";

const available = chromiumAvailable();

type StoredRubric = { id: number; version: number; code: string; unconfirmed: boolean; legalNumber: string };

describe.skipIf(!available)("criteria-set editor in the browser", () => {
  const app = browserSuite();
  let family: StoredRubric;

  beforeAll(async () => {
    const admin = await apiLogin(app.url, "quantri");
    const { rubrics } = await apiGet<{ rubrics: StoredRubric[] }>(
      app.url,
      admin,
      "/api/v1/rubrics?title=learning_family",
    );
    family = rubrics[0]!;
  });

  test("a system administrator creates a new version; the old one is unchanged", async () => {
    const { context, page } = await app.signedIn("quantri");
    try {
      await page.goto(`${app.url}/bo-tieu-chi/${family.id}`);
      await page.getByTestId("rubric-new-version").click();
      const editor = page.getByTestId("rubric-editor");
      await editor.waitFor();
      expect(await page.getByTestId("legal-number").inputValue()).toBe(family.legalNumber);
      await expectNoOverflow(page);

      // The server refuses an end before the start; its message is shown on the field.
      await page.getByTestId("legal-number").fill("99/2026/QĐ-BGDĐT");
      await fillDate(page, "effective-from", "2027-01-01");
      await fillDate(page, "effective-to", "2026-01-01");
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/rubrics") && r.request().method() === "POST"),
        page.getByTestId("rubric-save").click(),
      ]);
      expect(refused.status()).toBe(422);
      const field = editor.locator(".ant-form-item").filter({ has: page.getByTestId("effective-to") });
      await eventually(() => field.locator(".ant-form-item-explain-error").textContent()).toBe(
        "Ngày hết hiệu lực phải sau ngày có hiệu lực",
      );
      await fillDate(page, "effective-to", "");

      // Confirm every unverified value, and add an item to the first criterion.
      while ((await page.getByTestId("confirm-value").count()) > 0)
        await page.getByTestId("confirm-value").first().click();
      expect(await editor.getByTestId("unconfirmed-tag").count()).toBe(0);
      const first = page.getByTestId("criterion-0");
      const before = await first.getByTestId("item-max-points").count();
      await first.getByTestId("add-item").click();
      await eventually(() => first.getByTestId("item-max-points").count()).toBe(before + 1);
      await first.locator("textarea").last().fill("Tham gia câu lạc bộ đọc sách của tổ dân phố");
      await expectNoOverflow(page);

      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/rubrics") && r.request().method() === "POST"),
        page.getByTestId("rubric-save").click(),
      ]);
      expect(saved.status()).toBe(201);
      const created = ((await saved.json()) as { rubric: StoredRubric & { definition: any } }).rubric;
      expect(created).toMatchObject({ code: family.code, version: family.version + 1, unconfirmed: false });
      expect(created.legalNumber).toBe("99/2026/QĐ-BGDĐT");
      expect(created.definition.criteria[0].items).toHaveLength(before + 1);
      await page.waitForURL((u) => u.pathname === `/bo-tieu-chi/${created.id}`);
      await page
        .getByTestId("rubric-page")
        .getByText(`Phiên bản ${family.version + 1}`, { exact: true })
        .waitFor();
      expect(await page.getByTestId("rubric-page").getByTestId("unconfirmed-tag").count()).toBe(0);
      await expectNoOverflow(page);

      // The version it came from is as it was.
      const old = await page.request.get(`${app.url}/api/v1/rubrics/${family.id}`);
      expect(((await old.json()) as { rubric: StoredRubric }).rubric).toMatchObject({
        version: family.version,
        legalNumber: family.legalNumber,
        unconfirmed: family.unconfirmed,
      });
    } finally {
      await context.close();
    }
  }, 180_000);

  test("a levels set (TT 25/2023) gets a new version with a level-1 item removed", async () => {
    const admin = await apiLogin(app.url, "quantri");
    const { rubrics } = await apiGet<{
      rubrics: (StoredRubric & {
        scheme: string;
        definition: { levels: { criteria: { items: unknown[] }[] }[] };
      })[];
    }>(app.url, admin, "/api/v1/rubrics?title=learning_community_commune");
    const levels = rubrics.find((r) => r.scheme === "levels");
    if (!levels) throw new Error("no levels set for learning_community_commune");
    const { context, page } = await app.signedIn("quantri");
    try {
      await page.goto(`${app.url}/bo-tieu-chi/${levels.id}`);
      await page.getByTestId("rubric-new-version").click();
      const editor = page.getByTestId("rubric-editor");
      await editor.waitFor();
      await expectNoOverflow(page);
      const firstItems = levels.definition.levels[0]!.criteria[0]!.items.length;
      await editor.getByTestId("remove-item").first().click();
      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/rubrics") && r.request().method() === "POST"),
        page.getByTestId("rubric-save").click(),
      ]);
      expect(saved.status()).toBe(201);
      const created = ((await saved.json()) as { rubric: typeof levels }).rubric;
      expect(created).toMatchObject({ code: levels.code, version: levels.version + 1, scheme: "levels" });
      expect(created.definition.levels[0]!.criteria[0]!.items).toHaveLength(firstItems - 1);
      // Nothing was confirmed: the flags of the old version are carried over.
      expect(created.unconfirmed).toBe(levels.unconfirmed);
    } finally {
      await context.close();
    }
  }, 180_000);

  test("a province administrator reads a national set without the editor", async () => {
    const { context, page } = await app.signedIn("hcm");
    try {
      await page.goto(`${app.url}/bo-tieu-chi/${family.id}`);
      await page.getByTestId("rubric-page").waitFor();
      await page.getByTestId("rubric-thresholds").waitFor();
      expect(await page.getByTestId("rubric-new-version").count()).toBe(0);
      expect(await page.getByTestId("rubric-confirm").count()).toBe(0);
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  });
});
