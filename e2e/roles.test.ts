/**
 * Roles that explain themselves (docs/ROLES.md), at 1280 px and 360 px: on the titles page each role sees the
 * actions it may take and no others, a line says who does the others, and a disabled action says why in a tooltip
 * and in a line of text. The data entry officer (tayho) records the review and drafts but is not offered "Ban
 * hành"; the approver (tayho.duyet) is not offered the review form, sees the draft-decision form, may issue the
 * officer's draft and not their own; the viewer of Tổ dân phố số 1 (to1.tayho) opens the households and titles
 * pages on their own tổ without an out-of-scope error. The score sheet refuses a score above its maximum with a
 * message, and asks before unsaved work is left (back button, another step, closing the tab).
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { chromiumAvailable } from "./helpers/browser";
import { type ApiSession, apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, communeUnits, eventually, expectNoOverflow, rows } from "./helpers/suite";

const available = chromiumAvailable();
const YEAR = 2025;
const viewports = [
  { name: "1280 px", size: { width: 1280, height: 900 } },
  { name: "360 px", size: { width: 360, height: 740 } },
];

describe.skipIf(!available)("roles in the browser", () => {
  const app = browserSuite();
  let ward = 0;

  /** Draft decision body for the ward's 2025 "Gia đình học tập" list. */
  const draft = (number: string, registrationIds: number[]) => ({
    communeId: ward,
    year: YEAR,
    title: "learning_family",
    kind: "recognition",
    number,
    signedOn: `${YEAR + 1}-01-05`,
    agencyName: "UBND Phường Tây Hồ",
    signerTitle: "Chủ tịch",
    signerName: "Nguyễn Văn Bình",
    registrationIds,
  });

  // Three households of Tổ dân phố số 1 registered, scored, proposed; one draft by the officer, one by the
  // approver, one proposal left for a new draft.
  beforeAll(async () => {
    const officer = await apiLogin(app.url, "tayho");
    const approver = await apiLogin(app.url, "tayho.duyet");
    const { communeId, units } = await communeUnits(app.url, officer);
    ward = communeId;
    const village = units.find((u) => u.name === "Tổ dân phố số 1")!;
    const { households } = await apiGet<{ households: { id: number }[] }>(
      app.url,
      officer,
      `/api/v1/households?unitId=${village.id}`,
    );
    const send = async (session: ApiSession, method: string, path: string, body: unknown) => {
      const response = await apiSend<any>(app.url, session, method, path, body);
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      return response.body;
    };
    await send(officer, "POST", "/api/v1/registrations", {
      year: YEAR,
      title: "learning_family",
      subjects: households.slice(0, 3).map((h) => ({ kind: "household", id: h.id })),
    });
    const { registrations } = await apiGet<{ registrations: any[] }>(
      app.url,
      officer,
      `/api/v1/registrations?unitId=${village.id}&year=${YEAR}&title=learning_family`,
    );
    const rubric = (await apiGet<any>(app.url, officer, `/api/v1/rubrics/${registrations[0].rubric.id}`))
      .rubric;
    const scores: Record<string, number> = {};
    for (const criterion of rubric.definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints;
    for (const r of registrations)
      await send(officer, "POST", `/api/v1/registrations/${r.id}/assessment`, { scores, version: r.version });
    await send(officer, "POST", "/api/v1/reviews", {
      unitId: village.id,
      year: YEAR,
      title: "learning_family",
      heldOn: `${YEAR}-12-10`,
      participants: "Chi hội khuyến học, tổ trưởng",
      outcomes: registrations.map((r) => ({ registrationId: r.id, proposed: true })),
    });
    await send(officer, "POST", "/api/v1/decisions", draft("1/QĐ-UBND", [registrations[0].id]));
    // A fourth household registered only: its score sheet is filled in by the forms test.
    await send(officer, "POST", "/api/v1/registrations", {
      year: YEAR,
      title: "learning_family",
      subjects: [{ kind: "household", id: households[3]!.id }],
    });
    await send(approver, "POST", "/api/v1/decisions", draft("2/QĐ-UBND", [registrations[1].id]));
  });

  async function openTitles(page: Page, tab: string, unit = ward): Promise<void> {
    await page.goto(`${app.url}/danh-hieu?unit=${unit}&year=${YEAR}&tab=${tab}`);
    await page.getByTestId("titles-page").waitFor();
  }
  const draftRow = (page: Page, number: string) => rows(page, "decision-table").filter({ hasText: number });

  for (const { name, size } of viewports) {
    test(`score sheet (${name}): a score above the maximum is refused with a message; unsaved work asks before leaving`, async () => {
      const { context, page } = await app.signedIn("tayho", size);
      const dialogs: string[] = [];
      let answer = false;
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.type() === "beforeunload" ? "beforeunload" : dialog.message());
        void (answer ? dialog.accept() : dialog.dismiss());
      });
      try {
        await openTitles(page, "assess");
        const row = rows(page, "assess-table").filter({ hasText: "Đã đăng ký" });
        await eventually(() => row.count()).toBe(1);
        await row.getByTestId("open-assessment").click();
        await page.getByTestId("score-sheet").waitFor();
        // Above the maximum: kept as typed, marked, saving disabled with the reason.
        await page.getByTestId("score-tc1.1").fill("99");
        await page.getByTestId("score-tc1.1").blur();
        expect(await page.getByTestId("score-tc1.1").inputValue()).toBe("99");
        expect(await page.getByTestId("over-tc1.1").textContent()).toBe(
          "Vượt quá điểm tối đa (10) của nội dung này: sửa lại.",
        );
        expect(await page.getByTestId("save-assessment").isDisabled()).toBe(true);
        expect(await page.getByTestId("why-save").textContent()).toBe(
          "Còn 1 điểm vượt quá điểm tối đa: sửa trước khi lưu.",
        );
        await page.getByTestId("score-tc1.1").fill("7");
        expect(await page.getByTestId("over-tc1.1").count()).toBe(0);
        expect(await page.getByTestId("save-assessment").isEnabled()).toBe(true);

        // Unsaved: "Quay lại" and another step ask; staying keeps the sheet and the score.
        const question = "Phiếu có thay đổi chưa lưu. Rời khỏi phiếu và bỏ các thay đổi này?";
        await page.getByTestId("sheet-back").click();
        await eventually(() => dialogs.length).toBe(1);
        expect(dialogs[0]).toBe(question);
        await page.getByRole("tab", { name: /^1\. Đăng ký/ }).click();
        await eventually(() => dialogs.length).toBe(2);
        expect(dialogs[1]).toBe(question);
        expect(new URL(page.url()).searchParams.get("tab")).toBe("assess");
        expect(await page.getByTestId("score-tc1.1").inputValue()).toBe("7");
        // Closing the tab asks too (beforeunload).
        await page.close({ runBeforeUnload: true });
        await eventually(() => dialogs.length).toBe(3);
        expect(dialogs[2]).toBe("beforeunload");
        expect(page.isClosed()).toBe(false);
        // Leaving when the user says so.
        answer = true;
        await page.getByTestId("sheet-back").click();
        await rows(page, "assess-table").first().waitFor();
        expect(await page.getByTestId("score-sheet").count()).toBe(0);
      } finally {
        await context.close();
      }
    });

    test(`data entry (${name}): records the review and drafts; not offered "Ban hành", told who issues`, async () => {
      const { context, page } = await app.signedIn("tayho", size);
      try {
        await openTitles(page, "review");
        await page.getByTestId("review-form").waitFor();
        expect(await page.getByTestId("save-review").isEnabled()).toBe(true);
        expect(await page.getByTestId("role-note-cycle.review").count()).toBe(0);

        await openTitles(page, "decision");
        await page.getByTestId("draft-decision").waitFor();
        await eventually(() => draftRow(page, "1/QĐ-UBND").count()).toBe(1);
        for (const number of ["1/QĐ-UBND", "2/QĐ-UBND"]) {
          const row = draftRow(page, number);
          expect(await row.getByTestId("issue-decision").count()).toBe(0);
          expect(await row.getByTestId("why-issue").textContent()).toBe(
            "Chờ người có vai trò Quản trị đơn vị, Phê duyệt ban hành.",
          );
          expect(await row.getByTestId("cancel-decision").isVisible()).toBe(true);
        }
        // Nothing chosen: the draft button is disabled and says why.
        await rows(page, "proposal-table").first().locator("input[type=checkbox]").uncheck();
        expect(await page.getByTestId("draft-decision").isDisabled()).toBe(true);
        expect(await page.getByTestId("why-draft").textContent()).toBe(
          "Chọn ít nhất một hồ sơ trong danh sách đề nghị.",
        );
        if (size.width === 360) await expectNoOverflow(page);
      } finally {
        await context.close();
      }
    });

    test(`approver (${name}): no review form but who records it; drafts; issues others' drafts, not their own`, async () => {
      const { context, page } = await app.signedIn("tayho.duyet", size);
      try {
        await openTitles(page, "review");
        const note = page.getByTestId("role-note-cycle.review");
        await note.waitFor();
        expect(await note.textContent()).toBe(
          "Việc ghi kết quả họp bình xét do vai trò Quản trị đơn vị, Nhập liệu làm. " +
            "Vai trò của bạn ở Phường Tây Hồ: Phê duyệt.",
        );
        expect(await page.getByTestId("save-review").count()).toBe(0);
        expect(await page.getByTestId("review-form").count()).toBe(0);
        // The review list links each record to its score sheet and evidence.
        const link = page.locator("[data-testid^=review-sheet-]").first();
        expect(await link.textContent()).toBe("Phiếu chấm, minh chứng");
        await link.click();
        await page.getByTestId("score-sheet").waitFor();
        expect(new URL(page.url()).searchParams.get("tab")).toBe("assess");
        expect(await page.getByTestId("role-note-cycle.assess").isVisible()).toBe(true);
        await page.getByTestId("sheet-back").click();
        await eventually(() => new URL(page.url()).searchParams.get("sheet")).toBe(null);

        await openTitles(page, "register");
        await page.getByTestId("role-note-cycle.register").waitFor();
        expect(await page.getByTestId("register-button").count()).toBe(0);

        await openTitles(page, "decision");
        // The draft-decision form, for the proposal left.
        await page.getByTestId("draft-decision").waitFor();
        expect(await page.getByTestId("draft-decision").isEnabled()).toBe(true);
        expect(await page.getByTestId("role-note-cycle.draft").count()).toBe(0);
        await eventually(() => draftRow(page, "2/QĐ-UBND").count()).toBe(1);
        // The officer's draft: "Ban hành" enabled, no reason.
        const others = draftRow(page, "1/QĐ-UBND");
        expect(await others.getByTestId("issue-decision").isEnabled()).toBe(true);
        expect(await others.getByTestId("why-issue").count()).toBe(0);
        // Their own draft: disabled, the reason written under it and in the tooltip.
        const own = draftRow(page, "2/QĐ-UBND");
        const reason = "Bạn lập dự thảo này nên không tự ban hành được: một người phê duyệt khác ban hành.";
        expect(await own.getByTestId("issue-decision").isDisabled()).toBe(true);
        expect(await own.getByTestId("why-issue").textContent()).toBe(reason);
        if (size.width === 1280) {
          await own.getByTestId("issue-decision").hover({ force: true });
          await eventually(() => page.locator(".ant-tooltip:visible").textContent()).toBe(reason);
        } else await expectNoOverflow(page);
      } finally {
        await context.close();
      }
    });

    test(`viewer of one tổ (${name}): households and titles open on their tổ, no error, told who edits`, async () => {
      const { context, page } = await app.signedIn("to1.tayho", size);
      try {
        await page.goto(`${app.url}/ho-gia-dinh`);
        await page.getByTestId("households-page").waitFor();
        await eventually(() => rows(page, "household-list").count()).toBe(4);
        expect(await page.getByTestId("scope-village").textContent()).toContain("Tổ dân phố số 1");
        expect(await page.locator(".ant-alert-error").count()).toBe(0);
        expect(await page.getByTestId("household-add").count()).toBe(0);
        expect(await page.getByTestId("household-import-toggle").count()).toBe(0);
        expect(await page.getByTestId("role-note-registry.edit").textContent()).toContain(
          "Vai trò của bạn ở Tổ dân phố số 1: Xem.",
        );
        // Their own tổ only: no "whole ward" choice.
        await page.getByTestId("scope-village").click();
        const options = page.locator(
          ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option",
        );
        await eventually(() => options.allTextContents()).toEqual(["Tổ dân phố số 1"]);
        await page.keyboard.press("Escape");

        await page.goto(`${app.url}/danh-hieu?year=${YEAR}`);
        await page.getByTestId("titles-page").waitFor();
        await page.getByTestId("role-note-cycle.register").waitFor();
        expect(await page.locator(".ant-alert-error").count()).toBe(0);
        expect(await page.getByTestId("register-button").count()).toBe(0);
        await page.getByRole("tab", { name: /^2\. Tự đánh giá/ }).click();
        await eventually(() => rows(page, "assess-table").count()).toBe(4);
        expect(await page.getByTestId("role-note-cycle.assess").isVisible()).toBe(true);
        await page.getByRole("tab", { name: /^4\. Quyết định/ }).click();
        expect(await page.getByTestId("why-decision-village").textContent()).toContain("Tổ dân phố số 1");
        expect(await page.getByTestId("draft-decision").count()).toBe(0);
        expect(await page.locator(".ant-alert-error").count()).toBe(0);
        if (size.width === 360) await expectNoOverflow(page);
      } finally {
        await context.close();
      }
    });
  }
});
