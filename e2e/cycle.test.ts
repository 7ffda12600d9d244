/**
 * Browser test of a learning title's yearly cycle on a 360 px phone: a commune officer (tayho) registers three
 * households of Tổ dân phố số 1 for "Gia đình học tập" 2025, scores them, holds the review and drafts the
 * decision; the officer is not offered "Ban hành"; the reviewer (tayho.duyet) issues it and prints the certificates; a
 * certificate code checks out on the public page without signing in. Also: a household of another commune is
 * refused, and the households and titles pages do not overflow sideways (more of the households page:
 * households.test.ts).
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { Household } from "../src/shared/registry/kinds/households";
import { chooseOption, confirmPopup } from "./helpers/antd";
import { chromiumAvailable, uiLogin } from "./helpers/browser";
import { apiGet, apiLogin, apiSend, DEMO_PASSWORD } from "./helpers/server";
import {
  browserSuite,
  communeUnits,
  eventually,
  expectNoOverflow,
  registerTicked,
  rows,
} from "./helpers/suite";

const available = chromiumAvailable();

describe.skipIf(!available)("learning titles cycle in the browser", () => {
  const app = browserSuite();

  /** Opens a step of the cycle (its buttons are tabs). */
  async function openStep(page: Page, name: string): Promise<void> {
    const step = page.getByRole("tab", { name: new RegExp(`^\\d\\. ${name}`) });
    await step.click();
    await eventually(() => step.getAttribute("aria-selected")).toBe("true");
  }

  test("register, score, review, draft, issue, print and check a certificate", async () => {
    const { context, page } = await app.signedIn("tayho");
    let code = "";
    let holder = "";
    try {
      await page.goto(`${app.url}/danh-hieu`);
      await page.getByTestId("titles-page").waitFor();
      await chooseOption(page, "scope-village", "Tổ dân phố số 1");
      await page.waitForURL((u) => !!u.searchParams.get("unit"));
      await chooseOption(page, "cycle-year", "2025");
      await page.waitForURL((u) => u.searchParams.get("year") === "2025");
      expect(await page.getByTestId("cycle-title").textContent()).toContain("Gia đình học tập");

      // Đăng ký: three of the four households of the village.
      await eventually(() => rows(page, "register-table").count()).toBe(4);
      await expectNoOverflow(page);
      for (let i = 0; i < 3; i++)
        await rows(page, "register-table").nth(i).locator("input[type=checkbox]").check();
      await registerTicked(page, 3);
      await eventually(() => rows(page, "register-table").count()).toBe(1);

      // Tự đánh giá: full marks for each, through the score sheet built from the criteria set.
      await openStep(page, "Tự đánh giá");
      await eventually(() => rows(page, "assess-table").count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        const row = rows(page, "assess-table").filter({ hasText: "Đã đăng ký" }).first();
        await row.getByTestId("open-assessment").click();
        await page.getByTestId("score-sheet").waitFor();
        if (i === 0) {
          expect(await page.getByTestId("unconfirmed-tag").count()).toBeGreaterThan(0);
          await page.getByTestId("score-tc1.1").fill("7");
          await eventually(() => page.getByTestId("sheet-total").textContent()).toMatch(/Tổng điểm: 7\//);
          await expectNoOverflow(page);
        }
        await page.getByTestId("fill-max").click();
        expect(await page.getByTestId("score-tc1.1").inputValue()).toBe("10");
        await eventually(() => page.getByTestId("sheet-total").textContent()).toBe("Tổng điểm: 100/100");
        const [saved] = await Promise.all([
          page.waitForResponse((r) => r.url().includes("/assessment") && r.request().method() === "POST"),
          page.getByTestId("save-assessment").click(),
        ]);
        expect(saved.status()).toBe(200);
        // The sheet names the registration's commune: the server looks in that commune alone (one shard).
        const registration = (await saved.json()).registration;
        expect(new URL(saved.url()).searchParams.get("communeId")).toBe(String(registration.communeId));
        await expect
          .poll(() => rows(page, "assess-table").filter({ hasText: "Đã tự đánh giá" }).count())
          .toBe(i + 1);
      }
      await expect
        .poll(() => rows(page, "assess-table").filter({ hasText: "Đã tự đánh giá" }).count())
        .toBe(3);

      // Bình xét: everyone passed, so everyone is proposed by default.
      await openStep(page, "Bình xét");
      await rows(page, "review-table").first().waitFor();
      expect(await rows(page, "review-table").count()).toBe(3);
      const switches = page.getByTestId("review-table").locator("button[role=switch]");
      for (let i = 0; i < 3; i++) expect(await switches.nth(i).getAttribute("aria-checked")).toBe("true");
      await expectNoOverflow(page);
      await page.getByTestId("review-participants").fill("Tổ trưởng, Chi hội khuyến học, đại diện các hộ");
      const [reviewed] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/reviews")),
        page.getByTestId("save-review").click(),
      ]);
      expect(reviewed.status()).toBe(201);

      // Quyết định: the draft, which its author cannot issue.
      await openStep(page, "Quyết định");
      await eventually(() => rows(page, "proposal-table").count()).toBe(3);
      await page.getByTestId("decision-number").fill("25/QĐ-UBND");
      await page.getByTestId("decision-signer").fill("Nguyễn Văn Chủ");
      const [drafted] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/decisions") && r.request().method() === "POST"),
        page.getByTestId("draft-decision").click(),
      ]);
      expect(drafted.status()).toBe(201);
      await eventually(() => page.getByTestId("decision-status").first().textContent()).toBe("Dự thảo");
      // Data entry is not offered "Ban hành" (docs/ROLES.md): a line says who issues it.
      expect(await page.getByTestId("issue-decision").count()).toBe(0);
      expect(await page.getByTestId("why-issue").textContent()).toBe(
        "Chờ người có vai trò Quản trị đơn vị, Phê duyệt ban hành.",
      );
      const titlesUrl = page.url();

      // The reviewer issues it.
      await page.getByTestId("logout").click();
      await page.waitForURL((u) => u.pathname === "/dang-nhap");
      await uiLogin(page, app.url, "tayho.duyet", DEMO_PASSWORD);
      await page.goto(titlesUrl);
      await eventually(() => page.getByTestId("step-decision").getAttribute("aria-selected")).toBe("true");
      await page.getByTestId("issue-decision").click();
      const [issued] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/issue")),
        confirmPopup(page, "Ban hành"),
      ]);
      expect(issued.status()).toBe(200);
      // The decision is named with its commune, so the server looks in that commune alone (one shard).
      const communeId = (await issued.json()).decision.communeId;
      expect(new URL(issued.url()).searchParams.get("communeId")).toBe(String(communeId));
      await eventually(() => page.getByTestId("decision-status").first().textContent()).toBe("Đã ban hành");
      await expectNoOverflow(page);
      const href = await page.getByTestId("print-certificates").getAttribute("href");
      expect(href).toMatch(
        new RegExp(`^/api/v1/decisions/\\d+/certificates\\.pdf\\?communeId=${communeId}$`),
      );
      const pdf = await page.request.get(`${app.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      // The button itself: held at the server's door, it says what it is making; once the PDF arrives, the PDF opens
      // in the tab the click opened and the progress line goes away.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const certificates = (url: URL) => url.pathname.endsWith("/certificates.pdf");
      await page.route(certificates, async (route) => {
        await held;
        await route.continue();
      });
      const popup = page.waitForEvent("popup");
      await page.getByTestId("print-certificates").click();
      const progress = page.getByTestId("print-certificates-progress");
      await eventually(() => progress.textContent()).toMatch(/^Đang tạo \d+ giấy công nhận…$/);
      release();
      const tab = await popup;
      await eventually(() => tab.url()).toMatch(/^blob:/);
      await eventually(() => progress.count()).toBe(0);
      await tab.close();
      await page.unroute(certificates);

      // Đã công nhận: the certificate codes.
      await openStep(page, "Đã công nhận");
      await eventually(() => rows(page, "recognized-table").count()).toBe(3);
      code = ((await page.getByTestId("certificate-code").first().textContent()) ?? "").trim();
      holder = ((await page.getByTestId("recognized-name").first().textContent()) ?? "").replace(
        /\s*\(.*\)$/,
        "",
      );
      expect(code).toMatch(/^[A-Z0-9]{6,}$/);
      expect(holder.length).toBeGreaterThan(3);
      expect(await page.getByTestId("verify-link").first().getAttribute("href")).toBe(`/xac-minh/${code}`);
      await expectNoOverflow(page);
    } finally {
      await context.close();
    }

    // The public check page, in a fresh context without any session.
    const anonymous = await app.context();
    try {
      const page = await anonymous.newPage();
      await page.goto(`${app.url}/xac-minh/${code}`);
      const check = page.getByTestId("certificate-check");
      await page.getByTestId("certificate-verdict").waitFor();
      expect(new URL(page.url()).pathname).toBe(`/xac-minh/${code}`);
      expect(await page.getByTestId("certificate-verdict").textContent()).toBe("Giấy công nhận hợp lệ");
      expect(await check.textContent()).toContain("hợp lệ");
      expect(await page.getByTestId("certificate-holder").textContent()).toContain(holder);
      expect(await check.textContent()).toContain("25/QĐ-UBND");
      await expectNoOverflow(page);

      await page.goto(`${app.url}/xac-minh/KHONGCO2345`);
      await expect
        .poll(() => page.getByTestId("certificate-verdict").textContent())
        .toBe("Không tìm thấy giấy công nhận");
      expect(new URL(page.url()).pathname).toBe("/xac-minh/KHONGCO2345");
    } finally {
      await anonymous.close();
    }
  }, 180_000);

  test("a household of another commune is not found for tayho; the households page fits a phone", async () => {
    // A household of Phường Mạo Khê, found (or made) through the API as its administrator.
    const maokhe = await apiLogin(app.url, "maokhe");
    const { communeId, units } = await communeUnits(app.url, maokhe);
    let { households } = await apiGet<{ households: Household[] }>(
      app.url,
      maokhe,
      `/api/v1/households?unitId=${communeId}`,
    );
    if (households.length === 0) {
      const village = units.find((u) => u.level === "village");
      if (!village) throw new Error("Phường Mạo Khê has no village");
      const created = await apiSend<{ household: Household }>(app.url, maokhe, "POST", "/api/v1/households", {
        villageId: village.id,
        headName: "Trần Văn Mạo",
        members: 3,
      });
      expect(created.status).toBe(201);
      households = [created.body.household];
    }
    const foreign = households[0]!;

    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/ho-gia-dinh`);
      await rows(page, "household-list").first().waitFor();
      await expectNoOverflow(page);

      const own = await page.request.get(`${app.url}/api/v1/households?unitId=${foreign.communeId}`);
      expect([403, 404]).toContain(own.status());
      const response = await page.request.get(`${app.url}/api/v1/households/${foreign.id}`);
      expect(response.status()).toBe(404);
    } finally {
      await context.close();
    }
  });

  test("cancels a draft decision, then drafts the revocation of an issued one", async () => {
    // Two households of the second village, registered, scored and proposed for 2024 through the API.
    const api = await apiLogin(app.url, "tayho");
    const reviewer = await apiLogin(app.url, "tayho.duyet");
    const { communeId, units } = await communeUnits(app.url, api);
    const village = units.filter((u) => u.level === "village")[1];
    if (!village) throw new Error("Phường Tây Hồ has fewer than two villages");
    const { households } = await apiGet<{ households: Household[] }>(
      app.url,
      api,
      `/api/v1/households?unitId=${village.id}`,
    );
    const chosen = households.slice(0, 2);
    expect(chosen).toHaveLength(2);
    const registered = await apiSend(app.url, api, "POST", "/api/v1/registrations", {
      year: 2024,
      title: "learning_family",
      subjects: chosen.map((h) => ({ kind: "household", id: h.id })),
    });
    expect(registered.status).toBe(201);
    const { registrations } = await apiGet<{
      registrations: { id: number; rubric: { id: number }; version: number }[];
    }>(app.url, api, `/api/v1/registrations?unitId=${village.id}&year=2024&title=learning_family`);
    const { rubric } = await apiGet<{
      rubric: { definition: { criteria: { items: { key: string; maxPoints: number }[] }[] } };
    }>(app.url, api, `/api/v1/rubrics/${registrations[0]!.rubric.id}`);
    const scores = Object.fromEntries(
      rubric.definition.criteria.flatMap((c) => c.items.map((item) => [item.key, item.maxPoints])),
    );
    for (const r of registrations)
      expect(
        (
          await apiSend(app.url, api, "POST", `/api/v1/registrations/${r.id}/assessment`, {
            scores,
            version: r.version,
          })
        ).status,
      ).toBe(200);
    const review = await apiSend(app.url, api, "POST", "/api/v1/reviews", {
      unitId: village.id,
      year: 2024,
      title: "learning_family",
      heldOn: "2024-12-10",
      participants: "Chi hội khuyến học, tổ trưởng",
      outcomes: registrations.map((r) => ({ registrationId: r.id, proposed: true })),
    });
    expect(review.status).toBe(201);
    const decisionBody = {
      communeId,
      year: 2024,
      title: "learning_family",
      signedOn: "2025-01-06",
      agencyName: "UBND Phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn Chủ",
      registrationIds: registrations.map((r) => r.id),
    };
    const first = await apiSend(app.url, api, "POST", "/api/v1/decisions", {
      ...decisionBody,
      number: "31/QĐ-UBND",
    });
    expect(first.status).toBe(201);

    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/danh-hieu?unit=${communeId}&year=2024&title=learning_family&tab=decision`);
      await eventually(() => rows(page, "decision-table").count()).toBe(1);
      expect(await rows(page, "proposal-table").count()).toBe(0);

      // Hủy dự thảo: the two records are back in the proposal list.
      await page.getByTestId("cancel-decision").click();
      const [cancelled] = await Promise.all([
        page.waitForResponse(
          (r) => /\/api\/v1\/decisions\/\d+(\?|$)/.test(r.url()) && r.request().method() === "DELETE",
        ),
        confirmPopup(page, "Hủy dự thảo"),
      ]);
      expect(cancelled.status()).toBe(200);
      await eventually(() => rows(page, "proposal-table").count()).toBe(2);
      await eventually(() => rows(page, "decision-table").count()).toBe(0);

      // A new draft, issued by the reviewer.
      await page.getByTestId("decision-number").fill("32/QĐ-UBND");
      await page.getByTestId("decision-signer").fill("Nguyễn Văn Chủ");
      const [drafted] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/decisions") && r.request().method() === "POST"),
        page.getByTestId("draft-decision").click(),
      ]);
      expect(drafted.status()).toBe(201);
      const recognition = ((await drafted.json()) as { decision: { id: number } }).decision.id;
      expect(
        (await apiSend(app.url, reviewer, "POST", `/api/v1/decisions/${recognition}/issue`, {})).status,
      ).toBe(200);
      await page.reload();
      await eventually(() => page.getByTestId("decision-status").first().textContent()).toBe("Đã ban hành");

      // Thu hồi: one of the two records, with the reason.
      await page.getByTestId("revoke-decision").click();
      await page.getByTestId("revoke-reason").waitFor();
      await expectNoOverflow(page);
      await page.getByTestId("revoke-reason").fill("Khai báo không đúng sự thật");
      await page.getByTestId("revoke-number").fill("33/QĐ-UBND");
      expect(await page.getByTestId("revoke-signer").inputValue()).toBe("Nguyễn Văn Chủ");
      await page.getByTestId(`revoke-record-${registrations[1]!.id}`).uncheck();
      const [revoking] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/decisions") && r.request().method() === "POST"),
        page.locator(".ant-modal").getByRole("button", { name: "Lập dự thảo thu hồi" }).click(),
      ]);
      expect(revoking.status()).toBe(201);
      const revocation = (
        (await revoking.json()) as { decision: { id: number; kind: string; registrationCount: number } }
      ).decision;
      expect(revocation).toMatchObject({ kind: "revocation", registrationCount: 1 });
      // The draft's own row (the issued recognition's row says "Thu hồi" too: its revoke button).
      const revocationRow = rows(page, "decision-table").filter({ hasText: "33/QĐ-UBND" });
      await eventually(() => revocationRow.count()).toBe(1);
      expect(await revocationRow.textContent()).toMatch(/Thu hồi · 1 hồ sơ/);
      expect(await revocationRow.textContent()).toContain("Dự thảo");

      // Issued like any decision: not by its author, by the reviewer.
      const self = await apiSend<{ error: { message: string } }>(
        app.url,
        api,
        "POST",
        `/api/v1/decisions/${revocation.id}/issue`,
        {},
      );
      expect(self.status).toBe(403);
      expect(self.body.error.message).toContain("Phê duyệt được ban hành quyết định");
      expect(
        (await apiSend(app.url, reviewer, "POST", `/api/v1/decisions/${revocation.id}/issue`, {})).status,
      ).toBe(200);
      const after = await apiGet<{ registrations: { id: number; status: string }[] }>(
        app.url,
        api,
        `/api/v1/registrations?unitId=${village.id}&year=2024&title=learning_family`,
      );
      expect(Object.fromEntries(after.registrations.map((r) => [r.id, r.status]))).toEqual({
        [registrations[0]!.id]: "revoked",
        [registrations[1]!.id]: "recognized",
      });
    } finally {
      await context.close();
    }
  }, 180_000);
});
