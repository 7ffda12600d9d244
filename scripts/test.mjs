#!/usr/bin/env node
/**
 * `npm test`: Biome first (a few seconds: a formatting or lint error stops the run at once), then the TypeScript check
 * beside the test run instead of before it. The type check takes about a minute of one core on the 2-core CI machine,
 * and the test run's first minute leaves a core idle (the server bundle, the test databases' templates, the first
 * browsers starting), so the two overlap instead of adding up. The run fails if either fails; the type checker's
 * output is printed after the tests'. Arguments go to Vitest (`npm test -- test/api/stats.test.ts`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (...parts) => path.join(root, "node_modules", ...parts);

/** Runs a Node script; resolves to its exit code and, when captured, its output. */
function run(script, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    if (capture) {
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.stderr.on("data", (chunk) => {
        output += chunk;
      });
    }
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const biome = await run(bin("@biomejs", "biome", "bin", "biome"), ["check", "."], false);
if (biome.code !== 0) process.exit(biome.code);

const started = Date.now();
const types = run(bin("typescript", "bin", "tsc"), ["--noEmit", "-p", "tsconfig.json"], true).then(
  (result) => ({
    ...result,
    seconds: Math.round((Date.now() - started) / 1000),
  }),
);
const tests = await run(bin("vitest", "vitest.mjs"), ["run", ...process.argv.slice(2)], false);
const checked = await types;
if (checked.output.trim()) console.log(checked.output.trim());
console.log(
  checked.code === 0
    ? `Kiểm tra kiểu TypeScript: không có lỗi (${checked.seconds} s, song song với kiểm thử)`
    : `Kiểm tra kiểu TypeScript: có lỗi (mã thoát ${checked.code})`,
);
process.exit(tests.code !== 0 ? tests.code : checked.code);
