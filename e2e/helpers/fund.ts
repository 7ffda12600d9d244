/**
 * What the fund's browser tests share: the fund's people made through the API, a payment dialog confirmed only
 * once it is up, dated and enabled, and a year closed and published by an approver on the year's tab.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { confirmPopup } from "./antd";
import { type ApiSession, apiSend, DEMO_PASSWORD } from "./server";
import { type BrowserSuite, eventually } from "./suite";

/** Users of the commune with one role each, `[username, fullName, role]`, made by a unit admin. */
export async function addPeople(
  url: string,
  admin: ApiSession,
  communeId: number,
  people: [username: string, fullName: string, role: string][],
): Promise<void> {
  for (const [username, fullName, role] of people) {
    const made = await apiSend(url, admin, "POST", "/api/v1/users", {
      username,
      fullName,
      password: DEMO_PASSWORD,
      role,
      unitId: communeId,
    });
    expect(made.status, username).toBe(201);
  }
}

/**
 * Confirms the open payment dialog whose OK button has this test id and returns the server's answer. The dialog is
 * up, its date filled and its button enabled before the click: on a loaded machine a click during the dialog's
 * opening was lost and no payment was sent.
 */
export async function confirmPayment(page: Page, okTestId: string) {
  const ok = page.getByTestId(okTestId);
  await ok.waitFor();
  await eventually(() => ok.isEnabled()).toBe(true);
  await eventually(() => page.locator(".ant-modal:visible input").first().inputValue()).not.toBe("");
  const [paid] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/pay"), { timeout: 60_000 }),
    ok.click(),
  ]);
  return paid;
}

/** The keeper closes the year through the API; `approver` publishes it on the year's tab and is told it is done. */
export async function closeAndPublish(
  app: BrowserSuite,
  keeper: ApiSession,
  approver: string,
  fundId: number,
  year: number,
): Promise<void> {
  const closed = await apiSend(
    app.url,
    keeper,
    "POST",
    `/api/v1/funds/${fundId}/periods/${year}/close`,
    undefined,
  );
  expect(closed.status).toBe(201);
  const { context, page } = await app.signedIn(approver);
  try {
    await page.goto(`${app.url}/quy/${fundId}?tab=year&year=${year}`);
    const publish = page.getByTestId("fund-publish");
    await eventually(() => publish.isEnabled()).toBe(true);
    await publish.click();
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/publish")),
      confirmPopup(page, "Công khai"),
    ]);
    await page.getByTestId("fund-disclosure-page").waitFor();
    expect(await page.getByTestId("fund-publish-why").textContent()).toContain("Đã công khai");
  } finally {
    await context.close();
  }
}
