/**
 * Accessibility checks with axe-core (the npm package, injected from node_modules into the page under test):
 * WCAG 2.1 A and AA rules and axe's best practices; a check fails on any violation of impact "critical" or
 * "serious", and on a page without its <h1> (axe rates that "moderate"; the issue asks for a page heading).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "./server";

type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
export type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

/** Rules enforced whatever their impact. */
const REQUIRED = new Set(["page-has-heading-one"]);

let axeSource: string | undefined;

/** Runs axe-core on the page as it is now and returns the critical and serious violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html.slice(0, 200),
        failureSummary: n.failureSummary,
      })),
    }));
  });
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious" || REQUIRED.has(v.id));
}

/** A readable list of violations for a failing assertion: rule, help, and the first elements it found. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${n.failureSummary ?? ""}`)
          .join("\n")}`,
    )
    .join("\n");
}
