/**
 * One process at a time on an embedded data directory: the server and every command that opens the embedded
 * database take this lock first (PGlite is a single-process database; two processes on one directory corrupt it).
 *
 * The lock is proper-lockfile's: the directory `<data dir>/hieuhoc.lock`, made atomically with mkdir and kept
 * fresh by touching it. Inside it `owner.json` names the holder (pid, host, command, since when), so that
 * a second process is told who holds it, and a lock left by a process that died (kill -9, power loss) is taken over
 * at once when its pid no longer runs on this machine; a holder on another machine is judged by the lock's age.
 */
import { mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";

export type LockOwner = { pid: number; hostname: string; command: string; since: string };

/** A lock not refreshed for this long is stale even when its holder cannot be checked (another machine). */
const STALE_MS = 5 * 60_000;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner
      ? `tiến trình ${owner.pid}${owner.hostname === hostname() ? "" : ` trên máy ${owner.hostname}`} (${owner.command}, từ ${owner.since})`
      : "một tiến trình khác (đang khởi động)";
    super(
      `Thư mục dữ liệu ${dataDir} đang được ${who} sử dụng. Mỗi lúc chỉ một tiến trình mở được cơ sở dữ liệu nhúng: ` +
        "dừng tiến trình đó (hoặc chờ lệnh đang chạy xong) rồi chạy lại; khi máy chủ đang chạy, sao lưu bằng `hieuhoc backup`.",
    );
    this.name = "DataDirLockedError";
  }
}

export const lockPath = (dataDir: string) => path.join(dataDir, "hieuhoc.lock");
const ownerPath = (dataDir: string) => path.join(lockPath(dataDir), "owner.json");

/** Who holds the lock of `dataDir`, if anyone does (null while a holder is still writing its name). */
export function lockOwner(dataDir: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(ownerPath(dataDir), "utf8")) as LockOwner;
  } catch {
    return null;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, belongs to another user
  }
}

/** How long a lock may stay without its holder's name: the holder writes it right after making the lock. */
const NAMELESS_MS = 2_000;

/**
 * What became of the holder of a lock found taken: "gone" when known to be gone (its pid no longer runs here,
 * the lock was not refreshed for STALE_MS, or it still names nobody after NAMELESS_MS: the holder died between
 * making the lock and naming itself, a kill -9 while the command was starting), "released" when the lock went
 * meanwhile, otherwise "held".
 */
async function holderOf(dataDir: string, owner: LockOwner | null): Promise<"gone" | "released" | "held"> {
  const exists = () => {
    try {
      return statSync(lockPath(dataDir));
    } catch {
      return null;
    }
  };
  if (owner && owner.hostname === hostname())
    return owner.pid !== process.pid && !running(owner.pid) ? "gone" : "held";
  if (!owner) {
    for (let waited = 0; waited < NAMELESS_MS; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!exists()) return "released";
      if (lockOwner(dataDir)) return "held"; // named now: judged on the next attempt
    }
    return "gone";
  }
  const lock = exists();
  if (!lock) return "released";
  return Date.now() - lock.mtimeMs > STALE_MS ? "gone" : "held";
}

/**
 * Takes the lock of `dataDir` (created if missing) for this process, or throws DataDirLockedError naming the
 * holder. Resolves to the release function; the lock also goes when the process exits normally.
 */
export async function lockDataDir(dataDir: string, command: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(dataDir, {
        lockfilePath: lockPath(dataDir),
        realpath: false,
        stale: STALE_MS,
        onCompromised: (error) =>
          console.error(
            `Cảnh báo: khóa thư mục dữ liệu ${dataDir} không còn được giữ (${error.message}); hãy dừng máy chủ và chạy lại.`,
          ),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ELOCKED: someone holds it. ENOTEMPTY: proper-lockfile found it stale but cannot rmdir our owner file.
      if (code !== "ELOCKED" && code !== "ENOTEMPTY") throw error;
      const owner = lockOwner(dataDir);
      const holder = code === "ENOTEMPTY" ? "gone" : await holderOf(dataDir, owner);
      if (attempt < 3 && holder !== "held") {
        // Re-read just before removing: only the very lock judged abandoned is removed.
        if (holder === "gone" && JSON.stringify(lockOwner(dataDir)) === JSON.stringify(owner))
          rmSync(lockPath(dataDir), { recursive: true, force: true });
        continue;
      }
      if (attempt < 3 && !owner && lockOwner(dataDir)) continue; // named while we waited: judge that holder
      throw new DataDirLockedError(dataDir, owner);
    }
    const owner: LockOwner = {
      pid: process.pid,
      hostname: hostname(),
      command,
      since: new Date().toISOString(),
    };
    writeFileSync(ownerPath(dataDir), `${JSON.stringify(owner)}\n`);
    // proper-lockfile removes the lock directory on exit, which needs it empty: the owner file goes first.
    const forget = () => {
      try {
        unlinkSync(ownerPath(dataDir));
      } catch {}
    };
    process.once("exit", forget);
    return async () => {
      process.off("exit", forget);
      forget();
      await release();
    };
  }
}
