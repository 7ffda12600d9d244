/**
 * What the browser test files share: the server and the browser started once per file, 360 px phone contexts
 * (signed in as a demo user), table rows, the overflow check, and the demo officer's commune through the API.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { horizontalOverflow, launchBrowser, uiLogin } from "./browser";
import { type ApiSession, apiGet, DEMO_PASSWORD, startServer, type TestServer } from "./server";

export const PHONE = { width: 360, height: 740 };

/** expect.poll with room for a slow machine (the default gives up after one second). */
export const eventually = <T>(read: () => T | Promise<T>) =>
  expect.poll(read, { timeout: 15_000, interval: 100 });

/** Rows of the antd table inside the element with this test id. */
export const rows = (page: Page, testId: string) =>
  page.getByTestId(testId).locator("tbody tr.ant-table-row");

/**
 * Nothing sticks out sideways on the phone. Polled: right after a viewport change the page still has the
 * wide layout until React has heard of the new breakpoint and rendered again (a CI run caught it mid-way).
 */
export async function expectNoOverflow(page: Page): Promise<void> {
  await eventually(async () => (await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(
    PHONE.width + 1,
  );
}

type Viewport = { width: number; height: number };

export type BrowserSuite = {
  readonly server: TestServer;
  readonly browser: Browser;
  /** The server's address. */
  readonly url: string;
  /** A new Vietnamese browser context, the phone's size unless told. */
  context(viewport?: Viewport): Promise<BrowserContext>;
  /** A new context and page, signed in through the login page. */
  signedIn(username: string, viewport?: Viewport): Promise<{ context: BrowserContext; page: Page }>;
};

/**
 * One Chromium per test worker, shared by its browser test files (they share the worker's modules: vitest.config.ts
 * `isolate: false`): each file works in browser contexts of its own, which share nothing, and a launch costs one to
 * three seconds of a loaded CI machine. Launched again if it died; Playwright closes it when the worker exits.
 */
let shared: Promise<Browser> | undefined;
async function workerBrowser(): Promise<Browser> {
  const current = shared && (await shared.catch(() => undefined));
  if (!current?.isConnected()) shared = launchBrowser();
  return shared as Promise<Browser>;
}

/**
 * Starts the app (`serve --demo` on a fresh data directory) before the tests of the enclosing describe and stops it
 * after them, with the worker's Chromium; the contexts a file opened are closed after it. Call it inside the describe.
 */
export function browserSuite(): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), workerBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("browserSuite: the server and browser start in beforeAll");
    return value;
  };
  const suite: BrowserSuite = {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get url() {
      return started(server).url;
    },
    context: (viewport = PHONE) =>
      suite.browser.newContext({ viewport, locale: "vi-VN", reducedMotion: "reduce" }),
    signedIn: async (username, viewport = PHONE) => {
      const context = await suite.context(viewport);
      const page = await context.newPage();
      await uiLogin(page, suite.url, username, DEMO_PASSWORD);
      return { context, page };
    },
  };
  return suite;
}

/** The commune of a signed-in officer (their first grant) and its units in force today, through the API. */
export async function communeUnits(
  url: string,
  session: ApiSession,
): Promise<{ communeId: number; units: { id: number; name: string; level: string }[] }> {
  const me = await apiGet<{ user: { username: string; grants: { unit: { id: number } | null }[] } }>(
    url,
    session,
    "/api/v1/auth/me",
  );
  const communeId = me.user.grants[0]?.unit?.id;
  if (!communeId) throw new Error(`${me.user.username} has no unit`);
  const { units } = await apiGet<{ units: { id: number; name: string; level: string }[] }>(
    url,
    session,
    `/api/v1/units/${communeId}/children?date=${new Date().toISOString().slice(0, 10)}`,
  );
  return { communeId, units };
}

/** Registers the candidates ticked on the titles page; the server answers 201, with this many created. */
export async function registerTicked(page: Page, created: number): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/v1/registrations") && r.request().method() === "POST"),
    page.getByTestId("register-button").click(),
  ]);
  expect(response.status()).toBe(201);
  expect(await response.json()).toEqual({ created, skipped: 0 });
}

/**
 * Chooses a CSV (text) or an .xlsx (bytes) in the import panel with this test id and waits until the panel has taken it (the check button
 * is enabled), so that a click on "Kiểm tra" never lands before the file does on a loaded machine.
 */
export async function chooseImportFile(
  page: Page,
  testId: string,
  name: string,
  content: string | Buffer,
): Promise<void> {
  const panel = page.getByTestId(testId);
  const xlsx = name.endsWith(".xlsx");
  await panel.locator("input[type=file]").setInputFiles({
    name,
    mimeType: xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
    buffer: typeof content === "string" ? Buffer.from(content, "utf8") : content,
  });
  await eventually(() => panel.getByTestId("import-check").isEnabled()).toBe(true);
}

/** Whether a request's address has `part`'s path and each of its query parameters, in any order. */
export function addressMatches(url: string, part: string): boolean {
  const [path, query = ""] = part.split("?");
  const address = new URL(url);
  return (
    address.pathname.includes(path!) &&
    [...new URLSearchParams(query)].every(([key, value]) => address.searchParams.get(key) === value)
  );
}

/** Clicks "Kiểm tra" or "Nhập" in the import panel and returns the server's answer to that request. */
export async function sendImport(
  page: Page,
  urlPart: string,
  button: "import-check" | "import-run" = "import-check",
) {
  if (button === "import-run") await eventually(() => page.getByTestId(button).isEnabled()).toBe(true);
  const [response] = await Promise.all([
    page.waitForResponse((r) => addressMatches(r.url(), urlPart)),
    page.getByTestId(button).click(),
  ]);
  return response;
}
