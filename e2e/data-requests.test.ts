/**
 * A data subject's request in the browser (issue 12, item 3), on one signed-in page: Hà Nội's administrator, in
 * Phường Tây Hồ, records a request for a copy received last Friday; the to-do page shows it due two working days later (the
 * Tuesday: the weekend skipped); from there the request opens, "find everything" shows the person as a household
 * head, a member of the Hội and in the commendations register (three modules); the records are linked, the copy is
 * downloaded as Excel and the request is closed.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { addWorkingDays } from "../src/shared/working-days";
import { fillDate, submitForm } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, eventually, expectNoOverflow, PHONE, rows } from "./helpers/suite";

const available = chromiumAvailable();
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
/** The last Friday on or before today. */
function lastFriday(): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 2) % 7));
  return day.toISOString().slice(0, 10);
}
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

describe.skipIf(!available)("data-subject requests", () => {
  const app = browserSuite();

  test("register, see it due on the to-do list, find the person in three modules, copy, close", {
    timeout: 180_000,
  }, async () => {
    const api = await apiLogin(app.url, "hanoi");
    const { units } = await apiGet<{ units: { id: number; level: string; validTo: string | null }[] }>(
      app.url,
      api,
      `/api/v1/units/search?q=${encodeURIComponent("Phường Tây Hồ")}`,
    );
    const communeId = units.find((u) => u.level === "commune" && u.validTo === null)!.id;
    // A household head (the basic demo's), made a member of the Hội and commended: three modules.
    const { households } = await apiGet<{
      households: { id: number; headName: string; village: { id: number } }[];
    }>(app.url, api, `/api/v1/households?unitId=${communeId}&limit=5`);
    const home = households[0]!;
    const name = home.headName;
    const chapter = await apiSend<{ chapter: { id: number } }>(app.url, api, "POST", "/api/v1/chapters", {
      unitId: home.village.id,
      name: "Chi hội khuyến học thử",
      kind: "village",
      foundedOn: `${year}-01-10`,
    });
    expect(chapter.status, JSON.stringify(chapter.body)).toBe(201);
    const member = await apiSend(app.url, api, "POST", "/api/v1/members", {
      unitId: home.village.id,
      chapterId: chapter.body.chapter.id,
      fullName: name,
      householdId: home.id,
      joinedOn: `${year}-02-10`,
    });
    expect(member.status, JSON.stringify(member.body)).toBe(201);
    const commended = await apiSend(app.url, api, "POST", "/api/v1/commendations", {
      communeId,
      year: year - 1,
      recipient: "individual",
      subjectName: name,
      form: "commune_commendation",
      level: "commune",
      decisionNumber: "15/QĐ-UBND",
      decisionDate: `${year - 1}-12-20`,
    });
    expect(commended.status, JSON.stringify(commended.body)).toBe(201);
    const received = lastFriday();
    const holidays = await apiGet<{ holidays: { day: string }[] }>(app.url, api, "/api/v1/public-holidays");
    const due = addWorkingDays(received, 2, new Set(holidays.holidays.map((h) => h.day)));
    expect(new Date(`${due}T00:00:00Z`).getUTCDay()).not.toBe(6);

    const { context, page } = await app.signedIn("hanoi", { width: 1280, height: 900 });
    try {
      await page.goto(`${app.url}/yeu-cau-du-lieu?unit=${communeId}`);
      await page.getByTestId("dsr-add").click();
      await page.getByTestId("dsr-form").waitFor();
      await page.getByTestId("dsr-person").fill(name);
      await fillDate(page, "dsr-received-on", received);
      await page.getByTestId("dsr-kind").click();
      await page.locator(".ant-select-item-option").filter({ hasText: "Nhận bản sao dữ liệu" }).click();
      const saved = await submitForm(
        page,
        "dsr-save",
        (r) => r.url().endsWith("/api/v1/data-requests") && r.request().method() === "POST",
      );
      expect(saved.status()).toBe(201);
      const id = (await saved.json()).request.id as number;
      await eventually(() => page.getByTestId("dsr-due").textContent()).toBe(vn(due));

      // The to-do list: the request with its due date.
      await page.goto(`${app.url}/viec-can-lam`);
      const line = rows(page, "todo-list").filter({ hasText: name });
      await eventually(() => line.count()).toBe(1);
      expect(await line.textContent()).toContain(vn(due));
      await line.getByTestId("todo-open").click();

      // Find everything about the person: three modules.
      await page.getByTestId("dsr-detail").waitFor();
      await page.getByTestId("dsr-search").click();
      const found = rows(page, "dsr-matches");
      await eventually(() => found.count()).toBeGreaterThanOrEqual(3);
      const text = (await page.getByTestId("dsr-matches").textContent()) ?? "";
      for (const source of ["Chủ hộ", "Hội viên Hội Khuyến học", "Khen thưởng"])
        expect(text).toContain(source);
      const linked = page.waitForResponse((r) =>
        new URL(r.url()).pathname.endsWith(`/api/v1/data-requests/${id}/records`),
      );
      await page.getByTestId("dsr-link").click();
      expect((await linked).status()).toBe(200);
      // The request is named with its commune: the server looks there alone.
      expect(new URL((await linked).url()).searchParams.get("communeId")).not.toBeNull();
      await eventually(() => page.getByTestId("dsr-linked").textContent()).not.toBe("Hồ sơ đã gắn (0)");

      // The copy, as Excel.
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("dsr-copy-xlsx").click(),
      ]);
      expect(file.suggestedFilename()).toBe(`du-lieu-ca-nhan-${id}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
      const sheet = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
      expect(sheet).toContain("BẢN SAO DỮ LIỆU CÁ NHÂN");
      expect(sheet).toContain(name);

      // Closed.
      const closed = page.waitForResponse(
        (r) =>
          new URL(r.url()).pathname.endsWith(`/api/v1/data-requests/${id}`) &&
          r.request().method() === "PATCH",
      );
      await page.getByTestId("dsr-done").click();
      expect((await closed).status()).toBe(200);
      await eventually(() => page.getByTestId("dsr-status").textContent()).toBe("Đã xử lý xong");
      // The same page on a phone: nothing sticks out sideways.
      await page.setViewportSize(PHONE);
      await page.getByTestId("dsr-detail").waitFor();
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  });
});
