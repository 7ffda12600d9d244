/** The markdown table of `npm run bench:load`: one block of rows per step, reads first, then writes and exports. */
import type { StepReport } from "./driver";

const order = { read: 0, write: 1, export: 2 } as Record<string, number>;
const n = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : value.toLocaleString("en");

export function markdown(steps: StepReport[]): string {
  const lines = [
    "| sessions | route | kind | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
    "| -------- | ----- | ---- | ----- | ------ | ------ | ------ | ------ | ------ |",
  ];
  for (const step of steps) {
    const routes = Object.entries(step.routes).sort(
      ([a, x], [b, y]) => (order[x.kind] ?? 0) - (order[y.kind] ?? 0) || a.localeCompare(b),
    );
    for (const [route, r] of routes)
      lines.push(
        `| ${step.sessions} | ${route} | ${r.kind} | ${r.perSecond} | ${n(r.p50Ms)} | ${n(r.p95Ms)} | ${n(r.p99Ms)} | ${n(r.maxMs)} | ${r.errors} |`,
      );
    const s = step.server;
    lines.push(
      `| ${step.sessions} | **all** (${step.seconds} s) | | **${step.requestsPerSecond}** | | | **${n(step.slowestRead?.p99Ms)}** (slowest read) | | **${step.errors.count}** |`,
    );
    if (s)
      lines.push(
        `| ${step.sessions} | server RSS before → after (max); CPU per request: server + PostgreSQL | | | ${s.rssBeforeMiB} → ${s.rssAfterMiB} MiB (${s.rssMaxMiB}) | | ${s.cpuMsPerRequest} + ${step.database?.cpuMsPerRequest ?? "–"} ms | | |`,
      );
  }
  return lines.join("\n");
}
