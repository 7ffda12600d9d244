/**
 * Templates the tests copy instead of building again: keyed by what they are built from (the server's and shared
 * sources and the day), made by the first test process that asks and shared by the others through the temporary
 * directory (a lock directory while one is built).
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What a template was built from: the server's, shared and command-line sources (the migrations, what the demo
 * calls, `hieuhoc demo`), the locked dependencies (PGlite's version makes its images) and the day (the demo follows
 * the calendar). A change of any makes new templates.
 */
export const sourcesKey = (() => {
  let key: string | undefined;
  return () => {
    if (key) return key;
    const hash = createHash("sha256").update(new Date().toISOString().slice(0, 10));
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|sql)$/.test(entry.name) && !entry.name.endsWith(".test.ts"))
          hash.update(file).update(readFileSync(file));
      }
    };
    for (const part of ["server", "shared", "cli"])
      walk(fileURLToPath(new URL(`../../src/${part}`, import.meta.url)));
    hash.update(readFileSync(fileURLToPath(new URL("../../package-lock.json", import.meta.url))));
    key = hash.digest("hex").slice(0, 12);
    return key;
  };
})();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const made = new Map<string, Promise<string>>();

/**
 * The directory `hieuhoc-<name>-<sources key>` in the temporary directory, made by `build` (given an empty directory)
 * the first time any test process asks for it: the first to ask builds it under a lock directory and renames it into
 * place (a half-built one is never seen); the others wait for it. Those of other sources or days go once they are a
 * day old (a run of yesterday may still be copying from one).
 */
export function sharedTemplate(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(tmpdir(), `hieuhoc-${name}-${sourcesKey()}`);
  let ready = made.get(dir);
  if (!ready) {
    ready = (async () => {
      const lock = `${dir}.lock`;
      const deadline = Date.now() + 300_000;
      while (!existsSync(dir)) {
        try {
          mkdirSync(lock);
        } catch {
          // Another process is building it; a lock older than 5 minutes is left over from a killed run.
          if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
            rmSync(lock, { recursive: true });
          if (Date.now() > deadline) throw new Error(`Timed out waiting for ${dir}`);
          await sleep(500);
          continue;
        }
        try {
          if (!existsSync(dir)) await buildInPlace(name, dir, build);
        } finally {
          rmSync(lock, { recursive: true, force: true });
        }
      }
      return dir;
    })();
    made.set(dir, ready);
  }
  return ready;
}

async function buildInPlace(name: string, dir: string, build: (dir: string) => Promise<void>): Promise<void> {
  const pattern = new RegExp(`^hieuhoc-${name}-[0-9a-f]+$`);
  for (const entry of readdirSync(tmpdir()))
    if (pattern.test(entry)) {
      const other = path.join(tmpdir(), entry);
      if (other !== dir && Date.now() - statSync(other).mtimeMs > 86_400_000)
        rmSync(other, { recursive: true, force: true });
    }
  const building = mkdtempSync(`${dir}.building-`);
  try {
    await build(building);
    renameSync(building, dir);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
