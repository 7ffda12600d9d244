/**
 * Fixes for accessibility faults inside antd that no prop reaches (found by axe-core in e2e/accessibility.test.ts).
 *
 * - A table that scrolls sideways gets a hidden "measure row" (`aria-hidden`, zero height) holding a copy of every
 *   column title, so the "select all" checkbox of a selectable table is copied there too: a focusable control
 *   hidden from screen readers (axe: aria-hidden-focus). Marking the row `inert` takes the copies out of the tab
 *   order.
 * - The scrolling box of such a table cannot be reached from the keyboard when its cells hold no link or button
 *   (axe: scrollable-region-focusable): it gets `tabindex="0"`, so the arrow keys scroll it.
 */
const MEASURE_ROW = "tr.ant-table-measure-row:not([inert])";
// antd writes the overflow inline only on tables given `scroll.x`.
const SCROLL_BOX = ".ant-table-content[style*='overflow']:not([tabindex])";

function fix(root: ParentNode): void {
  for (const row of root.querySelectorAll(MEASURE_ROW)) row.setAttribute("inert", "");
  for (const box of root.querySelectorAll(SCROLL_BOX)) box.setAttribute("tabindex", "0");
}

/** Watches the document for antd's tables and fixes each as it appears. */
export function watchAccessibility(root: HTMLElement): () => void {
  fix(root);
  const observer = new MutationObserver(() => fix(root));
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
