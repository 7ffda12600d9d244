/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet program runs a cell whose text begins with "=", "+",
 * "-", "@", a tab or a carriage return as a formula ("=cmd|' /C calc'!A0", "=HYPERLINK(…)"), in a CSV and, once the
 * cell is edited, in an .xlsx too. Every CSV and XLSX the product writes passes its text cells through
 * `neutralizeFormula`, which puts a single quote in front, as OWASP advises; XLSX writers store the result as a
 * plain string cell, never as a formula. Numbers are written as numbers and left alone.
 *
 * The quote is also put in front of text that already begins with quotes followed by one of those characters
 * ("'=x" → "''=x"), so that `restoreFormula`, which the import reader applies to every text cell, can always take
 * exactly one quote off and an exported file imports back to the very same text. The one loss: a cell typed by hand
 * as "'=x" imports as "=x".
 */

const GUARDED = /^'*[=+\-@\t\r]/;
const RESTORABLE = /^'+[=+\-@\t\r]/;

/** The text as a spreadsheet cannot run it. */
export function neutralizeFormula(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/** The text before `neutralizeFormula` (for what the import reads). */
export function restoreFormula(text: string): string {
  return RESTORABLE.test(text) ? text.slice(1) : text;
}
