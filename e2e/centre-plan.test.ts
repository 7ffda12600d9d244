/**
 * The centre's yearly plan and the learning-needs survey in the browser: data entry drafts the demo ward's plan
 * (through the API), the ward's approver approves it on the plan page at 1280 px and sees plan vs done beside it
 * (the class already held counted in its quarter); on a 360 px phone the page does not stick out sideways. Data
 * entry opens the year's survey and adds an answer through the form, and the results table counts it.
 */
import { describe, expect, test } from "vitest";
import { chooseOption } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiLogin, apiSend } from "./helpers/server";
import { browserSuite, communeUnits, eventually, expectNoOverflow, rows } from "./helpers/suite";

const available = chromiumAvailable();
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const desktop = { width: 1280, height: 900 };

describe.skipIf(!available)("a centre's plan and the needs survey", () => {
  const app = browserSuite();

  test("the approver approves the plan, plan vs done shows, an answer is added", {
    timeout: 180_000,
  }, async () => {
    const tayho = await apiLogin(app.url, "tayho");
    const { communeId } = await communeUnits(app.url, tayho);
    const centre = await apiSend<{ centre: { id: number } }>(app.url, tayho, "POST", "/api/v1/centres", {
      communeId,
      code: "01",
      name: "Trung tâm học tập cộng đồng phường Tây Hồ",
    });
    expect(centre.status).toBe(201);
    const id = centre.body.centre.id;
    const plan = await apiSend(app.url, tayho, "PUT", `/api/v1/centres/${id}/plans/${year}`, {
      items: [
        { quarter: 1, activityKind: "class", topic: "computing", plannedCount: 2, expectedParticipants: 40 },
        { quarter: 3, activityKind: "talk", topic: "law", plannedCount: 1, expectedParticipants: 100 },
      ],
    });
    expect(plan.status).toBe(200);
    const held = await apiSend(app.url, tayho, "POST", "/api/v1/activities", {
      communeId,
      title: "Lớp tin học cơ bản",
      centreId: id,
      activityKind: "class",
      topic: "computing",
      startsOn: `${year}-01-15`,
    });
    expect(held.status).toBe(201);

    const approver = await app.signedIn("tayho.duyet", desktop);
    try {
      const page = approver.page;
      await page.goto(`${app.url}/trung-tam-hoc-tap/${id}?tab=plan`);
      await eventually(() => page.getByTestId("plan-status").textContent()).toBe("Đang lập");
      expect(await page.getByTestId("plan-save").count()).toBe(0); // the approver does not edit
      // Opened by an old link (the id alone), the page names the commune the centre was found in.
      const [approve] = await Promise.all([
        page.waitForRequest((r) =>
          new URL(r.url()).pathname.endsWith(`/centres/${id}/plans/${year}/approve`),
        ),
        page.getByTestId("plan-approve").click(),
      ]);
      expect(new URL(approve.url()).searchParams.get("communeId")).toBe(String(communeId));
      await eventually(() => page.getByTestId("plan-status").textContent()).toBe("Đã duyệt");
      await eventually(() => page.getByTestId("plan-quarter-1").textContent()).toContain("1 / 2");
      expect(await page.getByTestId("plan-total").textContent()).toContain("1 / 3");
      expect(await rows(page, "plan-progress").count()).toBe(2);
      await page.getByTestId("plan-reopen").waitFor();
      await page.setViewportSize({ width: 360, height: 740 });
      await page.reload();
      await page.getByTestId("plan-progress").waitFor();
      await expectNoOverflow(page);
    } finally {
      await approver.context.close();
    }

    const entry = await app.signedIn("tayho");
    try {
      const page = entry.page;
      await page.goto(`${app.url}/khao-sat-nhu-cau?unit=${communeId}&year=${year}`);
      await page.getByTestId("survey-open").click();
      await page.getByTestId("survey-add").click();
      await page.getByTestId("survey-response-form").waitFor();
      await chooseOption(page, "survey-age", "Trên 60 tuổi");
      await page.getByTestId("survey-topics").getByText("Pháp luật").click();
      await page.getByTestId("survey-topics").getByText("Sức khỏe").click();
      const [answer] = await Promise.all([
        page.waitForRequest(
          (r) => r.method() === "POST" && /\/needs-surveys\/\d+\/responses$/.test(new URL(r.url()).pathname),
        ),
        page.locator("#survey-response-save").click(),
      ]);
      // The answer names its survey's commune (the server looks there alone).
      expect(new URL(answer.url()).searchParams.get("communeId")).toBe(String(communeId));
      await eventually(() => rows(page, "survey-responses").count()).toBe(1);
      expect(await page.getByTestId("survey-by-age").textContent()).toContain("Pháp luật");
      await expectNoOverflow(page);
    } finally {
      await entry.context.close();
    }
  });
});
