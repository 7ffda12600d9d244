/**
 * A session ends with its password: a new password (set by an administrator or by the user) or a disabled
 * account deletes every session of that user in the same transaction, so a stolen cookie stops working at once.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("sessions end with the password", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  async function userOf(admin: ApiClient, username: string) {
    return (await admin.get("/api/v1/users")).body.users.find((u: any) => u.username === username);
  }
  const sessionsOf = async (username: string) =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions s JOIN app_users u ON u.id = s.user_id
        WHERE u.username = ${username}`.execute(t.db)
    ).rows[0]!.n;

  it("an administrator's new password signs the user out everywhere", async () => {
    const hanoi = await t.as("hanoi");
    const laptop = await t.as("tayho");
    const phone = await t.as("tayho");
    expect((await laptop.get("/api/v1/auth/me")).status).toBe(200);
    const tayho = await userOf(hanoi, "tayho");
    const changed = await hanoi.patch(`/api/v1/users/${tayho.id}`, {
      password: "mat-khau-moi-2026",
      version: tayho.version,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(204);
    expect((await laptop.get("/api/v1/auth/me")).status).toBe(401);
    expect((await phone.get("/api/v1/units/roots")).status).toBe(401);
    expect(await sessionsOf("tayho")).toBe(0);
    expect(
      (await t.anonymous().post("/api/v1/auth/login", { username: "tayho", password: "hieuhoc2025" })).status,
    ).toBe(401);
    await t.anonymous().login("tayho", "mat-khau-moi-2026");
  });

  it("a user's own new password ends their other sessions too", async () => {
    const here = await t.as("hanoi");
    const elsewhere = await t.as("hanoi");
    const me = await userOf(here, "hanoi");
    const changed = await here.patch(`/api/v1/users/${me.id}`, {
      password: "mat-khau-cua-toi",
      version: me.version,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(204);
    expect((await elsewhere.get("/api/v1/auth/me")).status).toBe(401);
    expect((await here.get("/api/v1/auth/me")).status).toBe(401);
    await t.anonymous().login("hanoi", "mat-khau-cua-toi");
  });

  it("disabling an account deletes its sessions; a refused change deletes nothing", async () => {
    const admin = await t.as("quantri");
    const viewer = await t.as("to1.tayho");
    const user = await userOf(admin, "to1.tayho");
    // A stale save (409) is rolled back whole: the password stays, and so do the sessions.
    const stale = await admin.patch(`/api/v1/users/${user.id}`, {
      password: "khong-duoc-luu",
      version: user.version + 1,
    });
    expect(stale.status).toBe(409);
    expect((await viewer.get("/api/v1/auth/me")).status).toBe(200);
    const disabled = await admin.patch(`/api/v1/users/${user.id}`, { disabled: true, version: user.version });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(204);
    expect(await sessionsOf("to1.tayho")).toBe(0);
    expect((await viewer.get("/api/v1/auth/me")).status).toBe(401);
    // A name change alone leaves the sessions alone.
    const hcm = await t.as("hcm");
    const hcmUser = await userOf(admin, "hcm");
    const renamed = await admin.patch(`/api/v1/users/${hcmUser.id}`, {
      fullName: "Quản trị TP.HCM",
      version: hcmUser.version,
    });
    expect(renamed.status).toBe(204);
    expect((await hcm.get("/api/v1/auth/me")).status).toBe(200);
  });
});
