/**
 * Browser test of a chapter secretary on a 360 px phone: they import their chapter's members from an Excel workbook (dry run,
 * then the real run), open their chapter, set the year's dues, collect from two members and see the dues list
 * with its totals, then sees them counted on the dashboard; nothing sticks out sideways.
 */
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { chromiumAvailable } from "./helpers/browser";
import { apiLogin, apiSend, DEMO_PASSWORD } from "./helpers/server";
import {
  browserSuite,
  chooseImportFile,
  communeUnits,
  eventually,
  expectNoOverflow,
  rows,
  sendImport,
} from "./helpers/suite";

const available = chromiumAvailable();

describe.skipIf(!available)("a chapter secretary on a phone", () => {
  const app = browserSuite();

  test("imports members from a file, collects dues from two and sees the dues list", async () => {
    const hanoi = await apiLogin(app.url, "hanoi");
    const { communeId, units } = await communeUnits(app.url, await apiLogin(app.url, "tayho"));
    const village = units.find((u) => u.level === "village")!;
    const made = await apiSend<{ chapter: { id: number } }>(app.url, hanoi, "POST", "/api/v1/chapters", {
      unitId: village.id,
      name: "Chi hội Khuyến học Tổ 1",
      kind: "village",
    });
    expect(made.status).toBe(201);
    const chapterId = made.body.chapter.id;
    const user = await apiSend(app.url, hanoi, "POST", "/api/v1/users", {
      username: "thuky.chihoi",
      fullName: "Thư ký chi hội Tổ 1",
      password: DEMO_PASSWORD,
      role: "chapter_secretary",
      unitId: communeId,
      chapterId,
    });
    expect(user.status).toBe(201);

    const { context, page } = await app.signedIn("thuky.chihoi");
    try {
      await page.goto(`${app.url}/hoi-vien`);
      await page.getByTestId("members-page").waitFor();
      await page.getByTestId("member-list").locator(".ant-table").waitFor();
      // The secretary writes their chapter's members: no note telling them someone else does.
      expect(await page.locator("[data-testid^=role-note-]").count()).toBe(0);
      await page.getByTestId("member-import-toggle").click();
      // An Excel workbook as a secretary keeps it: a title row, the headings, dates typed as dates.
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Hội viên");
      sheet.addRow(["Họ và tên", "Giới tính", "Năm sinh", "Thôn", "Chi hội", "Ngày vào hội"]);
      sheet.addRow([
        "Nguyễn Thị Lan",
        "Nữ",
        1972,
        village.name,
        "Chi hội Khuyến học Tổ 1",
        new Date(Date.UTC(2015, 2, 12)),
      ]);
      sheet.addRow([
        "Trần Văn Hùng",
        "Nam",
        1968,
        village.name,
        "Chi hội Khuyến học Tổ 1",
        new Date(Date.UTC(2018, 8, 5)),
      ]);
      await chooseImportFile(
        page,
        "member-import",
        "hoivien.xlsx",
        Buffer.from(await workbook.xlsx.writeBuffer()),
      );
      const dry = await sendImport(page, "/members/import?dryRun=1");
      expect(dry.status()).toBe(200);
      const run = await sendImport(page, "/members/import?dryRun=0", "import-run");
      expect(await run.json()).toMatchObject({ dryRun: false, created: 2, errors: [] });
      await eventually(() => rows(page, "member-list").count()).toBe(2);
      await expectNoOverflow(page);

      await page.goto(`${app.url}/chi-hoi/${chapterId}`);
      await eventually(() => page.getByTestId("chapter-title").textContent()).toBe("Chi hội Khuyến học Tổ 1");
      await page.getByRole("spinbutton", { name: "Mức hội phí (đồng)" }).fill("50000");
      const [set] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes(`/chapters/${chapterId}/dues/`) && r.request().method() === "PUT",
        ),
        page.getByTestId("dues-set-amount").click(),
      ]);
      // Opened by an address with the id alone, the page still names the commune the chapter was found in.
      expect(new URL(set.url()).searchParams.get("communeId")).toBe(String(communeId));
      for (const number of ["0001", "0002"]) {
        const button = page.getByTestId(`dues-pay-${number}`);
        await eventually(() => button.isEnabled()).toBe(true);
        const [paid] = await Promise.all([
          page.waitForResponse((r) => r.url().includes("/dues") && r.request().method() === "POST"),
          button.click(),
        ]);
        expect(paid.status()).toBe(201);
        expect(new URL(paid.url()).searchParams.get("communeId")).toBe(String(communeId));
      }
      await eventually(() => page.getByTestId("dues-paid").count()).toBe(2);
      expect(await page.getByTestId("dues-totals").textContent()).toBe(
        "2/2 hội viên đã nộp · đã thu 100.000 đồng",
      );
      expect(await page.getByTestId("dues-xlsx").getAttribute("href")).toMatch(
        new RegExp(`dues\\.xlsx\\?year=\\d{4}&communeId=${communeId}$`),
      );
      await expectNoOverflow(page);

      // The dashboard counts them: the Hội's cards and the growth chart, from the counters.
      await page.goto(`${app.url}/thong-ke`);
      const members = page.getByTestId("association-members").locator(".ant-statistic-content");
      await eventually(() => members.textContent()).toBe("2");
      expect(
        await page.getByTestId("association-chapters").locator(".ant-statistic-content").textContent(),
      ).toBe("1");
      await page.getByTestId("association-growth").waitFor();
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  });
});
