#!/usr/bin/env node
// The `hieuhoc` command: the server bundle (dist/server/hieuhoc.mjs, `npm run build`) when it is newer than the
// server's sources, otherwise the TypeScript sources through tsx. HIEUHOC_FROM_SOURCE=1 always takes the sources.
import { pathToFileURL } from "node:url";
import { bundle, bundleIsFresh } from "../scripts/server-bundle.mjs";

if (process.env.HIEUHOC_FROM_SOURCE !== "1" && bundleIsFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
