/**
 * When the retention job runs (issue 12, item 4): every real run is recorded in privacy_retention_runs (migration
 * 0044), at most one at a time (a partial unique index: a second server or the command line during the night's run
 * finds the slot taken). The server runs it once a day, after 02:00 Vietnam time, or at start when the last run is
 * more than 24 hours old; it looks every 15 minutes.
 */
import { sql } from "kysely";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { vietnamTime } from "../territory/dates";
import { type RetentionResult, retentionActor, runRetention } from "./retention";

const day = 24 * 3600_000;
/** A run unfinished for this long was cut short (a crash): it is closed as failed. */
const staleMs = 6 * 3600_000;

/**
 * A real run, recorded. Resolves to null when another run is unfinished (nothing is done). A failure is recorded
 * and thrown again.
 */
export async function recordedRun(db: Db, actor: Actor, on?: string): Promise<RetentionResult | null> {
  await db
    .updateTable("privacy_retention_runs")
    .set({ status: "failed", finished_at: sql`now()`, error: "bị ngắt giữa chừng" })
    .where("status", "=", "running")
    .where("started_at", "<", new Date(Date.now() - staleMs))
    .execute();
  const started = await db
    .insertInto("privacy_retention_runs")
    .values({ started_by: actor.name })
    .onConflict((oc) => oc.expression(sql`(true)`).where("status", "=", "running").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!started) return null;
  try {
    const result = await runRetention(db, { on, actor });
    const summary = result.kinds.map((k) => ({ kind: k.kind, years: k.years, count: k.rows.length }));
    await db
      .updateTable("privacy_retention_runs")
      .set({ status: "done", finished_at: sql`now()`, summary: JSON.stringify(summary) })
      .where("id", "=", started.id)
      .execute();
    return result;
  } catch (error) {
    await db
      .updateTable("privacy_retention_runs")
      .set({ status: "failed", finished_at: sql`now()`, error: String((error as Error).message ?? error) })
      .where("id", "=", started.id)
      .execute();
    throw error;
  }
}

/** Whether a run is due at `now`, given when the last one started. */
export function retentionDue(now: Date, lastStarted: Date | null): boolean {
  if (!lastStarted) return true;
  if (now.getTime() - lastStarted.getTime() >= day) return true;
  // Today's 02:00 in Vietnam (UTC+7) is 19:00 UTC of the day before.
  const todayVn = vietnamTime(now).slice(0, 10);
  const twoAm = new Date(`${todayVn}T02:00:00+07:00`);
  return now >= twoAm && lastStarted < twoAm;
}

/** Starts the daily timer; returns what stops it (and waits for a run in progress). */
export function scheduleRetention(db: Db, log: (line: string) => void): () => Promise<void> {
  let current: Promise<void> | null = null;
  const tick = () => {
    if (current) return;
    current = (async () => {
      const last = await db
        .selectFrom("privacy_retention_runs")
        .select("started_at")
        .orderBy("started_at", "desc")
        .limit(1)
        .executeTakeFirst();
      if (!retentionDue(new Date(), last ? new Date(last.started_at) : null)) return;
      const result = await recordedRun(db, retentionActor);
      if (!result) return;
      const done = result.kinds.filter((k) => k.rows.length > 0);
      log(
        done.length === 0
          ? "Lưu trữ hằng đêm: không có dữ liệu quá thời hạn lưu trữ."
          : `Lưu trữ hằng đêm: đã thay tên bằng bí danh ${done.map((k) => `${k.rows.length} ${k.label.toLowerCase()}`).join(", ")}.`,
      );
    })()
      .catch((error) => log(`Lưu trữ hằng đêm thất bại: ${(error as Error).message}`))
      .finally(() => {
        current = null;
      });
  };
  const first = setTimeout(tick, 30_000);
  first.unref();
  const timer = setInterval(tick, 15 * 60_000);
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await current;
  };
}
