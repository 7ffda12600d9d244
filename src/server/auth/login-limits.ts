/**
 * Login limits. Each attempt first counts itself as a failure, with the counter rows locked, and only then is the
 * password checked (a success gives the count back): parallel guesses are ordered by the row lock and each sees
 * the ones before it, so none slips past the limit.
 *
 * - Per user: the first `freeFailures` failures in a row cost nothing; after them every further attempt waits
 *   2^k seconds (1, 2, 4, … up to `maxDelaySeconds`). A stranger's wrong guesses therefore delay the real user by
 *   seconds, never lock them out for a quarter of an hour, while guessing stays hopelessly slow.
 * - Per client address (behind a trusted proxy, the forwarded client, see http/client-address.ts): at most
 *   `addressLimit` failures per window, for anyone guessing many usernames from one place.
 */
import type { Db } from "../db/connection";
import { AppError } from "../errors";

export type LoginLimits = {
  /** Failures allowed per client address and window; 0: no address limit. */
  addressLimit: number;
  addressWindowMinutes: number;
};

export const freeFailures = 5;
export const maxDelaySeconds = 300;
/** A user's failures in a row are forgotten after an hour without one. */
const forgetAfterMs = 3600_000;

export const userKey = (username: string) => `user:${username}`;
export const addressKey = (address: string) => `address:${address}`;

/** The wait before the next attempt after `failures` failures in a row (0: none). */
export function delaySeconds(failures: number): number {
  return failures < freeFailures ? 0 : Math.min(2 ** (failures - freeFailures), maxDelaySeconds);
}

const at = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

function refused(seconds: number): AppError {
  return new AppError("rate_limited", `Đăng nhập sai quá nhiều lần. Thử lại sau ${seconds} giây.`, {
    retryAfter: seconds,
  });
}

/** Counts this attempt as a failure of the user and the address, or refuses it (429) while a limit holds. */
export async function claimAttempt(
  db: Db,
  attempt: { username: string; address: string },
  limits: LoginLimits,
  now: Date,
): Promise<void> {
  const user = userKey(attempt.username);
  const address = addressKey(attempt.address);
  // Locked in one order (by key) so that two attempts never wait on each other's second row.
  const keys = limits.addressLimit > 0 ? [user, address].sort() : [user];
  const t = now.getTime();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("login_throttles")
      .values(keys.map((key) => ({ key })))
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const rows = await tx
      .selectFrom("login_throttles")
      .selectAll()
      .where("key", "in", keys)
      .orderBy("key")
      .forUpdate()
      .execute();
    const userRow = rows.find((r) => r.key === user)!;
    const lastFailure = at(userRow.last_failure_at);
    const forgotten = lastFailure === null || t - lastFailure > forgetAfterMs;
    const userFailures = forgotten ? 0 : userRow.failures;
    const retryAt = forgotten ? null : at(userRow.retry_at);
    let wait = retryAt !== null && retryAt > t ? retryAt - t : 0;

    const addressRow = rows.find((r) => r.key === address);
    const windowMs = limits.addressWindowMinutes * 60_000;
    let windowStart = addressRow ? at(addressRow.window_start) : null;
    let addressFailures = addressRow?.failures ?? 0;
    if (windowStart === null || t >= windowStart + windowMs) {
      windowStart = t;
      addressFailures = 0;
    }
    if (addressRow && addressFailures >= limits.addressLimit)
      wait = Math.max(wait, windowStart + windowMs - t);
    if (wait > 0) throw refused(Math.ceil(wait / 1000));

    const failures = userFailures + 1;
    const delay = delaySeconds(failures);
    await tx
      .updateTable("login_throttles")
      .set({
        failures,
        retry_at: delay > 0 ? new Date(t + delay * 1000) : null,
        last_failure_at: now,
      })
      .where("key", "=", user)
      .execute();
    if (addressRow)
      await tx
        .updateTable("login_throttles")
        .set({ failures: addressFailures + 1, window_start: new Date(windowStart), last_failure_at: now })
        .where("key", "=", address)
        .execute();
  });
}

/** The password was right: the user starts afresh and the address gets its count back. */
export async function releaseAttempt(
  db: Db,
  attempt: { username: string; address: string },
  now: Date,
): Promise<void> {
  await db.deleteFrom("login_throttles").where("key", "=", userKey(attempt.username)).execute();
  await db
    .updateTable("login_throttles")
    .set((eb) => ({ failures: eb.fn("greatest", [eb("failures", "-", 1), eb.lit(0)]) }))
    .where("key", "=", addressKey(attempt.address))
    .execute();
  // Counters nobody has failed on for a day cannot hold anything back any more.
  await db
    .deleteFrom("login_throttles")
    .where("last_failure_at", "<", new Date(now.getTime() - 86_400_000))
    .where((eb) => eb.or([eb("retry_at", "is", null), eb("retry_at", "<", now)]))
    .execute();
}
