/**
 * `hieuhoc serve` as a real process on an embedded data directory: its output kept, waits for lines, its exit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { freePort, repoRoot } from "../../e2e/helpers/server";

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Resolves with the output once `pattern` appears; rejects if the process exits first or after `ms`. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export async function startServerProcess(
  dataDir: string,
  options: { env?: Record<string, string>; nodeArgs?: string[]; args?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HIEUHOC_DATA_DIR: dataDir,
    PORT: String(port),
    HIEUHOC_LOG: "silent",
    // The nightly retention job would write to the database under the test (docs/PRIVACY.md).
    HIEUHOC_RETENTION: "off",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  if (!options.env?.HOST) delete env.HOST;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), path.join(repoRoot, "bin/hieuhoc.mjs"), "serve", ...(options.args ?? [])],
    { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const listeners = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let gone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      gone = true;
      for (const listener of listeners) listener();
      resolve({ code, signal });
    }),
  );
  const waitFor = (pattern: RegExp, ms = 90_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) done(() => resolve(output));
        else if (gone) done(() => reject(new Error(`exited before ${pattern}:\n${output}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${pattern} in ${ms} ms:\n${output}`))),
        ms,
      );
      const done = (then: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        then();
      };
      listeners.add(check);
      check();
    });
  return { child, port, output: () => output, waitFor, exited };
}
