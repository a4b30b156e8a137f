import type { Locator, Page } from "playwright-core";

/**
 * Driving the app's AG Grid pages (EditableGrid) the way a person does: cells by row index and
 * column id, edits by typing, pastes through a real `paste` event. Only rendered rows and columns
 * are in the DOM (AG Grid virtualises), so the tests pick cells near the top left.
 */

/** The grid renders on the client only: wait for its first row after a navigation. */
export async function waitForGrid(page: Page): Promise<void> {
  await page.locator(".ag-row").first().waitFor();
}

/** One cell; pinned and scrolling parts of a row share its row-index, a column id is in one of them. */
export function cell(page: Page, rowIndex: number, colId: string): Locator {
  return page.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`);
}

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);

/** Waits until the cell shows exactly `text` (formatted as the grid shows it, e.g. "12,50"). */
export async function waitForCellText(page: Page, rowIndex: number, colId: string, text: string): Promise<void> {
  await cell(page, rowIndex, colId).filter({ hasText: exactly(text) }).waitFor();
}

export async function cellText(page: Page, rowIndex: number, colId: string): Promise<string> {
  return ((await cell(page, rowIndex, colId).textContent()) ?? "").trim();
}

/** The row index of the (rendered) row whose `colId` cell reads exactly `text`, e.g. an indicator's code. */
export async function rowIndexOf(page: Page, colId: string, text: string): Promise<number> {
  const row = page.locator(".ag-row", { has: page.locator(`.ag-cell[col-id="${colId}"]`, { hasText: exactly(text) }) });
  const index = await row.first().getAttribute("row-index");
  if (index == null) throw new Error(`no hay una fila con ${colId} = ${text}`);
  return Number(index);
}

/** Focuses the cell and types into it as a person does: the first key starts the editor, Enter commits. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await target.click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/**
 * Pastes tab-separated text (what Excel or LibreOffice put on the clipboard) at the focused cell.
 * A synthetic `paste` event with a DataTransfer: no clipboard permission needed, and it goes
 * through the same handler as Ctrl+V.
 */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((clipboardText) => {
    const data = new DataTransfer();
    data.setData("text/plain", clipboardText);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The save bar's live status line ("Se guardaron 5 cambios.", "Corrija …"). */
export function gridStatus(page: Page): Locator {
  return page.locator(".grid-savebar__status");
}

/** The save bar's count of unsaved changes ("5 cambios sin guardar"). */
export function unsavedCount(page: Page): Locator {
  return page.locator(".grid-savebar__count");
}
