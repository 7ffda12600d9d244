/** What every benchmark records about where it ran, and where it writes its result. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { summary } from "./national/measure";

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
  };
}

/** Writes bench/results/<date>-<name>[-label].json and returns its path. */
export function writeResult(
  name: string,
  label: string | undefined,
  result: unknown,
  date = new Date(),
): string {
  mkdirSync("bench/results", { recursive: true });
  const suffix = label ? `-${label.replace(/[^a-z0-9-]/gi, "")}` : "";
  const file = `bench/results/${date.toISOString().slice(0, 10)}-${name}${suffix}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** A size flag: "2_000_000" or "2,000,000" as a number, or the default. */
export const numberFlag = (value: string | undefined, fallback: number) =>
  value === undefined ? fallback : Number(value.replace(/[_,]/g, ""));

export const defaultAdminUrl = (flag: string | undefined) =>
  flag ?? process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
export const ms = (t0: number) => Math.round(performance.now() - t0);
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
export const significant = (value: number) => Number(value.toPrecision(3));

/** The q-quantile (0 < q ≤ 1) of ascending samples by the nearest-rank rule. */
export const nearestRank = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

/** Three warm-up calls, then `times` timed calls of `work(i)`: p50/p95/max. */
export async function sample(times: number, work: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await work(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await work(i);
    samples.push(performance.now() - t0);
  }
  return summary(samples);
}
