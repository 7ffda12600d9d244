/**
 * Browser test of the centres' rating (xếp loại TTHTCĐ): a Tây Hồ centre rated through the API (register, score,
 * meeting, decision drafted by the officer and issued by the reviewer), then shown on the titles page under its
 * title and on the dashboard by grade, at 1280 px and on a 360 px phone without sideways overflow. Then the ward's
 * TT 25 self-assessment shows the rating as the suggestion of its centre item, applied only by "Dùng gợi ý".
 */
import { beforeAll, describe, expect, test } from "vitest";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, eventually, expectNoOverflow, PHONE } from "./helpers/suite";

const available = chromiumAvailable();
const DESKTOP = { width: 1280, height: 900 };
const YEAR = 2025;
const NAME = "Trung tâm học tập cộng đồng phường Tây Hồ";

describe.skipIf(!available)("centre rating in the browser", () => {
  const app = browserSuite();
  let ward: number;

  beforeAll(async () => {
    const tayho = await apiLogin(app.url, "tayho");
    const me = await apiGet<{ user: { grants: { unit: { id: number } | null }[] } }>(
      app.url,
      tayho,
      "/api/v1/auth/me",
    );
    ward = me.user.grants[0]!.unit!.id;
    const centre = await apiSend<{ centre: { id: number } }>(app.url, tayho, "POST", "/api/v1/centres", {
      communeId: ward,
      code: "01",
      name: NAME,
    });
    expect(centre.status, JSON.stringify(centre.body)).toBe(201);
    const title = "centre_rating";
    await apiSend(app.url, tayho, "POST", "/api/v1/registrations", {
      year: YEAR,
      title,
      subjects: [{ kind: "centre", id: centre.body.centre.id }],
    });
    const { registrations } = await apiGet<{ registrations: any[] }>(
      app.url,
      tayho,
      `/api/v1/registrations?unitId=${ward}&year=${YEAR}&title=${title}`,
    );
    const registration = registrations[0]!;
    const { rubric } = await apiGet<{ rubric: any }>(
      app.url,
      tayho,
      `/api/v1/rubrics/${registration.rubric.id}`,
    );
    const scores: Record<string, number> = {};
    for (const criterion of rubric.definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints; // 100: tốt
    const assessed = await apiSend(
      app.url,
      tayho,
      "POST",
      `/api/v1/registrations/${registration.id}/assessment`,
      {
        scores,
        version: registration.version,
      },
    );
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    const review = await apiSend(app.url, tayho, "POST", "/api/v1/reviews", {
      unitId: ward,
      year: YEAR,
      title,
      heldOn: `${YEAR}-12-10`,
      participants: "UBND phường, Hội Khuyến học phường",
      outcomes: [{ registrationId: registration.id, proposed: true }],
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    const drafted = await apiSend<{ decision: { id: number; version: number } }>(
      app.url,
      tayho,
      "POST",
      "/api/v1/decisions",
      {
        communeId: ward,
        year: YEAR,
        title,
        number: "231/QĐ-UBND",
        signedOn: `${YEAR}-12-20`,
        agencyName: "UBND Phường Tây Hồ",
        signerTitle: "Chủ tịch",
        signerName: "Nguyễn Văn Hải",
        registrationIds: [registration.id],
      },
    );
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const reviewer = await apiLogin(app.url, "tayho.duyet");
    const issued = await apiSend(
      app.url,
      reviewer,
      "POST",
      `/api/v1/decisions/${drafted.body.decision.id}/issue`,
      {
        version: drafted.body.decision.version,
      },
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const commune = await apiSend(app.url, tayho, "POST", "/api/v1/registrations", {
      year: YEAR,
      title: "learning_community_commune",
      subjects: [{ kind: "commune", id: ward }],
    });
    expect(commune.status, JSON.stringify(commune.body)).toBe(201);
  }, 240_000);

  for (const [label, viewport] of [
    ["1280 px", DESKTOP],
    ["360 px", PHONE],
  ] as const)
    test(`the rated centre on the titles page and by grade on the dashboard (${label})`, async () => {
      const { context, page } = await app.signedIn("tayho", viewport);
      try {
        await page.goto(`${app.url}/danh-hieu?unit=${ward}&year=${YEAR}&title=centre_rating&tab=recognized`);
        await eventually(() => page.getByTestId("cycle-title").textContent()).toContain(
          "Xếp loại trung tâm học tập cộng đồng",
        );
        await eventually(() => page.getByTestId("titles-page").textContent()).toContain(NAME);
        expect(await page.getByTestId("titles-page").textContent()).toContain("Tốt");
        // A rating gives no certificate to check or print.
        expect(await page.getByTestId("verify-link").count()).toBe(0);
        if (viewport === PHONE) await expectNoOverflow(page);

        await page.goto(`${app.url}/thong-ke?unit=${ward}&year=${YEAR}&title=centre_rating`);
        await eventually(() => page.getByTestId("rating-good").textContent()).toContain("1");
        expect(await page.getByTestId("rating-total").textContent()).toContain("1");
        expect(await page.getByTestId("rating-weak").textContent()).toContain("0");
        expect(await page.getByTestId("metric-recognizedRate").count()).toBe(0);
        if (viewport === PHONE) await expectNoOverflow(page);
      } finally {
        await context.close();
      }
    });

  test("the TT 25 sheet suggests the centre item from the rating, applied on request (360 px)", async () => {
    const { context, page } = await app.signedIn("tayho", PHONE);
    try {
      await page.goto(
        `${app.url}/danh-hieu?unit=${ward}&year=${YEAR}&title=learning_community_commune&tab=assess`,
      );
      await page.getByTestId("open-assessment").first().click();
      await page.getByTestId("score-sheet").waitFor();
      const line = "TTHTCĐ phường Tây Hồ: xếp loại Tốt, QĐ 231/QĐ-UBND ngày 20/12/2025";
      await eventually(() => page.getByTestId("suggestion-md1.tc3.1").textContent()).toContain(line);
      expect(await page.getByTestId("suggestion-md1.tc3.1").textContent()).toContain("Gợi ý: Đạt");
      // Shown, never ticked by itself.
      const tick = page.getByTestId("score-md1.tc3.1");
      expect(await tick.isChecked()).toBe(false);
      await expectNoOverflow(page);
      await page.getByTestId("apply-md1.tc3.1").click();
      expect(await tick.isChecked()).toBe(true);
      expect(await page.getByTestId("note-md1.tc3.1").inputValue()).toBe(line);
      expect(await page.getByTestId("score-md2.tc3.1").isChecked()).toBe(false);
      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().includes("/assessment") && r.request().method() === "POST"),
        page.getByTestId("save-assessment").click(),
      ]);
      expect(saved.status()).toBe(200);
      const body = await saved.json();
      expect(body.registration.assessment.items["md1.tc3.1"]).toBe(true);
      expect(body.registration.assessment.notes["md1.tc3.1"]).toBe(line);
    } finally {
      await context.close();
    }
  });
});
