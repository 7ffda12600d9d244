/**
 * Browser test of a stale save: while an officer has a village or a score sheet open, someone else saves it.
 * The officer's save is refused, the shared dialog says "Đã được <ai> sửa lúc <khi nào>", and "Tải lại" shows
 * the other person's version, nothing overwritten.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { UnitDetail } from "../src/shared/api";
import type { Registration } from "../src/shared/cycle";
import { closeDialogWith } from "./helpers/antd";
import { chromiumAvailable } from "./helpers/browser";
import { apiGet, apiLogin, apiSend } from "./helpers/server";
import { browserSuite, communeUnits, eventually, rows } from "./helpers/suite";

const available = chromiumAvailable();

/** The shared dialog of a stale save: its text, then "Tải lại". */
async function reloadFromStaleDialog(page: Page, who: string): Promise<void> {
  const dialog = page.locator(".ant-modal-confirm");
  await dialog.waitFor();
  expect(await dialog.textContent()).toMatch(
    new RegExp(`Đã được .*\\(${who}\\) sửa lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}`),
  );
  await closeDialogWith(dialog, "stale-reload");
}

describe.skipIf(!available)("a save of a record someone else changed meanwhile", () => {
  const app = browserSuite();

  test("renaming a village renamed by someone else: refused, told by whom, reloaded", async () => {
    const tayho = await apiLogin(app.url, "tayho");
    const hanoi = await apiLogin(app.url, "hanoi");
    const { units } = await communeUnits(app.url, tayho);
    const village = units.find((u) => u.level === "village")!;
    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/don-vi/${village.id}`);
      await eventually(() => page.getByTestId("unit-name").textContent()).toBe(village.name);
      await page.getByTestId("village-rename").click();
      const form = page.locator(".ant-modal").filter({ has: page.locator("form") });
      await form.getByRole("textbox").fill("Tổ dân phố Bên Hồ");

      const { unit } = await apiGet<{ unit: UnitDetail }>(app.url, hanoi, `/api/v1/units/${village.id}`);
      const renamed = await apiSend(app.url, hanoi, "PATCH", `/api/v1/units/${village.id}`, {
        name: "Tổ dân phố Ven Hồ",
        version: unit.version,
      });
      expect(renamed.status).toBe(204);

      const [refused] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().endsWith(`/api/v1/units/${village.id}`) && r.request().method() === "PATCH",
        ),
        form.getByRole("button", { name: "Lưu" }).click(),
      ]);
      expect(refused.status()).toBe(409);
      await reloadFromStaleDialog(page, "hanoi");
      await eventually(() => page.getByTestId("unit-name").textContent()).toBe("Tổ dân phố Ven Hồ");
    } finally {
      await context.close();
    }
  });

  test("saving a score sheet someone else saved: refused, told by whom, their scores reloaded", async () => {
    const tayho = await apiLogin(app.url, "tayho");
    const hanoi = await apiLogin(app.url, "hanoi");
    const { units } = await communeUnits(app.url, tayho);
    const village = units.find((u) => u.level === "village")!;
    const households = (
      await apiGet<{ households: { id: number }[] }>(
        app.url,
        tayho,
        `/api/v1/households?unitId=${village.id}`,
      )
    ).households;
    const registered = await apiSend(app.url, tayho, "POST", "/api/v1/registrations", {
      year: 2024,
      title: "learning_family",
      subjects: [{ kind: "household", id: households[0]!.id }],
    });
    expect(registered.status).toBe(201);
    const { registrations } = await apiGet<{ registrations: Registration[] }>(
      app.url,
      tayho,
      `/api/v1/registrations?unitId=${village.id}&year=2024&title=learning_family`,
    );
    const registration = registrations[0]!;

    const { context, page } = await app.signedIn("tayho");
    try {
      await page.goto(`${app.url}/danh-hieu?unit=${village.id}&year=2024`);
      const step = page.getByRole("tab", { name: /^\d\. Tự đánh giá/ });
      await step.click();
      await eventually(() => rows(page, "assess-table").count()).toBe(1);
      await rows(page, "assess-table").first().getByTestId("open-assessment").click();
      await page.getByTestId("score-sheet").waitFor();
      await page.getByTestId("fill-max").click();

      // Meanwhile the ward's administrator scores the same household: 3 points on the first item.
      const { rubric } = await apiGet<{
        rubric: { definition: { criteria: { items: { key: string; maxPoints: number }[] }[] } };
      }>(app.url, hanoi, `/api/v1/rubrics/${registration.rubric.id}`);
      const scores = Object.fromEntries(
        rubric.definition.criteria.flatMap((c) => c.items.map((item) => [item.key, item.maxPoints])),
      );
      scores["tc1.1"] = 3;
      const saved = await apiSend(
        app.url,
        hanoi,
        "POST",
        `/api/v1/registrations/${registration.id}/assessment`,
        {
          scores,
          version: registration.version,
        },
      );
      expect(saved.status).toBe(200);

      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().includes("/assessment") && r.request().method() === "POST"),
        page.getByTestId("save-assessment").click(),
      ]);
      expect(refused.status()).toBe(409);
      await reloadFromStaleDialog(page, "hanoi");
      await eventually(() => page.getByTestId("score-tc1.1").inputValue()).toBe("3");
      // Saved again from the reloaded version, it goes through.
      await page.getByTestId("fill-max").click();
      const [again] = await Promise.all([
        page.waitForResponse((r) => r.url().includes("/assessment") && r.request().method() === "POST"),
        page.getByTestId("save-assessment").click(),
      ]);
      expect(again.status()).toBe(200);
    } finally {
      await context.close();
    }
  });
});
