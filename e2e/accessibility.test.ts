/**
 * Accessibility of the main pages with axe-core: the login page, the statistics dashboard, the four registry pages
 * (the registry engine's page), the titles page and the funds page, at 1280 px and on a 360 px phone, as the ward officer (tayho).
 * Each page must have no critical and no serious violation (WCAG 2.1 A/AA and axe's best practices). On the phone,
 * the wide tables (import errors, targets, audit log) scroll inside their box: their last column can be reached.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { type AxeViolation, axeViolations, describeViolations } from "./helpers/axe";
import { chromiumAvailable } from "./helpers/browser";
import { apiLogin, apiSend } from "./helpers/server";
import {
  browserSuite,
  chooseImportFile,
  communeUnits,
  expectNoOverflow,
  PHONE,
  sendImport,
} from "./helpers/suite";

const available = chromiumAvailable();
const DESKTOP = { width: 1280, height: 900 };

/** The signed-in pages: path, and the test id shown once the page has loaded its data. */
const PAGES = [
  { path: "/thong-ke", ready: "stats-unit-name" },
  { path: "/ho-gia-dinh", ready: "household-list" },
  { path: "/dong-ho", ready: "clan-list" },
  { path: "/co-quan-don-vi", ready: "organization-list" },
  { path: "/cong-dan", ready: "citizen-list" },
  { path: "/danh-hieu", ready: "titles-page" },
  { path: "/quy", ready: "fund-list" },
] as const;

/**
 * Scrolls the table inside the element with this test id all the way right and returns where its last column's
 * header then is: reachable when it lies inside the window.
 */
async function lastColumn(page: Page, testId: string) {
  const table = page.getByTestId(testId);
  await table.locator("thead th").last().waitFor();
  return table.evaluate((root) => {
    const box = root.querySelector<HTMLElement>(".ant-table-content, .ant-table-body");
    if (box) box.scrollLeft = box.scrollWidth;
    const heads = root.querySelectorAll("thead th");
    const last = heads[heads.length - 1]!.getBoundingClientRect();
    return { left: Math.round(last.left), right: Math.round(last.right), width: Math.round(last.width) };
  });
}

/** Waits until the page has drawn its content and no spinner is left, then runs axe. */
async function check(page: Page, ready: string): Promise<AxeViolation[]> {
  await page.getByTestId(ready).first().waitFor();
  await page
    .locator(".ant-spin-spinning")
    .first()
    .waitFor({ state: "detached", timeout: 15_000 })
    .catch(() => {});
  return axeViolations(page);
}

describe.skipIf(!available)("accessibility of the main pages (axe-core)", () => {
  const app = browserSuite();

  for (const [size, viewport] of [
    ["1280 px", DESKTOP],
    ["360 px", PHONE],
  ] as const) {
    test(`the login page at ${size}: no critical or serious violation`, async () => {
      const context = await app.context(viewport);
      try {
        const page = await context.newPage();
        await page.goto(`${app.url}/dang-nhap`);
        const violations = await check(page, "login-username");
        expect(violations, describeViolations(violations)).toEqual([]);
      } finally {
        await context.close();
      }
    });

    test(`the dashboard, the four registries and the titles page at ${size}: none either`, async () => {
      const found: string[] = [];
      const { context, page } = await app.signedIn("tayho", viewport);
      try {
        for (const { path, ready } of PAGES) {
          await page.goto(`${app.url}${path}`);
          const violations = await check(page, ready);
          if (violations.length > 0) found.push(`${path}\n${describeViolations(violations)}`);
        }
      } finally {
        await context.close();
      }
      expect(found.join("\n\n"), found.join("\n\n")).toBe("");
    }, 120_000);
  }

  test("at 360 px the last column of the import errors, targets and audit log tables can be reached", async () => {
    // Something of the ward's own in the audit log.
    const session = await apiLogin(app.url, "tayho");
    const { communeId } = await communeUnits(app.url, session);
    const clan = await apiSend(app.url, session, "POST", "/api/v1/clans", {
      communeId,
      name: "Họ Đặng Văn",
      headName: "Đặng Văn Long",
    });
    expect(clan.status, JSON.stringify(clan.body)).toBe(201);

    const { context, page } = await app.signedIn("tayho", PHONE);
    const within = (box: { left: number; right: number; width: number }) => {
      expect(box.width).toBeGreaterThan(0);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
    };
    try {
      await page.goto(`${app.url}/dong-ho`);
      await page.getByTestId("clan-import-toggle").click();
      const csv = "Tên dòng họ,Trưởng họ\nHọ Lê Văn,Lê Văn Tám\nHọ Trần,\n";
      await chooseImportFile(page, "clan-import", "dongho.csv", csv);
      await sendImport(page, "/clans/import?dryRun=1");
      within(await lastColumn(page, "import-errors"));
      await expectNoOverflow(page);

      await page.goto(`${app.url}/thong-ke`);
      within(await lastColumn(page, "targets-table"));
      await expectNoOverflow(page);

      await page.goto(`${app.url}/nhat-ky`);
      await page.getByTestId("audit-table").locator("tr.ant-table-row").first().waitFor();
      within(await lastColumn(page, "audit-table"));
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }
  }, 120_000);
});
