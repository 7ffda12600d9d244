/**
 * A learning centre's page on a 360 px phone: the ward's officer opens the demo ward's centre from the centres
 * list, sees its founding decision and board, adds an appointment decision through the dialog and sees it in the
 * list; the history tab names the old ward's centre merged into it. Nothing sticks out sideways on any tab. The
 * page's address names the centre's commune (`?xa=`) and every API call of the page names it (`?communeId=`); an
 * old link with the id alone still opens the page, whose calls after the first read then name the commune.
 */
import { describe, expect, test } from "vitest";
import { submitForm } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, communeUnits, eventually, expectNoOverflow } from "./helpers/suite";

const available = chromiumAvailable();
const decision = (kind: string, number: string, signedOn: string, more: object = {}) => ({
  kind,
  number,
  signedOn,
  signerName: "Nguyễn Văn Hà",
  signerTitle: "Chủ tịch",
  issuer: "UBND phường Tây Hồ",
  ...more,
});

describe.skipIf(!available)("a learning centre's page on a phone", () => {
  const app = browserSuite();

  test("opens the ward's centre, adds a decision and sees it, reads its history", {
    timeout: 120_000,
  }, async () => {
    const tayho = await apiLogin(app.url, "tayho");
    const { communeId } = await communeUnits(app.url, tayho);
    const made = await apiSend<{ centre: { id: number } }>(app.url, tayho, "POST", "/api/v1/centres", {
      communeId,
      code: "01",
      name: "Trung tâm học tập cộng đồng phường Tây Hồ",
      address: "Nhà văn hóa phường",
    });
    expect(made.status).toBe(201);
    const id = made.body.centre.id;
    const send = (path: string, body: object) =>
      apiSend<{ centre: { id: number } }>(app.url, tayho, "POST", path, body);
    expect(
      (await send(`/api/v1/centres/${id}/decisions`, decision("founding", "168/QĐ-UBND", "2025-07-15")))
        .status,
    ).toBe(201);
    // Old Phường Bưởi's centre, merged into the ward's in 08/2025.
    const found = await apiGet<{ units: { id: number; code: string; level: string }[] }>(
      app.url,
      tayho,
      "/api/v1/units/search?q=buoi&anyDate=1",
    );
    const buoi = found.units.find((u) => u.code === "00109" && u.level === "commune")!;
    const old = await send("/api/v1/centres", {
      communeId: buoi.id,
      name: "Trung tâm học tập cộng đồng phường Bưởi",
    });
    expect(old.status).toBe(201);
    const merger = decision("merger", "215/QĐ-UBND", "2025-08-18", { predecessorIds: [old.body.centre.id] });
    expect((await send(`/api/v1/centres/${id}/decisions`, merger)).status).toBe(201);

    const path = (r: { url: () => string }) => new URL(r.url()).pathname;
    const communeOf = (r: { url: () => string }) => new URL(r.url()).searchParams.get("communeId");
    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/trung-tam-hoc-tap`);
      const [centreRead, historyRead] = await Promise.all([
        page.waitForRequest((r) => path(r) === `/api/v1/centres/${id}`),
        page.waitForRequest((r) => path(r) === `/api/v1/centres/${id}/history`),
        page.getByTestId("centre-name").filter({ hasText: "phường Tây Hồ" }).click(),
      ]);
      await page.waitForURL((u) => u.pathname === `/trung-tam-hoc-tap/${id}`);
      // The list's link names the centre's commune, and the page names it to the API: one commune's shard.
      expect(new URL(page.url()).searchParams.get("xa")).toBe(String(communeId));
      expect(communeOf(centreRead)).toBe(String(communeId));
      expect(communeOf(historyRead)).toBe(String(communeId));
      await eventually(() => page.getByTestId("centre-title").textContent()).toBe(
        "Trung tâm học tập cộng đồng phường Tây Hồ",
      );
      await expectNoOverflow(page);

      await page.getByTestId("centre-tab-decisions").click();
      await eventually(() => page.getByTestId("decision").count()).toBe(2);
      await page.getByTestId("decision-add").click();
      await page.getByTestId("decision-number").fill("176/QĐ-UBND");
      const signed = page.getByTestId("decision-signed-on");
      await signed.click();
      await signed.fill("22/07/2025");
      await signed.press("Enter");
      await page.getByTestId("decision-signer-name").fill("Lê Thị Thu");
      await page.getByTestId("decision-summary").fill("Bổ nhiệm Ban Giám đốc trung tâm");
      const response = await submitForm(
        page,
        "decision-ok",
        (r) => path(r) === `/api/v1/centres/${id}/decisions` && r.request().method() === "POST",
      );
      expect(response.status()).toBe(201);
      expect(communeOf(response)).toBe(String(communeId));
      await eventually(() => page.getByTestId("decision").count()).toBe(3);
      const texts = await page.getByTestId("decision").allTextContents();
      expect(texts[1]).toContain("176/QĐ-UBND · 22/07/2025");
      expect(texts[1]).toContain("Bổ nhiệm Ban Giám đốc trung tâm");
      await expectNoOverflow(page);

      await page.getByTestId("centre-tab-history").click();
      await eventually(() => page.getByTestId("centre-predecessors").textContent()).toContain(
        "Trung tâm học tập cộng đồng phường Bưởi",
      );
      // The old ward's centre is linked with its own commune.
      const link = page.getByTestId("centre-predecessors").getByRole("link", { name: /phường Bưởi/ });
      expect(await link.getAttribute("href")).toBe(`/trung-tam-hoc-tap/${old.body.centre.id}?xa=${buoi.id}`);
      await expectNoOverflow(page);
      await page.getByTestId("centre-tab-activities").click();
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
    // On a desktop the same page shows antd's tab bar. An old link without the commune still opens the centre;
    // the calls after the first read name the commune it was found in.
    const wide = await app.signedIn("tayho", { width: 1280, height: 800 });
    try {
      const [history] = await Promise.all([
        wide.page.waitForRequest((r) => path(r) === `/api/v1/centres/${id}/history`),
        wide.page.goto(`${app.url}/trung-tam-hoc-tap/${id}?tab=staff`),
      ]);
      expect(communeOf(history)).toBe(String(communeId));
      await wide.page.getByTestId("staff-edit").waitFor();
      await wide.page.getByTestId("centre-tab-history").click();
      await eventually(() => wide.page.getByTestId("centre-predecessors").textContent()).toContain(
        "phường Bưởi",
      );
    } finally {
      await wide.context.close();
    }
  });
});
