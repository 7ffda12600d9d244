/**
 * The lock on an embedded data directory, judged without a database: a lock whose holder died before naming
 * itself (kill -9 while the command was starting) is taken over once it stays nameless; a lock of a holder that
 * runs is refused naming it; a lock left by a pid that no longer runs is taken over at once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, lockOwner, lockPath } from "../../src/server/db/data-dir-lock";

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-lock-"));
  dirs.push(dir);
  return dir;
};
const leaveLock = (dir: string, owner?: object) => {
  mkdirSync(lockPath(dir), { recursive: true });
  if (owner) writeFileSync(path.join(lockPath(dir), "owner.json"), JSON.stringify(owner));
};

describe("the data directory lock", () => {
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("takes over a lock that names nobody for two seconds (its holder died while starting)", async () => {
    const dir = dataDir();
    leaveLock(dir);
    const started = Date.now();
    const release = await lockDataDir(dir, "thử nghiệm");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(lockOwner(dir)?.pid).toBe(process.pid);
    await release();
  });

  it("waits for a holder that names itself meanwhile, then refuses naming it", async () => {
    const dir = dataDir();
    leaveLock(dir);
    const holder = {
      pid: process.ppid,
      hostname: hostname(),
      command: "hieuhoc serve",
      since: "2026-12-02T08:00:00Z",
    };
    setTimeout(() => writeFileSync(path.join(lockPath(dir), "owner.json"), JSON.stringify(holder)), 300);
    const error = await lockDataDir(dir, "thử nghiệm").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`tiến trình ${process.ppid} (hieuhoc serve`);
  });

  it("takes over at once the lock of a pid that no longer runs", async () => {
    const dir = dataDir();
    leaveLock(dir, {
      pid: 2 ** 22 + 1,
      hostname: hostname(),
      command: "hieuhoc import",
      since: "2026-12-02T08:00:00Z",
    });
    const started = Date.now();
    const release = await lockDataDir(dir, "thử nghiệm");
    expect(Date.now() - started).toBeLessThan(1_000);
    await release();
  });
});
