/**
 * Login limits that hold under parallel guessing, delay a stranger's guesses instead of locking the real user out,
 * and count per client address only as far as our own proxies can vouch for it. The server's clock is frozen
 * (Config.now) and moved by hand: no sleeps.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../src/server/app";
import { delaySeconds, maxDelaySeconds } from "../../src/server/auth/login-limits";
import { readConfig } from "../../src/server/config";
import { demoPassword } from "../../src/server/demo/demo";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("login limits", (engine) => {
  let t: TestApp;
  let app: ReturnType<typeof createApp>;
  let clock = new Date("2026-03-02T01:00:00Z");
  const wait = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  beforeAll(async () => {
    t = await demoApp(engine);
    app = createApp(t.db, {
      ...readConfig({ HIEUHOC_TRUSTED_PROXIES: "10.0.0.0/8, fd00::/8" }),
      logLevel: "silent",
      now: () => clock,
    });
  });
  afterAll(() => t.close());

  /** A login from `peer` (the socket's address), optionally with an X-Forwarded-For header. */
  async function login(username: string, password: string, peer: string, forwardedFor?: string) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
    const response = await app.request(
      "http://localhost/api/v1/auth/login",
      { method: "POST", headers, body: JSON.stringify({ username, password }) },
      { incoming: { socket: { remoteAddress: peer, remoteFamily: peer.includes(":") ? "IPv6" : "IPv4" } } },
    );
    return { status: response.status, body: (await response.json()) as any, headers: response.headers };
  }

  const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

  it("checks at most 5 of 200 parallel wrong passwords; the other 195 get 429 with the wait", async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => login("hanoi", "sai-mat-khau", "198.51.100.7")),
    );
    const statuses = responses.map((r) => r.status);
    expect(count(statuses, 401)).toBe(5);
    expect(count(statuses, 429)).toBe(195);
    const refused = responses.find((r) => r.status === 429)!;
    expect(refused.body.error.message).toBe("Đăng nhập sai quá nhiều lần. Thử lại sau 1 giây.");
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  it("lets the right password in once the delay has passed, not 15 minutes later", async () => {
    // Five failures above: the next attempt waits 2^0 = 1 second, even with the right password.
    expect((await login("hanoi", demoPassword, "198.51.100.7")).status).toBe(429);
    wait(1);
    expect((await login("hanoi", demoPassword, "198.51.100.7")).status).toBe(200);

    // A stranger elsewhere guesses 8 times, as fast as the delays allow (1, 2, 4 seconds after the fifth).
    for (let failures = 0; failures < 8; failures++) {
      wait(delaySeconds(failures));
      expect((await login("hanoi", "doan-mo", "203.0.113.66")).status).toBe(401);
    }
    const held = await login("hanoi", demoPassword, "198.51.100.7");
    expect(held.status).toBe(429);
    expect(held.body.error.message).toBe("Đăng nhập sai quá nhiều lần. Thử lại sau 8 giây.");
    wait(8);
    expect((await login("hanoi", demoPassword, "198.51.100.7")).status).toBe(200);
    // However long a guessing run, the wait stays short; the success started the user afresh.
    expect(delaySeconds(200)).toBe(maxDelaySeconds);
    expect(maxDelaySeconds).toBeLessThan(15 * 60);
    expect((await login("hanoi", "sai", "198.51.100.7")).status).toBe(401);
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    // 25 usernames from one untrusted address, each claiming to be someone else: all count against the peer.
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        login(`khong-co-${i}`, "sai-mat-khau", "192.0.2.10", `198.51.100.${100 + i}`),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(count(statuses, 401)).toBe(20);
    expect(count(statuses, 429)).toBe(5);
    expect((await login("khong-co-99", "sai", "192.0.2.10", "198.51.100.200")).status).toBe(429);
  });

  it("uses X-Forwarded-For from a trusted proxy: one client's failures do not lock out its neighbours", async () => {
    const behindProxy = (i: number, client: string) =>
      login(`nguoi-dung-${i}`, "sai-mat-khau", "10.1.2.3", `198.51.100.105, ${client}`);
    const statuses = (
      await Promise.all(Array.from({ length: 25 }, (_, i) => behindProxy(i, "203.0.113.5")))
    ).map((r) => r.status);
    expect(count(statuses, 401)).toBe(20);
    expect(count(statuses, 429)).toBe(5);
    // Another client behind the same proxy still gets its password checked; so does the address the spoofed
    // header above claimed (198.51.100.105), which the untrusted peer could not charge.
    expect((await behindProxy(30, "203.0.113.6")).status).toBe(401);
    expect((await login("nguoi-dung-31", "sai", "10.1.2.3", "198.51.100.105")).status).toBe(401);
    // IPv6 proxies and clients too.
    expect((await login("tayho", demoPassword, "fd00::1", "2001:db8::7")).status).toBe(200);
  });

  it("answers an oversized username or password with 422, not a server error", async () => {
    // Random text does not compress: stored as a key, it would overflow the index entry (a 500).
    const long = await login(randomBytes(10_000).toString("hex"), "sai", "198.51.100.8");
    expect(long.status).toBe(422);
    expect(long.body.error.details.fields.username).toBe("Tên đăng nhập quá dài");
    expect((await login("hanoi", "x".repeat(5000), "198.51.100.8")).status).toBe(422);
  });

  it("reads the address limit and the trusted proxies from the environment", () => {
    const config = readConfig({
      HIEUHOC_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8,::1",
      HIEUHOC_LOGIN_ADDRESS_LIMIT: "50",
      HIEUHOC_LOGIN_ADDRESS_WINDOW_MINUTES: "5",
    });
    expect(config).toMatchObject({
      trustedProxies: ["127.0.0.1", "10.0.0.0/8", "::1"],
      loginAddressLimit: 50,
      loginAddressWindowMinutes: 5,
    });
    expect(readConfig({}).trustedProxies).toEqual([]);
    expect(() => readConfig({ HIEUHOC_TRUSTED_PROXIES: "proxy.local" })).toThrow(/HIEUHOC_TRUSTED_PROXIES/);
    expect(() => readConfig({ HIEUHOC_TRUSTED_PROXIES: "10.0.0.0/40" })).toThrow(/CIDR/);
    expect(() => readConfig({ HIEUHOC_LOGIN_ADDRESS_LIMIT: "nhiều" })).toThrow(/LIMIT/);
  });
});
