/**
 * Browser test of the households page on a 360 px phone: import of a list typed in TCVN3 (dry run, conversion
 * notice, real import), search without diacritics, adding a household to a village, an edit refused because
 * someone saved the household meanwhile (409, who and when shown), and archiving it.
 */
import { describe, expect, test } from "vitest";
import { chooseOption, closeDialogWith } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiLogin, apiSend } from "./helpers/server";
import {
  browserSuite,
  chooseImportFile,
  eventually,
  expectNoOverflow,
  rows,
  sendImport,
} from "./helpers/suite";

const available = chromiumAvailable();

describe.skipIf(!available)("households page in the browser", () => {
  const app = browserSuite();

  test("import with TCVN3, search without diacritics, add and archive", async () => {
    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/ho-gia-dinh`);
      await rows(page, "household-list").first().waitFor();
      await expectNoOverflow(page);

      // Import two households whose names were typed in TCVN3 (as old Excel files often are).
      await page.getByTestId("household-import-toggle").click();
      const csv =
        "Mã hộ,Thôn,Chủ hộ,Số nhân khẩu\n0101,Tổ dân phố số 3,NguyÔn V¨n Tïng,4\n0102,Tổ dân phố số 3,TrÇn ThÞ Mai,3\n";
      await chooseImportFile(page, "household-import", "ho.csv", csv);
      const checked = await sendImport(page, "/households/import?dryRun=1");
      expect(checked.status()).toBe(200);
      await eventually(() => page.getByTestId("import-converted").textContent()).toBe(
        "Cột “Chủ hộ” được chuyển từ mã TCVN3 sang Unicode.",
      );
      const imported = await sendImport(page, "/households/import?dryRun=0", "import-run");
      expect(imported.status()).toBe(200);
      expect(await imported.json()).toMatchObject({ dryRun: false, created: 2, errors: [] });
      await eventually(() => rows(page, "household-list").count()).toBe(14);
      await expectNoOverflow(page);

      await page.getByTestId("household-search").locator("input").fill("nguyen van tung");
      await eventually(() => page.getByTestId("household-name").allTextContents()).toEqual([
        "Nguyễn Văn Tùng",
      ]);
      await page.getByTestId("household-search").locator("input").fill("hoang van duc");
      await eventually(() => page.getByTestId("household-name").allTextContents()).toEqual(["Hoàng Văn Đức"]);
      await page.getByTestId("household-search").locator("input").fill("");

      await chooseOption(page, "scope-village", "Tổ dân phố số 2");
      await page.waitForURL((u) => !!u.searchParams.get("unit"));
      await eventually(() => rows(page, "household-list").count()).toBe(4);
      await page.getByTestId("household-add").click();
      await page.getByTestId("household-headName-input").fill("Ngô Thị Mới");
      const [created] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().endsWith("/api/v1/households") && r.request().method() === "POST",
        ),
        page.getByTestId("household-save").click(),
      ]);
      expect(created.status()).toBe(201);
      const added = (await created.json()).household;
      expect(added).toMatchObject({ headName: "Ngô Thị Mới", members: 1, headSex: null, code: "0103" });
      await eventually(() => rows(page, "household-list").count()).toBe(5);
      await expectNoOverflow(page);

      // Someone else saves the household while the edit dialog is open: the save is refused, with who and when.
      const row = rows(page, "household-list").filter({ hasText: "Ngô Thị Mới" });
      await row.getByTestId("household-edit").click();
      await chooseOption(page, "household-headSex-input", "Nữ");
      const other = await apiLogin(app.url, "tayho");
      const meanwhile = await apiSend(app.url, other, "PATCH", `/api/v1/households/${added.id}`, {
        members: 3,
        version: added.version,
      });
      expect(meanwhile.status).toBe(200);
      const [stale] = await Promise.all([
        // The web names the household's commune, so the server looks in that commune alone (docs/SCALE-OUT.md).
        page.waitForResponse((r) =>
          r.url().endsWith(`/api/v1/households/${added.id}?communeId=${added.communeId}`),
        ),
        page.getByTestId("household-save").click(),
      ]);
      expect(stale.status()).toBe(409);
      // The shared stale-save dialog names who saved; "Tải lại" restarts the form from the saved household.
      const staleDialog = page.locator(".ant-modal-confirm");
      await eventually(() => staleDialog.textContent()).toMatch(/Cán bộ phường Tây Hồ/);
      await closeDialogWith(staleDialog, "stale-reload");
      await eventually(() => page.getByTestId("household-members-input").inputValue()).toBe("3");
      await page.locator(".ant-modal:visible").getByRole("button", { name: "Hủy" }).click();
      // The edit dialog must be gone (its closing mask would take the next click), and the archive dialog up.
      await eventually(() => page.locator(".ant-modal:visible").count()).toBe(0);
      await row.getByTestId("household-archive").click();
      const archive = page.locator(".ant-modal:visible").getByRole("button", { name: "Lưu trữ" });
      await archive.waitFor();
      // A click during the dialog's opening animation reaches a form not yet connected: wait for it to settle.
      await page.waitForFunction(() => !document.querySelector(".ant-zoom-appear, .ant-zoom-enter"));
      const [archived] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/archive?communeId=${added.communeId}`)),
        archive.click(),
      ]);
      expect(archived.status()).toBe(204);
      await eventually(() => rows(page, "household-list").count()).toBe(4);
    } finally {
      await context.close();
    }
  });
});
