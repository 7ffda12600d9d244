/**
 * The operations of the API's OpenAPI document, with every $ref resolved, and a validator of answers against
 * the documented responses (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export type Schema = Record<string, any>;
export type Parameter = {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: Schema;
};
export type Operation = {
  method: string;
  path: string;
  name: string;
  parameters: Parameter[];
  body: { type: "json" | "form"; schema: Schema } | null;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const methods = ["get", "post", "put", "patch", "delete"];

/** Replaces every local $ref ('#/components/…') by what it points to (the document has no recursive schema). */
export function resolveRefs(value: any, document: any, depth = 0): any {
  if (depth > 50) throw new Error("recursive $ref");
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, document, depth + 1));
  if (!value || typeof value !== "object") return value;
  if (typeof value.$ref === "string" && value.$ref.startsWith("#/")) {
    const target = value.$ref
      .slice(2)
      .split("/")
      .reduce((node: any, key: string) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], document);
    if (target === undefined) throw new Error(`unresolved ${value.$ref}`);
    return resolveRefs(target, document, depth + 1);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, document, depth + 1)]));
}

export function operationsOf(document: any): Operation[] {
  const resolved = resolveRefs(document.paths, document);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(resolved))
    for (const [method, operation] of Object.entries<any>(item)) {
      if (!methods.includes(method)) continue;
      const content = operation.requestBody?.content ?? {};
      const body = content["application/json"]
        ? { type: "json" as const, schema: content["application/json"].schema ?? {} }
        : content["multipart/form-data"]
          ? { type: "form" as const, schema: content["multipart/form-data"].schema ?? {} }
          : null;
      operations.push({
        method: method.toUpperCase(),
        path,
        name: `${method.toUpperCase()} ${path}`,
        parameters: operation.parameters ?? [],
        body,
        responses: operation.responses,
      });
    }
  return operations;
}

export type Verdict = { ok: true } | { ok: false; why: string };

/** Checks an answer against its operation: documented status, and a JSON body matching the documented schema. */
export function answerChecker() {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addFormat("binary", true);
  const compiled = new Map<Schema, ReturnType<typeof ajv.compile>>();
  return (operation: Operation, status: number, type: string, body: unknown): Verdict => {
    if (status >= 500)
      return { ok: false, why: `server error ${status}: ${JSON.stringify(body).slice(0, 300)}` };
    const documented = operation.responses[String(status)];
    if (!documented)
      return { ok: false, why: `undocumented status ${status}: ${JSON.stringify(body).slice(0, 300)}` };
    const schema = documented.content?.["application/json"]?.schema;
    if (!type.includes("json")) {
      if (schema && status !== 204) return { ok: false, why: `${status} documented as JSON, sent ${type}` };
      return { ok: true };
    }
    if (!schema) {
      const declared = Object.keys(documented.content ?? {});
      return declared.length === 0 || declared.some((t) => t.includes("json"))
        ? { ok: false, why: `${status} sent JSON, documented without a body` }
        : { ok: false, why: `${status} sent JSON, documented as ${declared.join(", ")}` };
    }
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    if (validate(body)) return { ok: true };
    return {
      ok: false,
      why: `${status} body does not match its schema: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 300)}`,
    };
  };
}
