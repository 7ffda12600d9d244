/**
 * Browser test of the everyday officer flows: the unit tree at a past date, adding a village as a commune data
 * entry officer (then seeing it in the audit log), the users page of the system administrator, and the language
 * switch.
 */
import { describe, expect, test } from "vitest";
import { chromiumAvailable } from "./helpers/browser";
import { browserSuite, expectNoOverflow } from "./helpers/suite";

const available = chromiumAvailable();

describe.skipIf(!available)("officer flows in the browser", () => {
  const app = browserSuite();

  test("the unit tree before the 2025 reform shows Quận Tây Hồ under Hà Nội", async () => {
    const { context, page } = await app.signedIn("hanoi");
    try {
      await page.goto(`${app.url}/don-vi?ngay=2025-03-01`);
      const tree = page.getByTestId("unit-tree");
      const hanoi = tree.locator(".ant-tree-treenode", { hasText: "Thành phố Hà Nội" }).first();
      await hanoi.waitFor();
      await hanoi.locator(".ant-tree-switcher").click();
      await tree.getByText("Quận Tây Hồ").waitFor();
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  });

  test("a ward officer adds a village, which shows in the ward and in the audit log", async () => {
    const { context, page } = await app.signedIn("tayho");
    try {
      await page.getByTestId("unit-search").fill("tay ho");
      const hit = page
        .getByTestId("unit-hit")
        .filter({ has: page.getByText("Phường Tây Hồ", { exact: true }) });
      await hit.first().click();
      await page.getByTestId("add-village").click();
      const dialog = page.locator(".ant-modal");
      await dialog.getByLabel("Tên").fill("Tổ dân phố Thử Nghiệm");
      await dialog.getByRole("button", { name: "Lưu" }).click();
      await page.getByTestId("unit-children").getByText("Tổ dân phố Thử Nghiệm").waitFor();

      await page.goto(`${app.url}/nhat-ky`);
      const table = page.getByTestId("audit-table");
      await table.locator("tr.ant-table-row").first().waitFor();
      const entry = table.locator("tr.ant-table-row", { hasText: "Tổ dân phố Thử Nghiệm" }).first();
      await entry.waitFor();
      expect(await entry.textContent()).toContain("Tạo mới");
    } finally {
      await context.close();
    }
  });

  test("the system administrator sees users with their roles, in Vietnamese and in English", async () => {
    const { context, page } = await app.signedIn("quantri", { width: 1280, height: 800 });
    try {
      await page.goto(`${app.url}/nguoi-dung`);
      const row = page.getByTestId("users-table").locator("tr", { hasText: "hanoi" }).first();
      await row.waitFor();
      expect(await row.textContent()).toContain("Quản trị đơn vị @ Thành phố Hà Nội");

      await page.getByTestId("lang-switch").click();
      await page.getByTitle("English").click();
      await page.getByText("Users and roles").waitFor();
      expect(await row.textContent()).toContain("Unit administrator @ Thành phố Hà Nội");
      expect(await page.evaluate(() => localStorage.getItem("hieuhoc.lang"))).toBe("en");
    } finally {
      await context.close();
    }
  });
});
