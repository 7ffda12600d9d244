/**
 * The server under load: `hieuhoc serve` as a child process on the benchmark database (HIEUHOC_RETENTION=off,
 * requests not logged), its resident memory (VmRSS) and CPU time read from /proc, and the latency figures.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { freePort, repoRoot } from "../../e2e/helpers/server";
import { nearestRank } from "../results";

export type ProcessProbe = { pid: number; rssMiB: () => number; cpuSeconds: () => number };

/** /proc/<pid>/status VmRSS and /proc/<pid>/stat utime + stime (Linux; 100 clock ticks a second). */
export function processProbe(pid: number): ProcessProbe {
  return {
    pid,
    rssMiB: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return match ? Math.round(Number(match[1]) / 1024) : 0;
    },
    cpuSeconds: () => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
  };
}

/**
 * The CPU time of the PostgreSQL backends serving one database (same machine): each backend's last reading is
 * kept, so that one the pool closes between two samples still counts up to its last sample.
 */
export function databaseProbe(pool: pg.Pool, database: string) {
  const seen = new Map<number, number>();
  const sample = async () => {
    const { rows } = await pool.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    for (const { pid } of rows)
      try {
        seen.set(pid, processProbe(pid).cpuSeconds());
      } catch {
        // ended meanwhile
      }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
  return { sample };
}
export type DatabaseProbe = ReturnType<typeof databaseProbe>;

const round = (value: number) => Math.round(value * 10) / 10;

/** n, p50, p95, p99 and the maximum of some times in ms (nearest rank). */
export function latency(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
  return {
    n: sorted.length,
    p50Ms: round(nearestRank(sorted, 0.5)),
    p95Ms: round(nearestRank(sorted, 0.95)),
    p99Ms: round(nearestRank(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

export type ServerChild = {
  child: ChildProcess;
  baseUrl: string;
  probe: ProcessProbe;
  stop: () => Promise<void>;
};

/** Starts bin/hieuhoc.mjs serve on `databaseUrl` at 127.0.0.1 and resolves once /api/v1/health answers 200. */
export async function startServerChild(databaseUrl: string, dataDir: string): Promise<ServerChild> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    HIEUHOC_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    HIEUHOC_LOG: "silent",
    HIEUHOC_RETENTION: "off",
  };
  delete env.NODE_ENV;
  // HIEUHOC_BENCH_NODE_ARGS: options for the server's Node only ("--cpu-prof --cpu-prof-dir=/tmp/prof" profiles it).
  const nodeArgs = (process.env.HIEUHOC_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, "bin/hieuhoc.mjs"), "serve"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server ended:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 120_000) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer in 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    child,
    baseUrl,
    probe: processProbe(child.pid!),
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
