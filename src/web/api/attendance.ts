/**
 * The attendance page's API and its outbox: a session entered on a phone is kept in localStorage until the server
 * has confirmed it. Each entry carries the client key made when it was entered, so sending it again (automatically
 * every few seconds and when the phone comes back online, or by "Gửi lại") can never make a second session: the
 * server answers a repeated key with the session it already has.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { AttendanceActivity, AttendanceDetail, Session, SessionCreate } from "../../shared/attendance";
import { ApiRequestError, request } from "./client";

/** An activity by id, with its commune when known (the server then looks there alone, docs/SCALE-OUT.md). */
export type ActivityRef = { id: number; communeId?: number };

export const attendanceApi = {
  activities: () =>
    request<{ today: string; activities: AttendanceActivity[] }>("GET", "/attendance/activities"),
  detail: (activity: ActivityRef) =>
    request<AttendanceDetail>("GET", `/activities/${activity.id}/attendance`, {
      query: { communeId: activity.communeId },
    }),
  createSession: (activity: ActivityRef, body: OutboxBody) =>
    request<{ session: Session }>("POST", `/activities/${activity.id}/sessions`, {
      query: { communeId: activity.communeId },
      body,
    }),
};

export type OutboxBody = SessionCreate & { marks?: { citizenId: number; present: boolean }[] };

/** An entry waiting for the server: what was entered, for which activity, and the last refusal if any. */
export type OutboxEntry = {
  activityId: number;
  /** The activity's commune (entries kept before it was recorded have none: sent by id alone). */
  communeId?: number;
  activityTitle: string;
  body: OutboxBody;
  enteredAt: string;
  /** The server refused it (a rule, not the network): shown, not sent again until the user chooses. */
  refused?: string;
};

const KEY = "hieuhoc.attendance.outbox";
const RETRY_MS = 5000;

export function readOutbox(): OutboxEntry[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
  } catch {
    return [];
  }
}

function writeOutbox(entries: OutboxEntry[]) {
  localStorage.setItem(KEY, JSON.stringify(entries));
}

function update(clientKey: string, change: (entry: OutboxEntry) => OutboxEntry | null) {
  const next: OutboxEntry[] = [];
  for (const entry of readOutbox()) {
    if (entry.body.clientKey !== clientKey) next.push(entry);
    else {
      const changed = change(entry);
      if (changed) next.push(changed);
    }
  }
  writeOutbox(next);
}

/** A failure worth trying again: no answer, a server error, a timeout, too many requests. */
const transient = (err: unknown) =>
  !(err instanceof ApiRequestError) || err.status === 0 || err.status >= 500 || err.status === 429;

let sending: Promise<void> | null = null;

/** Sends every waiting entry (not refused) once, one at a time; returns when done. */
export function flushOutbox(onSaved?: (entry: OutboxEntry, session: Session) => void): Promise<void> {
  // Cleared once settled (a `finally` inside the async body would run before the assignment when nothing waits).
  sending ??= sendAll(onSaved).finally(() => {
    sending = null;
  });
  return sending;
}

async function sendAll(onSaved?: (entry: OutboxEntry, session: Session) => void) {
  for (const entry of readOutbox()) {
    if (entry.refused) continue;
    try {
      const activity = { id: entry.activityId, communeId: entry.communeId };
      const { session } = await attendanceApi.createSession(activity, entry.body);
      update(entry.body.clientKey, () => null);
      onSaved?.(entry, session);
    } catch (err) {
      if (transient(err)) break; // the network is down: keep the order, try again later
      const message = err instanceof ApiRequestError ? err.message : String(err);
      update(entry.body.clientKey, (e) => ({ ...e, refused: message }));
    }
  }
}

/**
 * The outbox as React state: the entries waiting, `add` (keeps the entry, then sends), `retry` (sends again, also
 * refused ones), `discard`. While anything waits, it is sent again every few seconds and when the browser is back
 * online. `onSaved` runs when the server confirms an entry.
 */
export function useOutbox(onSaved?: (entry: OutboxEntry, session: Session) => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>(() => readOutbox());
  const saved = useRef(onSaved);
  saved.current = onSaved;
  const flush = useCallback(async () => {
    await flushOutbox((entry, session) => saved.current?.(entry, session));
    setEntries(readOutbox());
  }, []);
  const waiting = entries.filter((e) => !e.refused).length;
  useEffect(() => {
    if (waiting === 0) return;
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    window.addEventListener("online", flush);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("online", flush);
    };
  }, [waiting, flush]);
  useEffect(() => {
    void flush();
  }, [flush]);
  return {
    entries,
    add: async (entry: OutboxEntry) => {
      writeOutbox([...readOutbox(), entry]);
      setEntries(readOutbox());
      await flush();
    },
    retry: async () => {
      writeOutbox(readOutbox().map(({ refused: _, ...e }) => e));
      setEntries(readOutbox());
      await flush();
    },
    discard: (clientKey: string) => {
      update(clientKey, () => null);
      setEntries(readOutbox());
    },
  };
}

/** A version 4 UUID (crypto.randomUUID needs a secure context; a phone on the commune's network may not have one). */
export function newClientKey(): string {
  if (typeof crypto.randomUUID === "function" && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
