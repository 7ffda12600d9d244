/** Headless Chromium for browser tests (the Debian package; never a downloaded browser). */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.HIEUHOC_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Whether browser tests can run. Missing Chromium fails on CI (CI=true) and skips elsewhere with a notice.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === "true") {
    throw new Error(`Chromium is required for browser tests on CI but ${CHROMIUM_PATH} is missing`);
  }
  console.warn(
    `[e2e] ${CHROMIUM_PATH} not found: browser tests are skipped (install it with: apt-get install -y chromium)`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // --max-opt=1: V8 stops at its baseline compiler. A test's page lives seconds, too short for the optimising
    // compilers to pay back their compile time: the e2e run took about a tenth less CPU of the 2-core machine.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--js-flags=--max-opt=1"],
  });
}

/** Signs in through the login page and waits for the unit list. */
export async function uiLogin(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/dang-nhap`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === "/don-vi");
}

/** The page's scroll width and the viewport width, to check that nothing overflows sideways. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
}
