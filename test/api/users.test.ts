import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("users and roles", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("a province admin creates a commune user, who then works only in that commune", async () => {
    const hanoi = await t.as("hanoi");
    const phuThuong = await t.unitId("00091");
    const created = await hanoi.post("/api/v1/users", {
      username: "phuthuong",
      fullName: "Cán bộ phường Phú Thượng",
      password: "mat-khau-phu-thuong",
      role: "data_entry",
      unitId: phuThuong,
    });
    expect(created.status).toBe(201);
    expect(created.body.user.grants[0]).toMatchObject({ role: "data_entry", unit: { code: "00091" } });
    const listed = (await hanoi.get("/api/v1/users")).body.users.map((u: any) => u.username);
    expect(listed).toContain("phuthuong");
    expect(listed).not.toContain("hcm");
    const user = await t.anonymous().login("phuthuong", "mat-khau-phu-thuong");
    expect((await user.get(`/api/v1/units/${phuThuong}`)).status).toBe(200);
    expect((await user.get(`/api/v1/units/${await t.unitId("27169")}`)).status).toBe(404);
    // Phường Tây Hồ also succeeded old Phú Thượng: its name shows in the history, its contents stay closed.
    // (The children list keeps only units in the caller's scope, as for a grant on one village: none here.)
    const tayhoChildren = await user.get(`/api/v1/units/${await t.unitId("00103")}/children`);
    expect(tayhoChildren.status).toBe(200);
    expect(tayhoChildren.body.units).toEqual([]);
    const audit = (await hanoi.get("/api/v1/audit")).body.entries
      .slice(0, 2)
      .map((e: any) => [e.action, e.entity]);
    expect(audit).toEqual([
      ["grant", "role_grant"],
      ["create", "user"],
    ]);
  });

  it("only a system admin grants system admin; a unit admin cannot grant outside their units", async () => {
    const hanoi = await t.as("hanoi");
    const denied = await hanoi.post("/api/v1/users", {
      username: "quantri2",
      fullName: "Không được",
      password: "mat-khau-dai-du",
      role: "system_admin",
      unitId: null,
    });
    expect(denied.status).toBe(403);
    const quantri = await t.as("quantri");
    const ok = await quantri.post("/api/v1/users", {
      username: "quantri2",
      fullName: "Quản trị 2",
      password: "mat-khau-dai-du",
      role: "system_admin",
      unitId: null,
    });
    expect(ok.status).toBe(201);
  });

  it("revoking a grant or disabling a user takes effect at once", async () => {
    const hanoi = await t.as("hanoi");
    const tayho = await t.as("tayho");
    const users = (await hanoi.get("/api/v1/users")).body.users;
    const target = users.find((u: any) => u.username === "tayho.duyet");
    expect((await hanoi.delete(`/api/v1/grants/${target.grants[0].id}`)).status).toBe(204);
    const reviewer = await t.as("tayho.duyet");
    expect((await reviewer.get("/api/v1/units/roots")).body.units).toEqual([]);
    const tayhoUser = users.find((u: any) => u.username === "tayho");
    expect(
      (await hanoi.patch(`/api/v1/users/${tayhoUser.id}`, { disabled: true, version: tayhoUser.version }))
        .status,
    ).toBe(204);
    expect((await tayho.get("/api/v1/units/roots")).status).toBe(401);
    const relogin = await t
      .anonymous()
      .post("/api/v1/auth/login", { username: "tayho", password: "hieuhoc2025" });
    expect(relogin.status).toBe(401);
    expect(relogin.body.error.message).toContain("khóa");
  });

  it("names invalid fields in Vietnamese", async () => {
    const hanoi = await t.as("hanoi");
    const bad = await hanoi.post("/api/v1/users", {
      username: "A B",
      fullName: "",
      password: "ngan",
      role: "viewer",
      unitId: 1,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toMatchObject({
      username: expect.stringContaining("Tên đăng nhập"),
      fullName: "Nhập họ tên",
      password: "Mật khẩu cần ít nhất 10 ký tự",
    });
  });
});
