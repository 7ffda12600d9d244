/**
 * Browser test of the territory pages: unit search without diacritics, unit history (predecessors with full
 * and partial coverage), refusal of a unit outside the user's scope, and the 360 px phone layout.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { UnitSearchHit } from "../src/shared/api";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin } from "./helpers/server";
import { browserSuite, expectNoOverflow } from "./helpers/suite";

const available = chromiumAvailable();

describe.skipIf(!available)("territory pages in the browser", () => {
  const app = browserSuite();
  let hcmUnitId: number;

  beforeAll(async () => {
    // A TP. Hồ Chí Minh ward (Phường Vườn Lài, 27190), found through the API as the nation-wide administrator.
    const admin = await apiLogin(app.url, "quantri");
    const { units } = await apiGet<{ units: UnitSearchHit[] }>(
      app.url,
      admin,
      `/api/v1/units/search?q=${encodeURIComponent("vuon lai")}`,
    );
    const hcm = units.find((u) => u.path.includes("Hồ Chí Minh"));
    if (!hcm) throw new Error(`no TP.HCM unit found by "vuon lai": ${JSON.stringify(units)}`);
    hcmUnitId = hcm.id;
  });

  test("a wrong password shows the server's Vietnamese message", async () => {
    const context = await app.context();
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/dang-nhap`);
      await expectNoOverflow(page);

      await page.getByTestId("login-username").fill("hanoi");
      await page.getByTestId("login-password").fill("sai-mat-khau");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login")),
        page.getByTestId("login-submit").click(),
      ]);
      expect(response.status()).toBe(401);
      const body = (await response.json()) as { error: { message: string } };
      const alert = page.getByTestId("login-error");
      await alert.waitFor();
      expect(body.error.message).toMatch(
        /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i,
      );
      expect(await alert.textContent()).toContain(body.error.message);
      expect(new URL(page.url()).pathname).toBe("/dang-nhap");
    } finally {
      await context.close();
    }
  });

  test("hanoi finds Phường Tây Hồ without diacritics, sees its history, and is refused a TP.HCM unit", async () => {
    const { context, page } = await app.signedIn("hanoi");
    try {
      await page.getByTestId("unit-search").fill("tay ho");
      const hit = page
        .getByTestId("unit-hit")
        .filter({ has: page.getByText("Phường Tây Hồ", { exact: true }) });
      await hit.first().waitFor();
      await hit.first().click();
      await page.waitForURL((u) => /^\/don-vi\/\d+$/.test(u.pathname));
      await expect.poll(() => page.getByTestId("unit-name").textContent()).toBe("Phường Tây Hồ");

      const predecessors = page.getByTestId("history-predecessors");
      const buoi = predecessors.locator("tr", { hasText: "Phường Bưởi" });
      await buoi.first().waitFor();
      expect(await buoi.first().textContent()).toContain("Toàn bộ");
      const nhatTan = predecessors.locator("tr", { hasText: "Phường Nhật Tân" });
      expect(await nhatTan.first().textContent()).toContain("Một phần");

      await expectNoOverflow(page);

      await page.goto(`${app.url}/don-vi/${hcmUnitId}`);
      const refusal = page.getByTestId("unit-forbidden");
      await refusal.waitFor();
      // The server answers 403, or 404 so as not to reveal units outside the caller's scope.
      expect(await refusal.textContent()).toMatch(/Bạn không có quyền xem đơn vị này|Không tìm thấy/);
    } finally {
      await context.close();
    }
  });
});
