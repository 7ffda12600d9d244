/** Time from `npm start` to a healthy server: first run (new database, demo load) and second run. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    env: {
      ...process.env,
      HIEUHOC_DATA_DIR: dataDir,
      PORT: String(port),
      HIEUHOC_LOG: "silent",
      DATABASE_URL: "",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (response.ok) return performance.now() - started;
      } catch {}
      if (performance.now() - started > 120_000) throw new Error("server did not start within 120 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

export async function benchStartup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-bench-start-"));
  try {
    const first = await timeStart(dataDir, 3917);
    const second = await timeStart(dataDir, 3917);
    const third = await timeStart(dataDir, 3917);
    return { firstRunMs: Math.round(first), secondRunMs: Math.round(second), thirdRunMs: Math.round(third) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
