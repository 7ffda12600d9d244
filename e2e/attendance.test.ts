/**
 * The teacher's attendance page on a 360 px phone with a poor connection: giaovien.tayho opens today's class, enters
 * the head counts with the big steppers and saves; the first try reaches the server but its answer is lost (the
 * test aborts exactly one write), so the page keeps the entry on the device and says one session waits; "Gửi lại"
 * sends it again with the same client key, the server answers with the session it already made, and the ward's
 * lượt người on the statistics grew by exactly the number entered: nothing lost, nothing counted twice.
 */
import { describe, expect, test } from "vitest";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, communeUnits, eventually, expectNoOverflow } from "./helpers/suite";

const available = chromiumAvailable();
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const shift = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);

type Figures = { attendees: number; women: number; elderly: number; sessions: number };

describe.skipIf(!available)("attendance on a teacher's phone", () => {
  const app = browserSuite();

  test("a session entered while one request fails is kept, sent again once, and counted once", {
    timeout: 120_000,
  }, async () => {
    const tayho = await apiLogin(app.url, "tayho");
    const { communeId } = await communeUnits(app.url, tayho);
    const centre = await apiSend<{ centre: { id: number } }>(app.url, tayho, "POST", "/api/v1/centres", {
      communeId,
      code: "E2E",
      name: "Trung tâm học tập cộng đồng (thử)",
    });
    expect(centre.status).toBe(201);
    const activity = await apiSend<{ activity: { id: number } }>(
      app.url,
      tayho,
      "POST",
      "/api/v1/activities",
      {
        communeId,
        centreId: centre.body.centre.id,
        title: "Lớp kỹ năng số cho người dân",
        topic: "digital_skills",
        startsOn: shift(-10),
        endsOn: shift(10),
        classSize: 40,
      },
    );
    expect(activity.status).toBe(201);
    const id = activity.body.activity.id;
    const teacherApi = await apiLogin(app.url, "giaovien.tayho");
    const figures = async () =>
      (
        await apiGet<{ figures: Figures }>(
          app.url,
          teacherApi,
          `/api/v1/stats/centres?unitId=${communeId}&year=${year}`,
        )
      ).figures;
    const before = await figures();

    const { context, page } = await app.signedIn("giaovien.tayho");
    try {
      // Exactly one write fails: the server gets it, the phone never sees the answer.
      let lost = 0;
      const posted: string[] = [];
      const seen: string[] = [];
      page.on("request", (r) => seen.push(`${r.method()} ${r.url()}`));
      page.on("console", (m) => seen.push(`console ${m.type()}: ${m.text()}`));
      await page.route(/\/api\/v1\/activities\/\d+\/sessions(\?|$)/, async (route) => {
        if (route.request().method() === "POST") posted.push(route.request().url());
        if (route.request().method() !== "POST" || lost > 0) return route.continue();
        lost++;
        await route.fetch();
        await route.abort("failed");
      });
      await page.goto(`${app.url}/diem-danh`);
      await page.getByTestId(`attendance-activity-${id}`).click();
      const plus = page.getByTestId("count-attendees-plus");
      await plus.waitFor();
      // The page's address names the activity's commune, which its calls name too (one commune's shard).
      expect(new URL(page.url()).searchParams.get("xa")).toBe(String(communeId));
      // Big tap targets: at least 44 px each way.
      const box = (await plus.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
      for (let i = 0; i < 7; i++) await plus.click();
      for (let i = 0; i < 4; i++) await page.getByTestId("count-women-plus").click();
      for (let i = 0; i < 2; i++) await page.getByTestId("count-elderly-plus").click();
      await expect
        .poll(() =>
          page
            .locator(
              'input[data-testid="count-attendees-value"], [data-testid="count-attendees-value"] input',
            )
            .first()
            .inputValue(),
        )
        .toBe("7");
      await expectNoOverflow(page);
      await page.getByTestId("attendance-save").click();

      // The failed request: the entry is kept on the device, and the page says one session waits.
      await expect.poll(() => lost, { timeout: 15_000, message: seen.join("\n") }).toBe(1);
      const kept = await page.evaluate(() => localStorage.getItem("hieuhoc.attendance.outbox"));
      expect(JSON.parse(kept ?? "[]")).toHaveLength(1);
      await page.getByTestId("attendance-waiting").waitFor();
      expect(await page.getByTestId("attendance-waiting").textContent()).toContain("1 buổi học chờ gửi");
      await expectNoOverflow(page);

      // "Gửi lại" (unless the automatic retry, every few seconds, was quicker).
      await page
        .getByTestId("attendance-resend")
        .click({ timeout: 3000 })
        .catch(() => undefined);
      await page.getByTestId("attendance-waiting").waitFor({ state: "detached" });
      await page.getByTestId("session-saved").first().waitFor();
      expect(await page.getByTestId("session-saved").allInnerTexts()).toEqual([
        expect.stringContaining("7 lượt người"),
      ]);
      expect(await page.evaluate(() => localStorage.getItem("hieuhoc.attendance.outbox"))).toBe("[]");
      expect(posted.length).toBeGreaterThanOrEqual(2);
      for (const url of posted) expect(new URL(url).searchParams.get("communeId")).toBe(String(communeId));
    } finally {
      await context.close();
    }

    // One session on the server, and the ward's figures grew by exactly what was entered.
    const detail = await apiGet<{ sessions: Figures[] }>(
      app.url,
      teacherApi,
      `/api/v1/activities/${id}/attendance`,
    );
    expect(detail.sessions).toHaveLength(1);
    await eventually(async () => (await figures()).attendees - before.attendees).toBe(7);
    const after = await figures();
    expect(after.women - before.women).toBe(4);
    expect(after.elderly - before.elderly).toBe(2);
    expect(after.sessions - before.sessions).toBe(1);
  });
});
