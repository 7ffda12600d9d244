#!/usr/bin/env node
// `npm start`: installs what is missing, builds the web application when its sources changed, creates the embedded
// database and loads the demo data on the first run, then serves http://127.0.0.1:$PORT (HOST, PORT) and prints the
// address it listens on, the public address and the demo logins.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newest(path.join(target, entry))));
}

const installed = path.join(root, "node_modules/.package-lock.json");
if (!existsSync(installed) || newest(path.join(root, "package-lock.json")) > newest(installed)) {
  console.log("Đang cài các gói cần thiết (npm install)...");
  run(npm, ["install", "--no-audit", "--no-fund"]);
}

const builtIndex = path.join(root, "dist/web/index.html");
const sources = ["src/web", "src/shared", "vite.config.ts", "package-lock.json"].map((p) =>
  path.join(root, p),
);
if (newest(builtIndex) < Math.max(...sources.map(newest))) {
  console.log("Đang dựng giao diện web (vite build)...");
  run(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    ...process.env,
    NODE_ENV: "production",
  });
}

// The server bundle (scripts/server-bundle.mjs), imported only now: esbuild is one of the packages installed above.
const { buildServerBundle } = await import("./server-bundle.mjs");
if (await buildServerBundle()) console.log("Đã dựng máy chủ (dist/server).");

const server = spawnSync(process.execPath, [path.join(root, "bin/hieuhoc.mjs"), "serve", "--demo"], {
  cwd: root,
  stdio: "inherit",
});
process.exit(server.status ?? 0);
