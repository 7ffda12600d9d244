/** Playwright helpers for antd widgets. */
import type { Page } from "playwright-core";

/** Opens the antd Select with this test id and picks the option whose text is exactly `text`. */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
  await option.first().click();
}

/** Confirms the open Popconfirm with its button named `name`. */
export async function confirmPopup(page: Page, name: string): Promise<void> {
  await page.locator(".ant-popconfirm:visible").getByRole("button", { name }).click();
}
