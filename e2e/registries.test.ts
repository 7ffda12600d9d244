/**
 * Browser test of the clan, organisation and citizen registries on a 360 px phone: a ward officer (tayho) adds a
 * clan and a school through the pages, finds them without diacritics, checks a clan list with a bad row (the dry
 * run names the row and column in Vietnamese and writes nothing), imports two citizens, then registers the clan
 * for "Dòng họ học tập" on the titles page and sees it among the registrations.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { chooseOption } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import {
  browserSuite,
  chooseImportFile,
  eventually,
  expectNoOverflow,
  registerTicked,
  rows,
  sendImport,
} from "./helpers/suite";

const available = chromiumAvailable();

describe.skipIf(!available)("clan, organisation and citizen registries in the browser", () => {
  const app = browserSuite();

  const search = (page: Page, testId: string) => page.getByTestId(testId).locator("input");

  test("add and find a clan and a school, check a bad clan list, import citizens, register the clan", async () => {
    const { context, page } = await app.signedIn("tayho");
    try {
      // Dòng họ: add one through the form.
      await page.goto(`${app.url}/dong-ho`);
      await page.getByTestId("clans-page").waitFor();
      await page.getByTestId("clan-list").locator(".ant-table").waitFor();
      await eventually(() => rows(page, "clan-list").count()).toBe(0);
      await expectNoOverflow(page);
      await page.getByTestId("clan-add").click();
      await page.getByTestId("clan-name-input").fill("Họ Nguyễn Đình");
      await page.getByTestId("clan-headName-input").fill("Nguyễn Đình Trọng");
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/clans") && r.request().method() === "POST"),
        page.getByTestId("clan-save").click(),
      ]);
      expect(created.status()).toBe(201);
      await eventually(() => page.getByTestId("clan-name").allTextContents()).toEqual(["Họ Nguyễn Đình"]);

      // The same name again: the server's Vietnamese message shows on the field.
      await page.getByTestId("clan-add").click();
      await page.getByTestId("clan-name-input").fill("Họ Nguyễn Đình");
      await page.getByTestId("clan-headName-input").fill("Nguyễn Đình Lâm");
      const [duplicate] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/clans") && r.request().method() === "POST"),
        page.getByTestId("clan-save").click(),
      ]);
      expect(duplicate.status()).toBe(409);
      await eventually(() =>
        page.locator(".ant-modal:visible .ant-form-item-explain-error").allTextContents(),
      ).toContain("Tên dòng họ đã có");
      await page.locator(".ant-modal:visible").getByRole("button", { name: "Hủy" }).click();

      await search(page, "clan-search").fill("nguyen dinh");
      await eventually(() => page.getByTestId("clan-name").allTextContents()).toEqual(["Họ Nguyễn Đình"]);
      await search(page, "clan-search").fill("ho tran");
      await eventually(() => rows(page, "clan-list").count()).toBe(0);
      await search(page, "clan-search").fill("");
      await eventually(() => rows(page, "clan-list").count()).toBe(1);

      // A clan list with a bad row: the dry run names row 3, column "Trưởng họ", and writes nothing.
      await page.getByTestId("clan-import-toggle").click();
      const csv = "Tên dòng họ,Trưởng họ\nHọ Lê Văn,Lê Văn Tám\nHọ Trần,\n";
      await chooseImportFile(page, "clan-import", "dongho.csv", csv);
      const checked = await sendImport(page, "/clans/import?dryRun=1");
      expect([200, 422]).toContain(checked.status());
      const errorRow = rows(page, "import-errors");
      await eventually(() => errorRow.count()).toBe(1);
      const cells = await errorRow.first().locator("td").allTextContents();
      expect(cells).toEqual(["3", "Trưởng họ", "Thiếu họ tên trưởng họ"]);
      expect(await page.getByTestId("import-run").isDisabled()).toBe(true);
      await expectNoOverflow(page);
      await page.reload();
      await eventually(() => page.getByTestId("clan-name").allTextContents()).toEqual(["Họ Nguyễn Đình"]);

      // Cơ quan, đơn vị: a school of the ward itself.
      await page.goto(`${app.url}/co-quan-don-vi`);
      await page.getByTestId("organizations-page").waitFor();
      await page.getByTestId("organization-list").locator(".ant-table").waitFor();
      await page.getByTestId("organization-add").click();
      await page.getByTestId("organization-name-input").fill("Trường Tiểu học Tây Hồ");
      await chooseOption(page, "organization-kind-input", "Trường học");
      const [school] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().endsWith("/api/v1/organizations") && r.request().method() === "POST",
        ),
        page.getByTestId("organization-save").click(),
      ]);
      expect(school.status(), await school.text()).toBe(201);
      expect((await school.json()).organization).toMatchObject({ kind: "school", unit: { code: "00103" } });
      await search(page, "organization-search").fill("truong tieu hoc tay ho");
      await eventually(() => page.getByTestId("organization-name").allTextContents()).toEqual([
        "Trường Tiểu học Tây Hồ",
      ]);
      await expectNoOverflow(page);

      // Công dân: a list of two, checked then imported, found without diacritics.
      await page.goto(`${app.url}/cong-dan`);
      await page.getByTestId("citizens-page").waitFor();
      await page.getByTestId("citizen-list").locator(".ant-table").waitFor();
      await page.getByTestId("citizen-import-toggle").click();
      const people =
        "Thôn,Họ và tên,Năm sinh,Đối tượng\nTổ dân phố số 1,Lê Thị Hoa,1980,Nông dân\nTổ dân phố số 2,Trần Văn Nam,1975,Công nhân\n";
      await chooseImportFile(page, "citizen-import", "congdan.csv", people);
      const dry = await sendImport(page, "/citizens/import?dryRun=1");
      expect(dry.status()).toBe(200);
      const run = await sendImport(page, "/citizens/import?dryRun=0", "import-run");
      expect(await run.json()).toMatchObject({ dryRun: false, created: 2, errors: [] });
      await eventually(() => rows(page, "citizen-list").count()).toBe(2);
      await search(page, "citizen-search").fill("le thi hoa");
      await eventually(() => page.getByTestId("citizen-name").allTextContents()).toEqual(["Lê Thị Hoa"]);
      await expectNoOverflow(page);

      // Danh hiệu "Dòng họ học tập": the clan is a candidate of the ward; register it.
      await page.goto(`${app.url}/danh-hieu?title=learning_clan&year=2025`);
      await page.getByTestId("titles-page").waitFor();
      const candidate = rows(page, "register-table").filter({ hasText: "Họ Nguyễn Đình" });
      await eventually(() => candidate.count()).toBe(1);
      await candidate.locator("input[type=checkbox]").check();
      await registerTicked(page, 1);
      await eventually(() => candidate.count()).toBe(0);
      const step = page.getByRole("tab", { name: /^\d\. Tự đánh giá/ });
      await step.click();
      await eventually(() => rows(page, "assess-table").filter({ hasText: "Họ Nguyễn Đình" }).count()).toBe(
        1,
      );
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  });
});
