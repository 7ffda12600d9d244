/**
 * Report submission in the browser (issue 11's acceptance): Tây Hồ's data entry saves the annual report as a draft,
 * writes the required sections (autosaved: "Đã lưu lúc …") and submits; Hà Nội sees it among its wards (Ba Đình
 * submitted through the API, late against a due date set before the day it submitted; Hồng Hà not submitted),
 * returns it with a reason; the ward makes a new version and resubmits; Hà Nội accepts it and builds its own report
 * from the accepted figures ("Số liệu: từ báo cáo xã đã tiếp nhận"), kept in its draft. The late case with dates
 * apart (one ward on time, one late) is test/api/report-submission.test.ts, which can set the submission time.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { closeDialogWith, fillDate } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, eventually, expectNoOverflow, PHONE } from "./helpers/suite";

const available = chromiumAvailable();
const desktop = { width: 1280, height: 900 };
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const period = { from: `${year}-01-01`, to: `${year}-12-31` };
/** Yesterday in Vietnam: a due date every submission of today is late against. */
const yesterday = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

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
    // Tây Hồ's figures as its report shows them (no data change follows): what Hà Nội's report will sum.
    const tayho = (
      await apiGet<{ units: { id: number; name: string }[] }>(
        app.url,
        hanoiApi,
        "/api/v1/units/search?q=tay%20ho",
      )
    ).units.find((u) => u.name === "Phường Tây Hồ")!.id;
    const own = await apiSend<{
      sections: { blocks: { id: string; table?: { rows: { cells: string[] }[] } }[] }[];
    }>(app.url, hanoiApi, "POST", `/api/v1/units/${tayho}/reports/preview`, { templateId, period });
    const family = own.body.sections
      .flatMap((s) => s.blocks)
      .find((b) => b.id === "titles.overview")!
      .table!.rows.find((r) => r.cells[0] === "Gia đình học tập")!.cells;

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
      const wards = await p.getByTestId("submission-table").locator("tbody tr.ant-table-row").count();
      expect(wards).toBeGreaterThanOrEqual(3);
      expect(await row(p, "Hồng Hà").textContent()).toContain("Chưa nộp");
      // Against a due date of yesterday, Ba Đình's submission of today is late.
      await fillDate(p, "report-due", yesterday);
      await eventually(() => row(p, "Ba Đình").textContent()).toMatch(/Đã nộp.*Muộn/);
      await row(p, "Tây Hồ").getByRole("button", { name: "Trả lại" }).click();
      await p.getByRole("dialog").locator("textarea").fill("Bổ sung kết quả Tuần lễ học tập suốt đời");
      await closeDialogWith(p.getByRole("dialog"), "report-return-ok");
      await eventually(() => row(p, "Tây Hồ").textContent()).toContain("Lần 1: Bổ sung kết quả");

      await page.reload();
      await eventually(() => page.getByText("Cấp trên trả lại: Bổ sung kết quả").count()).toBe(1);
      await page.getByTestId("report-revise").click();
      await eventually(() => page.getByTestId("report-status").textContent()).toContain("phiên bản 2");
      await page.getByTestId("report-submit").click();
      await eventually(() => page.getByTestId("report-status").textContent()).toContain("Đã nộp");

      await fillDate(p, "report-due", `${year}-12-30`);
      await eventually(() => row(p, "Tây Hồ").textContent()).toContain("Đã nộp");
      await row(p, "Tây Hồ").getByRole("button", { name: "Tiếp nhận" }).click();
      await eventually(() => row(p, "Tây Hồ").textContent()).toContain("Đã tiếp nhận");

      // Hà Nội builds its own report from the accepted figures: Tây Hồ's, summed alone; the report says so.
      await p.getByRole("tab", { name: "Soạn báo cáo" }).click();
      await p.getByTestId("report-source").getByText("Từ báo cáo xã đã tiếp nhận").click();
      const note = `Số liệu tổng hợp từ báo cáo đã tiếp nhận của 1/${wards} xã, phường; chưa có: `;
      const overview = p.getByTestId("block-titles.overview");
      await eventually(() => overview.textContent()).toContain(note);
      const cells = () =>
        overview.locator("tbody tr", { hasText: "Gia đình học tập" }).locator("td").allTextContents();
      await eventually(async () => (await cells()).slice(1, 4)).toEqual(family.slice(1, 4));
      expect(await p.getByTestId("block-titles.sentences").textContent()).toContain(note);
      // The choice is kept in the draft: after a reload the page computes from the accepted reports again.
      await p.getByTestId("report-create").click();
      await eventually(() => p.getByTestId("report-status").textContent()).toContain("Đang soạn");
      await p.reload();
      await eventually(() => p.getByTestId("block-titles.overview").textContent()).toContain(note);
      for (const each of [p, page]) {
        await each.setViewportSize(PHONE);
        // The layout settles after the resize: the wide table scrolls inside its own box.
        await expectNoOverflow(each);
      }
    } finally {
      await ward.context.close();
      await province.context.close();
    }
  });
});
