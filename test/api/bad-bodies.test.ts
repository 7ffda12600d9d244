/**
 * Bodies a clumsy client or an attacker sends get a 4xx with the API's error body and a Vietnamese message, never
 * a 5xx: malformed JSON, a wrong content type, an empty body, NUL characters, broken multipart, impossible dates,
 * a grant without a unit, another commune's ids. Bodies are limited while they stream in (413 before the body is
 * read), and no API answer may be cached.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES } from "../../src/server/http/error-response";
import { MAX_FORM_BODY_BYTES } from "../../src/server/http/middleware";
import { type ApiClient, demoApp, type TestApp, type TestResponse } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const expectError = (response: TestResponse, status: number, code?: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.error.message).toMatch(/[À-ỹ]/); // a Vietnamese sentence
  if (code) expect(response.body.error.code).toBe(code);
};

describeEachEngine("bad request bodies", (engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let tayho: ApiClient;
  let ward: number;
  let village: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    admin = await t.as("quantri");
    tayho = await t.as("tayho");
    ward = await t.unitId("00103");
    village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
  });
  afterAll(() => t.close());

  it("malformed JSON, an empty body and a wrong content type: 400 and 415, not 500", async () => {
    const send = (path: string, body: string, type: string | null, method = "POST") =>
      tayho.send(method, path, body, type);
    for (const path of ["/api/v1/households", "/api/v1/registrations", "/api/v1/targets"]) {
      expectError(await send(path, '{"headName": "Nguyễn', "application/json"), 400, "bad_request");
      expectError(await send(path, "", "application/json"), 400, "bad_request");
      expectError(await send(path, "headName=A", "text/plain"), 415, "unsupported_media_type");
      expectError(await send(path, '{"a":1}', null), 415, "unsupported_media_type");
    }
    expectError(await send(`/api/v1/units/${village}`, "[1,", "application/json", "PATCH"), 400);
  });

  it("a NUL character in any text field is refused naming the field", async () => {
    const created = await tayho.post("/api/v1/households", {
      villageId: village,
      headName: "Lê Văn\u0000 Tám",
      members: 3,
    });
    expectError(created, 422, "validation");
    expect(created.body.error.details.fields).toHaveProperty("headName");
    const search = await tayho.get(`/api/v1/households?unitId=${ward}&q=a%00b`);
    expectError(search, 422, "validation");
    expect(search.body.error.details.fields).toHaveProperty("q");
    const login = await t.anonymous().post("/api/v1/auth/login", { username: "tay\u0000ho", password: "x" });
    expectError(login, 422, "validation");
    expect(login.body.error.details.fields).toHaveProperty("username");
  });

  it("broken multipart and a form without a file: 400 or 422 with the error body", async () => {
    const path = `/api/v1/units/${ward}/households/import?dryRun=1`;
    const broken = await tayho.send(
      "POST",
      path,
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      "multipart/form-data; boundary=xyz",
    );
    expect([400, 422]).toContain(broken.status);
    expectError(broken, broken.status);
    const noBoundary = await tayho.send("POST", path, "abc", "multipart/form-data");
    expect([400, 422]).toContain(noBoundary.status);
    expectError(noBoundary, noBoundary.status);
    const evidence = await tayho.send(
      "POST",
      "/api/v1/registrations/1/evidence",
      "--b\r\nbroken",
      "multipart/form-data; boundary=b",
    );
    expect([400, 404, 422]).toContain(evidence.status);
    expectError(evidence, evidence.status);
  });

  it("an evidence file whose name holds NUL and folders is stored under a cleaned name", async () => {
    const household = (await tayho.get(`/api/v1/households?unitId=${ward}`)).body.households[0];
    const registered = await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: [{ kind: "household", id: household.id }],
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const registration = await t.db
      .selectFrom("registrations")
      .select("id")
      .where("subject_id", "=", household.id)
      .where("subject_kind", "=", "household")
      .executeTakeFirstOrThrow();
    const form = new FormData();
    form.append("itemKey", "1.1");
    form.append(
      "file",
      new File(["minh chứng"], "C:\\Tai lieu\\bien\u0000ban.pdf", { type: "application/pdf" }),
    );
    const added = await tayho.request("POST", `/api/v1/registrations/${registration.id}/evidence`, form);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const listed = (await tayho.get(`/api/v1/registrations/${registration.id}/evidence`)).body.evidence;
    expect(listed.find((e: any) => e.id === added.body.id).fileName).toBe("bienban.pdf");
  });

  it("impossible dates are refused as 422 naming the field", async () => {
    const retired = await tayho.post(`/api/v1/units/${village}/retire`, { date: "2025-02-30", version: 1 });
    expectError(retired, 422, "validation");
    expect(retired.body.error.details.fields).toHaveProperty("date");
    expectError(await tayho.get(`/api/v1/units/${ward}?date=2025-13-01`), 422, "validation");
    expectError(await tayho.get(`/api/v1/stats/rollup?unitId=${ward}&year=2025&date=2024-02-30`), 422);
    const review = await tayho.post("/api/v1/reviews", { heldOn: "2025-02-29" });
    expectError(review, 422, "validation");
    expect(review.body.error.details.fields.heldOn).toBe("Ngày không có trong lịch");
  });

  it("a grant with unitId null from a unit admin, and another commune's ids: 4xx, not 500", async () => {
    const hanoi = await t.as("hanoi");
    const users = (await admin.get(`/api/v1/users?unitId=${ward}`)).body.users;
    const user = users.find((u: any) => u.username === "to1.tayho");
    const nationwide = await hanoi.post(`/api/v1/users/${user.id}/grants`, { role: "viewer", unitId: null });
    expect([403, 422]).toContain(nationwide.status);
    expectError(nationwide, nationwide.status);
    // Found by the walk: a system administrator granting a unit role with no unit broke a CHECK (500).
    const noUnit = await admin.post(`/api/v1/users/${user.id}/grants`, { role: "viewer", unitId: null });
    expectError(noUnit, 422, "validation");
    expect(noUnit.body.error.details.fields).toHaveProperty("unitId");
    const created = await admin.post("/api/v1/users", {
      username: "khong.don.vi",
      fullName: "Không Đơn Vị",
      password: "mat-khau-dai-du",
      role: "unit_admin",
      unitId: null,
    });
    expectError(created, 422, "validation");

    const maokhe = await t.as("maokhe");
    const commune = await t.unitId("07069");
    const otherClan = (await maokhe.get(`/api/v1/clans?unitId=${commune}`)).body.clans[0];
    const household = (await tayho.get(`/api/v1/households?unitId=${ward}`)).body.households[0];
    const patched = await tayho.patch(`/api/v1/households/${household.id}`, {
      clanId: otherClan?.id ?? 999_999,
      version: household.version,
    });
    expect([403, 404, 422]).toContain(patched.status);
    expectError(patched, patched.status);
    const moved = await tayho.patch(`/api/v1/households/${household.id}`, {
      villageId: (await maokhe.get(`/api/v1/units/${commune}/children`)).body.units[0].id,
      version: household.version,
    });
    expect([403, 404, 422]).toContain(moved.status);
  });

  it("a body over the limit is refused with 413 before it is read; so is a streamed one without a length", async () => {
    let pulled = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 65_536;
          controller.enqueue(new Uint8Array(65_536).fill(0x20));
          if (pulled > 100_000_000) controller.close();
        },
      });
    const declared = await tayho.send("POST", "/api/v1/households", endless(), "application/json", {
      "content-length": String(50_000_000),
    });
    expectError(declared, 413, "payload_too_large");
    expect(pulled).toBeLessThanOrEqual(65_536 * 2);

    pulled = 0;
    const streamed = await tayho.send("POST", "/api/v1/households", endless(), "application/json");
    expectError(streamed, 413, "payload_too_large");
    expect(pulled).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 65_536 * 2);

    pulled = 0;
    const upload = await tayho.send(
      "POST",
      `/api/v1/units/${ward}/households/import?dryRun=1`,
      endless(),
      "multipart/form-data; boundary=xyz",
    );
    expectError(upload, 413, "payload_too_large");
    expect(pulled).toBeLessThanOrEqual(MAX_FORM_BODY_BYTES + 65_536 * 2);
    expect(upload.body.error.message).toContain("21 MB");
  });

  it("every API answer, errors and files included, says Cache-Control: no-store", async () => {
    const answers = [
      await t.anonymous().get("/api/v1/health"),
      await t.anonymous().get("/api/v1/openapi.json"),
      await t.anonymous().get("/api/v1/households"),
      await tayho.get(`/api/v1/households?unitId=${ward}`),
      await tayho.get(`/api/v1/households/export.xlsx?unitId=${ward}`),
      await tayho.get("/api/v1/no-such-route"),
      await tayho.send("POST", "/api/v1/households", "{", "application/json"),
    ];
    for (const answer of answers) expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 200, 200, 404, 400]);
  });
});
