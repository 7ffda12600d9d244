/**
 * Once before the suite: the server bundle (scripts/server-bundle.mjs) made when the sources changed, so that every
 * `hieuhoc` a test spawns (commands, servers for the browser tests) starts from it instead of compiling TypeScript.
 */
import { buildServerBundle } from "../scripts/server-bundle.mjs";

export default async function setup(): Promise<void> {
  await buildServerBundle();
}
