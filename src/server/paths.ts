/**
 * The repository's root, found the same way from the sources (src/server, run through tsx) and from the server
 * bundle (dist/server, scripts/server-bundle.mjs): the nearest directory above with a package.json. Files the server
 * reads at run time (migrations, the built web application) are named from here, never from import.meta.url.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const repoRoot = findRoot();
