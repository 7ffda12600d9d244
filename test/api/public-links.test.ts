/**
 * Absolute links come only from HIEUHOC_PUBLIC_URL (default: the server's own address), never from the Host header
 * of the request: a certificate fetched over a real socket with `Host: evil.example` carries a QR code that points
 * to the configured address (read back from the rendered page with pdftoppm and zbarimg).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../src/server/app";
import { readConfig } from "../../src/server/config";
import { demoPassword } from "../../src/server/demo/demo";
import { decisionBody, scoresFor } from "../fixtures/cycle";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const tools = ["pdftoppm", "zbarimg"].every((tool) => spawnSync("which", [tool]).status === 0);
if (!tools)
  console.warn("[public-links] pdftoppm or zbarimg missing (poppler-utils, zbar-tools): QR not read");
const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-qr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** One HTTP request over a socket, with the Host header an attacker chose. */
function send(port: number, method: string, url: string, headers: Record<string, string>, body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path: url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The text of every QR code on the PDF's pages. */
function qrCodes(pdf: Buffer, name: string): string[] {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "110", file, path.join(dir, name)], { stdio: "ignore" });
  const pages = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"));
  return pages.flatMap((page) =>
    execFileSync("zbarimg", ["-q", "--raw", path.join(dir, page)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"], // zbarimg complains about D-Bus on stderr
    })
      .split("\n")
      .filter(Boolean),
  );
}

describeEachEngine("absolute links", (engine) => {
  let t: TestApp;
  let registrationId: number;
  let code: string;
  beforeAll(async () => {
    t = await demoApp(engine);
    // One household of a Tây Hồ village through the cycle: registered, assessed, reviewed, decided, issued.
    const tayho = await t.as("tayho");
    const ward = await t.unitId("00103");
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0];
    const household = (await tayho.get(`/api/v1/households?unitId=${village.id}`)).body.households[0];
    const year = 2025;
    const subject = { kind: "household", id: household.id };
    await tayho.post("/api/v1/registrations", { year, title: "learning_family", subjects: [subject] });
    const [registration] = (
      await tayho.get(`/api/v1/registrations?unitId=${village.id}&year=${year}&title=learning_family`)
    ).body.registrations;
    const rubric = (await tayho.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
    await tayho.post(`/api/v1/registrations/${registration.id}/assessment`, {
      scores: scoresFor(rubric),
      version: registration.version,
    });
    await tayho.post("/api/v1/reviews", {
      unitId: village.id,
      year,
      title: "learning_family",
      heldOn: `${year}-12-10`,
      participants: "Chi hội khuyến học",
      outcomes: [{ registrationId: registration.id, proposed: true }],
    });
    const draft = await tayho.post(
      "/api/v1/decisions",
      decisionBody(ward, year, "7/QĐ-UBND", [registration.id]),
    );
    const issued = await (await t.as("tayho.duyet")).post(
      `/api/v1/decisions/${draft.body.decision.id}/issue`,
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    registrationId = registration.id;
    code = (await tayho.get(`/api/v1/registrations/${registration.id}`)).body.registration.certificateCode;
    expect(code).toBeTruthy();
  }, 180_000);
  afterAll(() => t.close());

  /** Serves the app with `env` on a socket, logs in and fetches the certificate with `Host: evil.example`. */
  async function certificateWithHostileHost(env: Record<string, string>): Promise<Buffer> {
    const config = { ...readConfig(env), logLevel: "silent" as const };
    const server = serve({ fetch: createApp(t.db, config).fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const host = { host: "evil.example" };
      const login = await send(
        port,
        "POST",
        "/api/v1/auth/login",
        { ...host, "content-type": "application/json" },
        JSON.stringify({ username: "tayho", password: demoPassword }),
      );
      expect(login.status, login.body.toString()).toBe(200);
      const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
      const pdf = await send(port, "GET", `/api/v1/registrations/${registrationId}/certificate.pdf`, {
        ...host,
        cookie,
      });
      expect(pdf.status).toBe(200);
      expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      return pdf.body;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it.skipIf(!tools && process.env.CI !== "true")(
    "puts the server's own address in the QR code, not the request's Host header",
    async () => {
      const pdf = await certificateWithHostileHost({ PORT: "3456" });
      expect(pdf.toString("latin1")).not.toContain("evil.example");
      expect(qrCodes(pdf, `default-${engine}`)).toEqual([`http://127.0.0.1:3456/xac-minh/${code}`]);
    },
    60_000,
  );

  it.skipIf(!tools && process.env.CI !== "true")(
    "puts HIEUHOC_PUBLIC_URL in the QR code when it is set",
    async () => {
      const pdf = await certificateWithHostileHost({
        HIEUHOC_PUBLIC_URL: "https://hieuhoc.tayho.hanoi.gov.vn/",
      });
      expect(qrCodes(pdf, `public-${engine}`)).toEqual([
        `https://hieuhoc.tayho.hanoi.gov.vn/xac-minh/${code}`,
      ]);
    },
    60_000,
  );
});

it("reads HOST and HIEUHOC_PUBLIC_URL, refusing bad values in Vietnamese", () => {
  expect(readConfig({}).host).toBe("127.0.0.1");
  expect(readConfig({}).publicUrl).toBe("http://127.0.0.1:3000");
  expect(readConfig({ HOST: "0.0.0.0", PORT: "8080" }).publicUrl).toBe("http://127.0.0.1:8080");
  expect(readConfig({ HOST: "::1" }).publicUrl).toBe("http://[::1]:3000");
  expect(readConfig({ HOST: "192.168.1.10" }).publicUrl).toBe("http://192.168.1.10:3000");
  expect(readConfig({ HIEUHOC_PUBLIC_URL: "http://192.168.1.10:3000/hieuhoc/" }).publicUrl).toBe(
    "http://192.168.1.10:3000/hieuhoc",
  );
  expect(() => readConfig({ HOST: "bad host" })).toThrow(/^HOST: "bad host" không phải địa chỉ IP/);
  expect(() => readConfig({ HIEUHOC_PUBLIC_URL: "ftp://x" })).toThrow(/^HIEUHOC_PUBLIC_URL/);
  expect(() => readConfig({ HIEUHOC_PUBLIC_URL: "khong-phai-dia-chi" })).toThrow(/không phải địa chỉ web/);
  expect(() => readConfig({ PORT: "70000" })).toThrow(/^PORT/);
});
