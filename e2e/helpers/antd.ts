/** Playwright helpers for antd widgets. */
import type { Locator, Page, Response } from "playwright-core";

const openList = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";
const openOptions = `${openList} .ant-select-item-option`;

/**
 * Picks the option of the open antd Select that shows `text` (a RegExp, or a string it contains), then waits until
 * the list has closed: a click while its closing animation runs would land on an option (antd's list lies over
 * the form's buttons on a phone) instead of the control under it. A list that stays open lost the click (its
 * options were replaced under the pointer, as a search's results arrive on a loaded machine): the option is
 * clicked again.
 */
export async function pickOption(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const closed = () =>
    page
      .locator(openList)
      .count()
      .then((n) => n === 0);
  for (;;) {
    await page
      .locator(openOptions)
      .filter({ hasText: text })
      .first()
      .click({ timeout: Math.max(1_000, deadline - Date.now()) });
    try {
      await page.waitForFunction((selector) => !document.querySelector(selector), openList, {
        timeout: 3_000,
      });
      return;
    } catch (error) {
      if (await closed()) return;
      if (Date.now() > deadline) throw error;
    }
  }
}

/** Opens the antd Select with this test id and picks the option whose text is exactly `text`. */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await pickOption(page, new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
}

/**
 * Confirms the open Popconfirm with its button named `name` and waits until it has closed; a Popconfirm still open a
 * few seconds later lost the click (it landed while the popup was still opening on a loaded machine) and is clicked
 * again.
 */
export async function confirmPopup(page: Page, name: string | RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const popup = page.locator(".ant-popconfirm:visible");
  for (;;) {
    await popup.getByRole("button", { name }).click({ timeout: Math.max(1_000, deadline - Date.now()) });
    try {
      await popup.waitFor({ state: "hidden", timeout: 5_000 });
      return;
    } catch (error) {
      if ((await popup.count()) === 0) return;
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * Clicks a form's OK button and waits for the request it sends; when the form refuses instead (a field's error
 * shows), fails with that error's text rather than a bare timeout.
 */
export async function submitForm(
  page: Page,
  okTestId: string,
  sent: (response: Response) => boolean,
  timeout = 30_000,
): Promise<Response> {
  const response = page.waitForResponse(sent, { timeout });
  await page.getByTestId(okTestId).click();
  const error = page.locator(".ant-form-item-explain-error:visible").first();
  const refused = error.waitFor({ timeout }).then(async () => {
    throw new Error(`The form was refused: ${await error.textContent()}`);
  });
  try {
    return await Promise.race([response, refused]);
  } finally {
    response.catch(() => {});
    refused.catch(() => {});
  }
}

/**
 * Clicks a button of an open antd dialog and waits until the dialog has gone. The click waits for the dialog's
 * opening zoom to end (on a loaded machine a click while it scales can land beside the button), and a dialog still
 * open after a few seconds is clicked again: antd ignores a second click while the first one's action runs.
 */
export async function closeDialogWith(dialog: Locator, testId: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  await dialog.waitFor();
  for (;;) {
    await dialog.evaluate((el) =>
      Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
    );
    await dialog.getByTestId(testId).click({ timeout: Math.max(1_000, deadline - Date.now()) });
    try {
      await dialog.waitFor({ state: "detached", timeout: 5_000 });
      return;
    } catch (error) {
      if ((await dialog.count()) === 0) return;
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * Types an ISO date ("2026-03-31") into an antd DatePicker (`IsoDateField`, shown DD/MM/YYYY) and commits it with
 * Enter, which also closes its calendar; an empty string clears the field with its clear button.
 */
export async function fillDate(page: Page, testId: string, iso: string): Promise<void> {
  const input = page.getByTestId(testId);
  if (iso === "") {
    const picker = page.locator(".ant-picker").filter({ has: input });
    await picker.hover();
    await picker.locator(".ant-picker-clear").click();
    return;
  }
  const [y, m, d] = iso.split("-");
  await input.click();
  await input.fill(`${d}/${m}/${y}`);
  await input.press("Enter");
  await page.waitForFunction(
    () => !document.querySelector(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)"),
  );
}
