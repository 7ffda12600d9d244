/**
 * Commendations in the browser: the ward's officer, on a 360 px phone, records a Giấy khen for a demo household
 * chosen by searching the household list by name, sees it in the register and in the year's figures, adds the rule
 * "three consecutive years Gia đình học tập → Giấy khen của UBND xã" on the proposals tab and downloads the proposal
 * list for the emulation council. The same page at 1280 px shows the register's columns. Nothing sticks out
 * sideways on the phone.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { fillDate, pickOption, submitForm } from "./helpers/antd";
import { chromiumAvailable, uiLogin } from "./helpers/browser";
import { apiGet, apiLogin, DEMO_PASSWORD } from "./helpers/server";
import { browserSuite, communeUnits, eventually, expectNoOverflow, PHONE, rows } from "./helpers/suite";

const available = chromiumAvailable();
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

describe.skipIf(!available)("commendations", () => {
  const app = browserSuite();

  test("record a household's commendation, see it, open the proposal list and download it", {
    timeout: 180_000,
  }, async () => {
    const tayho = await apiLogin(app.url, "tayho");
    const { communeId } = await communeUnits(app.url, tayho);
    const { households } = await apiGet<{ households: { id: number; headName: string }[] }>(
      app.url,
      tayho,
      `/api/v1/households?unitId=${communeId}&limit=5`,
    );
    const home = households[0]!;

    const context = await app.browser.newContext({ viewport: PHONE, locale: "vi-VN", acceptDownloads: true });
    const page = await context.newPage();
    await uiLogin(page, app.url, "tayho", DEMO_PASSWORD);
    await page.goto(`${app.url}/khen-thuong`);
    await page.getByTestId("commendation-add").click();
    await page.getByTestId("commendation-form").waitFor();
    await page.getByTestId("commendation-subject").click();
    await page.keyboard.type(home.headName);
    await pickOption(page, home.headName);
    await page.getByTestId("commendation-decision-number").fill("12/QĐ-UBND");
    await fillDate(page, "commendation-decision-date", today);
    const saved = await submitForm(
      page,
      "commendation-save",
      (r) => r.url().endsWith("/api/v1/commendations") && r.request().method() === "POST",
    );
    expect(saved.status()).toBe(201);
    await eventually(() => rows(page, "commendation-list").filter({ hasText: home.headName }).count()).toBe(
      1,
    );
    await expect
      .poll(() => page.getByTestId("commendation-summary").textContent(), { timeout: 15_000 })
      .toContain(`Năm ${year}: 1 khen thưởng`);
    await expectNoOverflow(page);

    await page.getByRole("tab", { name: "Đề nghị khen thưởng" }).click();
    const added = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/commendation-rules") && r.request().method() === "POST",
    );
    await page.getByTestId("rule-add").click();
    expect((await added).status()).toBe(201);
    await eventually(() => page.getByTestId("rule-list").textContent()).toContain(
      "Ba năm liền đạt danh hiệu Gia đình học tập → Giấy khen của UBND xã",
    );
    await page.getByTestId("proposal-list").waitFor();
    await expectNoOverflow(page);
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("proposals-xlsx").click(),
    ]);
    expect(file.suggestedFilename()).toBe(`de-nghi-khen-thuong-${communeId}-${year}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
    const text = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
    expect(text).toContain(`DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM ${year}`);
    await context.close();

    // At 1280 px the register shows its columns.
    const desktop = await app.signedIn("tayho", { width: 1280, height: 800 });
    await desktop.page.goto(`${app.url}/khen-thuong`);
    const row = rows(desktop.page, "commendation-list").filter({ hasText: home.headName });
    await eventually(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("Giấy khen của UBND xã");
    await desktop.context.close();
  });
});
