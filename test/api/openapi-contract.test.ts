/**
 * The API contract (issue 7 point 2): the OpenAPI document passes Redocly's recommended ruleset with 0 errors,
 * declares its server base, the session cookie and the CSRF header, an operationId and the error answers for
 * every operation; and a client generated from it with openapi-typescript + openapi-fetch compiles with tsc
 * (a wrong path or a wrong body in that client does not).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, expect, it } from "vitest";
import { operationIdOf } from "../../src/server/http/openapi";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine, engines } from "../helpers/db";

const root = path.resolve(import.meta.dirname, "../..");
const methods = ["get", "post", "put", "patch", "delete"];

describeEachEngine("OpenAPI contract", (engine) => {
  let t: TestApp;
  let doc: any;
  beforeAll(async () => {
    t = await demoApp(engine);
    doc = (await t.anonymous().get("/api/v1/openapi.json")).body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries<any>(doc.paths).flatMap(([route, item]) =>
      Object.entries<any>(item)
        .filter(([method]) => methods.includes(method))
        .map(([method, operation]) => ({ route, method, operation })),
    );

  // The document is the same on both engines: lint it and compile its client once, on the first engine run.
  const once = it.runIf(engine === engines[0]);

  once("passes Redocly's recommended rules with 0 errors", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: path.join(root, "openapi.json"),
      config,
    });
    const errors = problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => `${p.ruleId}: ${p.message} ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it("declares the server base, the security schemes and, per operation, security, operationId and errors", async () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/api/v1" })]);
    expect(doc.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: "apiKey", in: "cookie", name: "hh_session" }),
      csrfToken: expect.objectContaining({ type: "apiKey", in: "header", name: "X-CSRF-Token" }),
    });
    const ids = new Set<string>();
    for (const { route, method, operation } of operations()) {
      const name = `${method.toUpperCase()} ${route}`;
      expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(ids.has(operation.operationId), `${name}: ${operation.operationId} twice`).toBe(false);
      ids.add(operation.operationId);
      const open = ["/health", "/auth/login", "/auth/logout"].includes(route) || route.startsWith("/public/");
      const write = method !== "get";
      const codes = Object.keys(operation.responses);
      if (open) expect(operation.security[0] ?? {}, name).toEqual({});
      else {
        expect(operation.security, name).toEqual([
          write ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] },
        ]);
        expect(codes, name).toEqual(expect.arrayContaining(["401", "403", "404"]));
      }
      if (write) expect(codes, name).toEqual(expect.arrayContaining(["409", "413"]));
      if (operation.requestBody) expect(codes, name).toEqual(expect.arrayContaining(["400", "415", "422"]));
      if (operation.parameters?.length) expect(codes, name).toContain("422");
      expect(codes, name).toContain("503");
      for (const code of codes.filter((c) => c >= "400")) {
        const answer = operation.responses[code];
        const resolved = answer.$ref ? doc.components.responses[answer.$ref.split("/").pop()] : answer;
        expect(resolved.content["application/json"].schema, `${name} ${code}`).toBeDefined();
      }
    }
    expect(ids.size).toBeGreaterThan(80);
    // Stable names: derived from the method and the path, so they change only when the route does.
    expect(doc.paths["/units/{id}/children"].get.operationId).toBe("getUnitsChildren");
    expect(doc.paths["/households/{id}"].patch.operationId).toBe("patchHouseholdsById");
    expect(operationIdOf("post", "/units/{id}/households/import")).toBe("postUnitsHouseholdsImport");
    expect(doc.components.responses.Unprocessable.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Error",
    });
  });

  it("paths are relative to the server base: each one reaches its route under /api/v1", async () => {
    const viewer = await t.as("to1.tayho");
    for (const { route, method } of operations()) {
      if (method !== "get" || route.includes("{")) continue;
      const answer = await viewer.get(`/api/v1${route}`);
      expect(answer.body?.error?.message, route).not.toBe("Không có địa chỉ API này");
    }
  });

  once(
    "a client generated with openapi-typescript and openapi-fetch compiles; misuse does not",
    async () => {
      const dir = await mkdtemp(path.join(root, ".openapi-client-"));
      try {
        // schema.ts, not .d.ts: skipLibCheck below skips the libraries' declarations (DOM, openapi-fetch), not ours.
        await writeFile(path.join(dir, "schema.ts"), astToString(await openapiTS(doc)));
        const client = `import createClient from "openapi-fetch";
import type { paths } from "./schema";

const api = createClient<paths>({ baseUrl: "http://localhost:3000/api/v1" });

export async function logIn(username: string, password: string): Promise<string> {
  const { data, error } = await api.POST("/auth/login", { body: { username, password } });
  if (error) throw new Error(error.error.message);
  const roles: string[] = data.user.grants.map((grant) => grant.role);
  return \`\${data.csrfToken} \${roles.join(",")}\`;
}

export async function children(id: number, csrf: string) {
  const units = await api.GET("/units/{id}/children", { params: { path: { id } } });
  const names: string[] = (units.data?.units ?? []).map((unit) => unit.name);
  const saved = await api.PATCH("/units/{id}", {
    params: { path: { id } },
    body: { name: names[0] ?? "Thôn 1", version: 1 },
    headers: { "X-CSRF-Token": csrf },
  });
  if (saved.error) {
    const fields: unknown = saved.error.error.details;
    return fields;
  }
  return names;
}
`;
        const misuse = `import createClient from "openapi-fetch";
import type { paths } from "./schema";

const api = createClient<paths>({ baseUrl: "/api/v1" });
export const wrongPath = () => api.GET("/no-such-route");
export const wrongBody = () => api.POST("/auth/login", { body: { username: 1 } });
`;
        await writeFile(path.join(dir, "client.ts"), client);
        await writeFile(path.join(dir, "misuse.ts"), misuse);
        const tsc = async (files: string[]) => {
          const options = {
            strict: true,
            noEmit: true,
            target: "es2022",
            module: "esnext",
            moduleResolution: "bundler",
            lib: ["es2023", "dom"],
            types: [],
            skipLibCheck: true,
          };
          const config = path.join(dir, "tsconfig.json");
          await writeFile(config, JSON.stringify({ compilerOptions: options, files }));
          return promisify(execFile)(
            process.execPath,
            [path.join(root, "node_modules/typescript/bin/tsc"), "-p", config],
            { cwd: dir },
          ).then(
            () => "",
            (error: { stdout: string }) => error.stdout,
          );
        };
        // One compiler run: the client compiles clean, the two misuses are the only errors.
        const errors = (await tsc(["client.ts", "misuse.ts"])).split("\n").filter((l) => /error TS/.test(l));
        expect(errors.filter((line) => !line.startsWith("misuse.ts"))).toEqual([]);
        expect(errors.some((line) => line.startsWith("misuse.ts(5,"))).toBe(true);
        expect(errors.some((line) => line.startsWith("misuse.ts(6,"))).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
