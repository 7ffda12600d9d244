/**
 * Browser test of the Hội Khuyến học's pages on a 360 px phone: the Hội of a ward (hkh.tayho) opens its chapter
 * tree from the menu and looks at it on a past day, finds a member by a name typed without diacritics, opens the
 * member's chapter from the hit (committee, members, dues), and edits the committee: one officer added, one
 * removed. Another chapter's secretary sees the edit button disabled with the reason. Nothing sticks out sideways,
 * and axe-core finds no critical or serious violation on the three pages.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { pickOption } from "./helpers/antd";
import { axeViolations, describeViolations } from "./helpers/axe";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend, DEMO_PASSWORD } from "./helpers/server";
import { browserSuite, communeUnits, eventually, expectNoOverflow, rows } from "./helpers/suite";

const available = chromiumAvailable();

async function created<T>(response: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await response;
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}

/** No overflow sideways, and no critical or serious accessibility violation (axe-core). */
async function fitsAndReads(page: Page) {
  await expectNoOverflow(page);
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Opens a menu entry from the drawer (the menu on a phone). */
async function fromMenu(page: Page, name: string) {
  await page.getByTestId("menu-button").click();
  await page.locator(".ant-drawer").getByRole("menuitem", { name }).click();
}

describe.skipIf(!available)("the Hội Khuyến học's pages on a phone", () => {
  const app = browserSuite();

  /** The ward's Hội (hkh.tayho), two residential-group chapters with members, a chair, a second secretary. */
  async function prepare() {
    const hanoi = await apiLogin(app.url, "hanoi");
    const { communeId, units } = await communeUnits(app.url, await apiLogin(app.url, "tayho"));
    const [v1, v2] = units.filter((u) => u.level === "village");
    const user = (username: string, role: string, chapterId?: number) =>
      created(
        apiSend(app.url, hanoi, "POST", "/api/v1/users", {
          username,
          fullName: username,
          password: DEMO_PASSWORD,
          role,
          unitId: communeId,
          ...(chapterId ? { chapterId } : {}),
        }),
      );
    await user("hkh.tayho", "association_admin");
    const hoi = await apiLogin(app.url, "hkh.tayho");
    const send = <T>(method: string, path: string, body: unknown) =>
      created(apiSend<T>(app.url, hoi, method, `/api/v1${path}`, body));
    const chapter = async (village: { id: number }, name: string) =>
      (
        await send<{ chapter: { id: number } }>("POST", "/chapters", {
          unitId: village.id,
          name,
          kind: "village",
        })
      ).chapter.id;
    const first = await chapter(v1!, "Chi hội Khuyến học Tổ 1");
    const second = await chapter(v2!, "Chi hội Khuyến học Tổ 2");
    const member = (
      village: { id: number },
      chapterId: number,
      fullName: string,
      sex: string,
      joinedOn: string,
    ) =>
      send("POST", "/members", { unitId: village.id, chapterId, fullName, sex, birthYear: 1972, joinedOn });
    await member(v1!, first, "Nguyễn Thị Lan", "female", "2020-03-12");
    await member(v1!, first, "Trần Văn Hùng", "male", "2021-09-05");
    await member(v2!, second, "Lê Thị Mai", "female", "2022-01-10");
    await send("PUT", `/chapters/${first}/committee`, {
      officers: [{ fullName: "Trần Văn Hùng", post: "chair", termFrom: "2022-01-01", termTo: "2027-01-01" }],
    });
    await user("thuky.to2", "chapter_secretary", second);
    return { hoi, first, communeId };
  }

  test("the Hội opens its tree, finds a member without diacritics, opens the chapter and edits its committee", async () => {
    const { hoi, first, communeId } = await prepare();
    const { context, page } = await app.signedIn("hkh.tayho");
    try {
      await fromMenu(page, "Hội Khuyến học");
      await page.getByTestId("association-page").waitFor();
      await eventually(() => page.getByTestId("tree-total-members").textContent()).toBe("3");
      expect(await page.getByTestId("tree-chapter").allTextContents()).toEqual([
        "Chi hội Khuyến học Tổ 1",
        "Chi hội Khuyến học Tổ 2",
      ]);
      await fitsAndReads(page);
      // On 1 June 2021 only Nguyễn Thị Lan had joined.
      const date = page.getByTestId("tree-date");
      await date.click();
      await date.fill("01/06/2021");
      await date.press("Enter");
      await eventually(() => page.getByTestId("tree-total-members").textContent()).toBe("1");
      expect(page.url()).toContain("date=2021-06-01");

      await fromMenu(page, "Tìm hội viên");
      await page.getByTestId("member-search-q").locator("input").fill("nguyen thi lan");
      await eventually(() => page.getByTestId("member-hit-name").allTextContents()).toEqual([
        "Nguyễn Thị Lan",
      ]);
      await expectNoOverflow(page);
      // The hit's link names the chapter's commune (?xa=), and the page names it on its calls: the server then looks
      // in that commune alone (one shard, docs/SCALE-OUT.md).
      const named = (r: { url(): string }) => new URL(r.url()).searchParams.get("communeId");
      const [opened] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/chapters/${first}`),
        page.getByTestId("member-hit-chapter").click(),
      ]);
      await page.waitForURL((u) => u.pathname === `/chi-hoi/${first}`);
      expect(new URL(page.url()).searchParams.get("xa")).toBe(String(communeId));
      expect(opened.status()).toBe(200);
      expect(named(opened)).toBe(String(communeId));
      await eventually(() => page.getByTestId("chapter-title").textContent()).toBe("Chi hội Khuyến học Tổ 1");
      await eventually(() => page.getByTestId("chapter-member-name").allTextContents()).toEqual([
        "Nguyễn Thị Lan",
        "Trần Văn Hùng",
      ]);
      await eventually(() => rows(page, "dues-list").count()).toBe(2);

      // The committee: a vice chair added, the chair removed, saved as one list.
      await page.getByTestId("committee-edit").click();
      await page.getByTestId("officer-add").click();
      await fitsAndReads(page);
      const added = page.getByTestId("officer").last();
      await added.getByTestId("officer-name").fill("Phạm Thị Hoa");
      await added.getByTestId("officer-post").click();
      await pickOption(page, /^Phó chủ tịch$/);
      await page.getByTestId("officer").first().getByTestId("officer-remove").click();
      await expectNoOverflow(page);
      const [saved] = await Promise.all([
        page.waitForResponse(
          (r) =>
            new URL(r.url()).pathname.endsWith(`/chapters/${first}/committee`) &&
            r.request().method() === "PUT",
        ),
        page.getByTestId("committee-save").click(),
      ]);
      expect(saved.status()).toBe(200);
      expect(named(saved)).toBe(String(communeId));
      await eventually(() => page.getByTestId("committee-list").locator("strong").allTextContents()).toEqual([
        "Phạm Thị Hoa",
      ]);
      const committee = await apiGet<{ officers: object[] }>(
        app.url,
        hoi,
        `/api/v1/chapters/${first}/committee`,
      );
      // The new officer serves the term of the one listed before.
      expect(committee.officers).toEqual([
        expect.objectContaining({
          fullName: "Phạm Thị Hoa",
          post: "vice_chair",
          termFrom: "2022-01-01",
          termTo: "2027-01-01",
        }),
      ]);
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }

    // Another chapter's secretary: the chapter's name, and why its committee, members and dues are not shown (no
    // edit button, no empty lists that would mislead).
    const other = await app.signedIn("thuky.to2");
    try {
      await other.page.goto(`${app.url}/chi-hoi/${first}`);
      await eventually(() => other.page.getByTestId("chapter-hidden").textContent()).toMatch(
        /thư ký chi hội xem được hội viên của chi hội/,
      );
      expect(await other.page.getByTestId("chapter-title").textContent()).toBe("Chi hội Khuyến học Tổ 1");
      expect(await other.page.getByTestId("committee").count()).toBe(0);
      expect(await other.page.getByTestId("committee-edit").count()).toBe(0);
      await expectNoOverflow(other.page);
    } finally {
      await other.context.close();
    }
  }, 120_000);
});
