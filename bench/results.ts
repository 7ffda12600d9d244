/** What every benchmark records about where it ran, and where it writes its result. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";

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
