/**
 * Starts the real app for browser tests: `node bin/hieuhoc.mjs serve --demo` on a free port with a fresh data
 * directory (embedded database, demo data: a copy of one loaded once for the sources and the day), waits for
 * /api/v1/health, and stops it afterwards.
 * The web front end is built first (dist/web) when it is missing or older than its sources.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyInto, migratedDataDir } from "../../test/helpers/data-dir";
import { sharedTemplate } from "../../test/helpers/templates";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export type TestServer = {
  url: string;
  dataDir: string;
  /** What the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Builds dist/web unless it is up to date; a lock directory keeps parallel test files from building twice. */
export async function ensureWebBuild(): Promise<void> {
  if (process.env.HIEUHOC_E2E_SKIP_BUILD === "1") return;
  const index = path.join(repoRoot, "dist/web/index.html");
  const sources = ["src/web", "src/shared", "vite.config.ts"].map((p) => path.join(repoRoot, p));
  const upToDate = () =>
    existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map((s) => newestMtime(s)));
  if (upToDate()) return;

  const lock = path.join(repoRoot, "dist/.web-build-lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than 2 minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000)
        rmSync(lock, { recursive: true });
      if (Date.now() > deadline) throw new Error("Timed out waiting for another web build");
      await sleep(500);
    }
  }
  try {
    if (upToDate()) return;
    const vite = path.join(repoRoot, "node_modules/vite/bin/vite.js");
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The environment of a `hieuhoc` process on `dataDir`: the embedded database, as users run it. */
function appEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // HIEUHOC_RETENTION=off: the nightly retention job would change the data under the tests (docs/PRIVACY.md).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HIEUHOC_DATA_DIR: dataDir,
    HIEUHOC_RETENTION: "off",
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV; // "test" under Vitest; the app runs as it would for users.
  return env;
}

/**
 * A data directory with the basic demo loaded by the product itself (`hieuhoc demo --basic`), copied for each server:
 * the server's `--demo` then finds the database filled and loads nothing, which saves every browser test file the
 * demo's load (several seconds of a loaded machine: the units, villages and the accounts' password hashes). One for
 * the sources and the day (the demo follows the calendar), shared by the workers (test/helpers/data-dir.ts).
 */
const demoTemplate = () =>
  sharedTemplate("e2e-demo", async (dir) => {
    await migratedDataDir(dir);
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(repoRoot, "bin/hieuhoc.mjs"), "demo", "--basic"], {
        cwd: repoRoot,
        env: appEnv(dir),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const keep = (chunk: Buffer) => {
        output += chunk.toString();
      };
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      child.on("close", (code) => resolve({ code, output }));
    });
    if (result.code !== 0) throw new Error(`hieuhoc demo --basic failed (${result.code}):\n${result.output}`);
  });

export async function startServer(options: { timeoutMs?: number } = {}): Promise<TestServer> {
  await ensureWebBuild();
  const bin = path.join(repoRoot, "bin/hieuhoc.mjs");
  if (!existsSync(bin)) throw new Error(`${bin} does not exist yet`);

  const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-e2e-"));
  copyInto(await demoTemplate(), dataDir);
  const port = await freePort();
  const env = appEnv(dataDir, { PORT: String(port) });

  let output = "";
  // --demo-basic: the units, villages, four households a village and the accounts these tests were written
  // against, without the years of history `npm start` loads (which would also cost each suite its start-up time).
  const child: ChildProcess = spawn(process.execPath, [bin, "serve", "--demo", "--demo-basic"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: number | string | null = null;
  const exit = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exited = code ?? signal ?? "unknown";
      resolve();
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  // HIEUHOC_E2E_START_MS: more time on a loaded machine (the default is 90 s).
  const deadline = Date.now() + (options.timeoutMs ?? (Number(process.env.HIEUHOC_E2E_START_MS) || 90_000));
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`The server exited (${exited}) before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /api/v1/health within the time limit:\n${output}`);
    }
    await sleep(250);
  }
  return { url, dataDir, output: () => output, stop };
}

export type ApiSession = { cookie: string; csrfToken: string };

/** Logs in through the API (no browser) and returns the session cookie and CSRF token. */
export async function apiLogin(url: string, username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrfToken: body.csrfToken };
}

export async function apiGet<T>(url: string, session: ApiSession, pathAndQuery: string): Promise<T> {
  const response = await fetch(`${url}${pathAndQuery}`, { headers: { cookie: session.cookie } });
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const DEMO_PASSWORD = "hieuhoc2025";

/** A write through the API (no browser), with the session's CSRF token; returns the status and JSON body. */
export async function apiSend<T>(
  url: string,
  session: ApiSession,
  method: string,
  pathAndQuery: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${pathAndQuery}`, {
    method,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
