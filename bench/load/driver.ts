/**
 * The HTTP driver of `npm run bench:load`: sessions that log in once (cookie and CSRF token kept) and then, until
 * the step's end, pick an action of their level's mix, send it over keep-alive connections (Node's fetch), read
 * the whole answer and pause (the think time: a person at a browser). Every answer's time is recorded per route;
 * anything but a 2xx is an error, kept with its first messages.
 */
import { random } from "../national/data";
import { chooseAction, routeKinds } from "./mix";
import type { Level, Plan, PlanUser } from "./plan";
import { type DatabaseProbe, latency, type ProcessProbe } from "./probe";

export type Session = { user: PlanUser; cookie: string; csrfToken: string; turn: number };

const timeoutMs = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function login(baseUrl: string, user: PlanUser, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: user.username, password }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`login ${user.username}: ${response.status} ${body}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("hh_session="));
  if (!cookie) throw new Error(`login ${user.username}: no session cookie`);
  return { user, cookie, csrfToken: JSON.parse(body).csrfToken, turn: 0 };
}

/**
 * The users of `count` sessions: by the shares of each level (those with users), each level's users in turn.
 * Sessions beyond a level's users share them.
 */
export function sessionUsers(plan: Plan, count: number, shares: Record<Level, number>): PlanUser[] {
  const present = (Object.keys(shares) as Level[]).filter((l) => plan.users[l].length > 0 && shares[l] > 0);
  const total = present.reduce((s, l) => s + shares[l], 0);
  const out: PlanUser[] = [];
  const used: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    // The level furthest below its share so far: a stable interleaving (1 nation, 5 province, 14 commune …).
    const level = present
      .map((l) => ({ l, lag: (shares[l] / total) * (i + 1) - (used[l] ?? 0) }))
      .sort((a, b) => b.lag - a.lag)[0]!.l;
    const users = plan.users[level];
    out.push(users[(used[level] ?? 0) % users.length]!);
    used[level] = (used[level] ?? 0) + 1;
  }
  return out;
}

/** Logs the users in, `parallel` at a time (a login costs an argon2 hash on the server). */
export async function loginAll(baseUrl: string, users: PlanUser[], password: string, parallel = 4) {
  const sessions: Session[] = new Array(users.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, users.length) }, async () => {
      for (let i = next++; i < users.length; i = next++)
        sessions[i] = await login(baseUrl, users[i]!, password);
    }),
  );
  return sessions;
}

export type StepOptions = {
  baseUrl: string;
  plan: Plan;
  sessions: Session[];
  seconds: number;
  /** Mean pause after an answer, ms (each pause 0.5 to 1.5 times it); 0: closed loop at full speed. */
  thinkMs: number;
  exportSlots: number;
  seed: number;
  /** The server process (resident memory and CPU), when it can be read. */
  server?: ProcessProbe;
  /** The PostgreSQL backends of the server's database (their CPU time). */
  database?: DatabaseProbe;
};

type RouteRecord = { kind: string; samples: number[]; errors: number };

export async function runStep(options: StepOptions) {
  const { baseUrl, plan, sessions, seconds, thinkMs } = options;
  const kinds = routeKinds();
  const routes = new Map<string, RouteRecord>();
  const errors: string[] = [];
  let errorCount = 0;
  let exportsRunning = 0;
  const server = options.server;
  const memory: { s: number; rssMiB: number }[] = [];
  const rssBefore = server?.rssMiB() ?? null;
  const cpuBefore = server?.cpuSeconds() ?? null;
  const driverCpu = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const database = options.database;
  const databaseBefore = database ? await database.sample() : null;
  const sampler = setInterval(() => {
    if (server) memory.push({ s: Math.round((performance.now() - t0) / 1000), rssMiB: server.rssMiB() });
    void database?.sample();
  }, 5000);

  const record = (route: string, ms: number, error: string | null) => {
    const r = routes.get(route) ?? { kind: kinds[route] ?? "read", samples: [], errors: 0 };
    routes.set(route, r);
    if (error === null) r.samples.push(ms);
    else {
      r.errors++;
      errorCount++;
      // The first three of each route, so that a frequent one does not hide the others.
      if (errors.filter((e) => e.startsWith(`${route}: `)).length < 3) errors.push(`${route}: ${error}`);
    }
  };

  /** Sends one request and reads the whole answer: its time, its text, and the error (anything but a 2xx). */
  const send = async (session: Session, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie: session.cookie };
    if (method !== "GET") headers["x-csrf-token"] = session.csrfToken;
    if (body !== undefined) headers["content-type"] = "application/json";
    const started = performance.now();
    let error: string | null = null;
    let text = "";
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const bytes = await response.arrayBuffer();
      const json = (response.headers.get("content-type") ?? "").includes("json");
      if (json || response.status >= 300) text = new TextDecoder().decode(bytes);
      if (response.status < 200 || response.status >= 300)
        error = `${response.status} ${method} ${path} ${text.slice(0, 300)}`;
    } catch (e) {
      error = `${method} ${path} ${(e as Error).name}: ${(e as Error).message}`;
    }
    return { ms: performance.now() - started, error, text };
  };

  const loop = async (session: Session, index: number) => {
    const rng = random(options.seed * 7919 + index);
    const pause = () => sleep(thinkMs * (0.5 + rng()));
    if (thinkMs > 0) await sleep(rng() * thinkMs); // staggered start
    while (performance.now() < deadline) {
      const action = chooseAction(session.user.level, rng, exportsRunning < options.exportSlots);
      const call = action.call(session.user.unitId, plan, rng, session.turn++);
      if (!call) {
        await sleep(1); // nothing of that kind here (no search text, no open registration): another pick
        continue;
      }
      if (action.kind === "export") exportsRunning++;
      let body = call.body;
      if (call.open) {
        const opened = await send(session, "GET", call.open.path);
        record(call.open.route, opened.ms, opened.error);
        if (opened.error !== null) {
          if (thinkMs > 0) await pause();
          continue;
        }
        body = { ...body, version: JSON.parse(opened.text).registration.version };
      }
      const sent = await send(session, call.method, call.path, body);
      if (action.kind === "export") exportsRunning--;
      record(action.route, sent.ms, sent.error);
      if (thinkMs > 0) await pause();
    }
  };
  await Promise.all(sessions.map((s, i) => loop(s, i)));
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const databaseCpu = database && databaseBefore !== null ? (await database.sample()) - databaseBefore : null;
  const requests = [...routes.values()].reduce((n, r) => n + r.samples.length + r.errors, 0);
  const cpu = process.cpuUsage(driverCpu);
  const serverCpu = server && cpuBefore !== null ? server.cpuSeconds() - cpuBefore : null;
  const routeReport = Object.fromEntries(
    [...routes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, r]) => [
        route,
        {
          kind: r.kind,
          ...latency(r.samples),
          perSecond: Math.round(((r.samples.length + r.errors) / elapsed) * 10) / 10,
          errors: r.errors,
        },
      ]),
  );
  const reads = Object.entries(routeReport).filter(([, r]) => r.kind === "read" && r.n > 0);
  const slowest = reads.sort((a, b) => b[1].p99Ms - a[1].p99Ms)[0];
  return {
    sessions: sessions.length,
    seconds: Math.round(elapsed * 10) / 10,
    thinkMs,
    requests,
    requestsPerSecond: Math.round((requests / elapsed) * 10) / 10,
    errors: { count: errorCount, first: errors },
    slowestRead: slowest ? { route: slowest[0], p99Ms: slowest[1].p99Ms } : null,
    routes: routeReport,
    server: server
      ? {
          rssBeforeMiB: rssBefore,
          rssAfterMiB: server.rssMiB(),
          rssMaxMiB: Math.max(rssBefore ?? 0, ...memory.map((m) => m.rssMiB)),
          rssEvery5s: memory,
          cpuSeconds: Math.round(serverCpu! * 10) / 10,
          cpuMsPerRequest: Math.round(((serverCpu! * 1000) / Math.max(requests, 1)) * 100) / 100,
        }
      : null,
    database:
      databaseCpu === null
        ? null
        : {
            cpuSeconds: Math.round(databaseCpu * 10) / 10,
            cpuMsPerRequest: Math.round(((databaseCpu * 1000) / Math.max(requests, 1)) * 100) / 100,
          },
    driverCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
  };
}

export type StepReport = Awaited<ReturnType<typeof runStep>>;
