/**
 * Report submission in the browser (issue 11): Tây Hồ's data entry saves the annual report as a draft, writes the
 * required sections (autosaved: "Đã lưu lúc …") and submits; Hà Nội sees it among its wards (Ba Đình submitted
 * through the API, the others not), returns it with a reason; the ward makes a new version and resubmits; Hà Nội
 * accepts it. The late case (a due date before the submission) is covered by test/api/report-submission.test.ts.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { chromiumAvailable, horizontalOverflow } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, eventually, PHONE } from "./helpers/suite";

const available = chromiumAvailable();
const desktop = { width: 1280, height: 900 };
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const period = { from: `${year}-01-01`, to: `${year}-12-31` };

const row = (page: Page, name: string) =>
  page.getByTestId("submission-table").locator("tbody tr", { hasText: name });

describe.skipIf(!available)("report submission up the levels", () => {
  const app = browserSuite();

  test("a ward drafts and submits; the province returns, the ward resubmits, the province accepts", {
    timeout: 240_000,
  }, async () => {
    // Ba Đình submits through the API (every section written).
    const hanoiApi = await apiLogin(app.url, "hanoi");
    const { units } = await apiGet<{ units: { id: number; code: string }[] }>(
      app.url,
      hanoiApi,
      "/api/v1/units/search?q=ba%20dinh",
    );
    const badinh = units.find((u) => u.code === "00004")!.id;
    const { templates } = await apiGet<{ templates: { id: number; code: string; current: boolean }[] }>(
      app.url,
      hanoiApi,
      `/api/v1/report-templates?unitId=${badinh}`,
    );
    const templateId = templates.find((x) => x.code === "xa-nam" && x.current)!.id;
    const other = await apiSend<{ report: { id: number; sections: { key: string; version: number }[] } }>(
      app.url,
      hanoiApi,
      "POST",
      `/api/v1/units/${badinh}/reports`,
      { templateId, period },
    );
    expect(other.status).toBe(201);
    for (const s of other.body.report.sections)
      await apiSend(app.url, hanoiApi, "PATCH", `/api/v1/reports/${other.body.report.id}/sections/${s.key}`, {
        text: "Nội dung.",
        version: s.version,
      });
    expect(
      (await apiSend(app.url, hanoiApi, "POST", `/api/v1/reports/${other.body.report.id}/submit`, {})).status,
    ).toBe(200);

    const ward = await app.signedIn("tayho", desktop);
    const province = await app.signedIn("hanoi", desktop);
    try {
      const page = ward.page;
      await page.goto(`${app.url}/bao-cao`);
      await page.getByTestId("report-sections").waitFor();
      await page.getByTestId("report-create").click();
      await eventually(() => page.getByTestId("report-status").textContent()).toContain("Đang soạn");
      for (const key of ["ton_tai", "phuong_huong"]) {
        await page.getByTestId(`narrative-${key}`).fill(`Nội dung mục ${key} của phường Tây Hồ.`);
        await page.getByTestId(`narrative-${key}`).blur();
      }
      await eventually(() => page.getByTestId("report-saved").textContent()).toContain("Đã lưu lúc");
      await page.getByTestId("report-submit").click();
      await eventually(() => page.getByTestId("report-status").textContent()).toContain("Đã nộp");

      const p = province.page;
      await p.goto(`${app.url}/bao-cao`);
      await p.getByRole("tab", { name: "Tình hình nộp của cấp dưới" }).click();
      await eventually(() => row(p, "Tây Hồ").textContent()).toContain("Đã nộp");
      expect(await row(p, "Ba Đình").textContent()).toContain("Đã nộp");
      expect(await row(p, "Hồng Hà").textContent()).toContain("Chưa nộp");
      await row(p, "Tây Hồ").getByRole("button", { name: "Trả lại" }).click();
      await p.getByRole("dialog").locator("textarea").fill("Bổ sung kết quả Tuần lễ học tập suốt đời");
      await p
        .getByRole("dialog")
        .getByRole("button", { name: /OK|Đồng ý/ })
        .click();
      await eventually(() => row(p, "Tây Hồ").textContent()).toContain("Lần 1: Bổ sung kết quả");

      await page.reload();
      await eventually(() => page.getByText("Cấp trên trả lại: Bổ sung kết quả").count()).toBe(1);
      await page.getByTestId("report-revise").click();
      await eventually(() => page.getByTestId("report-status").textContent()).toContain("phiên bản 2");
      await page.getByTestId("report-submit").click();
      await eventually(() => page.getByTestId("report-status").textContent()).toContain("Đã nộp");

      await p.getByTestId("submission-table").locator("input[type=date]").fill(`${year}-12-30`);
      await eventually(() => row(p, "Tây Hồ").textContent()).toContain("Đã nộp");
      await row(p, "Tây Hồ").getByRole("button", { name: "Tiếp nhận" }).click();
      await eventually(() => row(p, "Tây Hồ").textContent()).toContain("Đã tiếp nhận");
      for (const each of [p, page]) {
        await each.setViewportSize(PHONE);
        // The layout settles after the resize: the wide table scrolls inside its own box.
        await eventually(async () => (await horizontalOverflow(each)).scrollWidth).toBeLessThanOrEqual(
          PHONE.width + 1,
        );
      }
    } finally {
      await ward.context.close();
      await province.context.close();
    }
  });
});
