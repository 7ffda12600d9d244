/**
 * fast-check arbitraries for the walker: values shaped by a JSON schema (valid-shaped, with ids drawn from the
 * caller's own and other communes' records), and the invalid inputs a clumsy client or an attacker sends:
 * NUL characters, huge strings, impossible dates, wrong types, bad JSON.
 */
import fc from "fast-check";
import type { Schema } from "./document";

export type Ids = { all: number[] };

const datePattern = "^\\d{4}-\\d{2}-\\d{2}$";
const realDate = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
export const impossibleDate = fc.constantFrom(
  "2025-02-30",
  "2024-02-30",
  "2025-13-01",
  "2025-04-31",
  "0000-00-00",
);
const nulText = fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`);
const hugeText = fc.integer({ min: 5_000, max: 120_000 }).map((n) => "Ắ".repeat(n));

const isType = (schema: Schema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

function textFor(schema: Schema): fc.Arbitrary<string> {
  if (schema.pattern === datePattern) return fc.oneof(realDate, impossibleDate);
  if (schema.pattern === "^[0-9A-Za-z._/-]{1,30}$") return fc.stringMatching(/^[0-9A-Za-z._-]{1,12}$/);
  if (schema.pattern === "^[0-9 +.]{8,15}$") return fc.stringMatching(/^09[0-9]{8}$/);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 64);
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, min + 40);
  return fc.oneof(
    fc
      .constantFrom("Nguyễn Văn An", "Tổ dân phố số 1", "Họ Lê", "tay ho", "2025")
      .filter((s) => s.length >= min && s.length <= max),
    fc.string({ minLength: min, maxLength: max, unit: "grapheme" }),
  );
}

/** A value of the shape the schema describes; `ids` feeds every integer that names a record. */
export function shaped(schema: Schema, ids: Ids, key = "", depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((s: Schema) => shaped(s, ids, key, depth + 1)));
  const options: fc.Arbitrary<unknown>[] = [];
  if (isType(schema, "null")) options.push(fc.constant(null));
  if (isType(schema, "string")) options.push(textFor(schema));
  if (isType(schema, "integer") || isType(schema, "number")) {
    if (/(^id$|Id$|Ids$)/.test(key)) options.push(fc.constantFrom(...ids.all));
    else {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -5);
      const max = schema.maximum ?? Math.max(min + 100, 2030);
      options.push(
        isType(schema, "integer") ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true }),
      );
    }
  }
  if (isType(schema, "boolean")) options.push(fc.boolean());
  if (isType(schema, "array")) {
    const items = schema.items ? shaped(schema.items, ids, key, depth + 1) : fc.constant(1);
    options.push(
      fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) }),
    );
  }
  if (isType(schema, "object") || schema.properties) {
    const properties: Record<string, Schema> = schema.properties ?? {};
    const required = new Set<string>(schema.required ?? []);
    const shape = Object.fromEntries(
      Object.entries(properties).map(([name, s]) => [name, shaped(s, ids, name, depth + 1)]),
    );
    options.push(
      fc.record(shape, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) }),
    );
  }
  if (options.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return options.length === 1 ? options[0]! : fc.oneof(...options);
}

/** Replaces string leaves (all of them, or one) by a bad value. */
function mapStrings(value: unknown, replace: (s: string) => string): unknown {
  if (typeof value === "string") return replace(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, replace));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, replace)]));
  return value;
}

const wrongTyped = fc.oneof(
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant("abc"),
  fc.constant(-1),
  fc.constant(1e308),
  fc.constant(true),
  fc.constant({ $gt: "" }),
);

/** A JSON body: valid-shaped, or valid-shaped with one kind of fault. */
export function jsonBody(schema: Schema, ids: Ids): fc.Arbitrary<unknown> {
  const valid = shaped(schema, ids);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: fc.tuple(valid, nulText).map(([v, nul]) => mapStrings(v, () => nul)) },
    { weight: 1, arbitrary: fc.tuple(valid, hugeText).map(([v, huge]) => mapStrings(v, () => huge)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, impossibleDate)
        .map(([v, d]) => mapStrings(v, (s) => (/^\d{4}-/.test(s) ? d : s))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, wrongTyped)
        .map(([v, wrong]) =>
          v && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(Object.keys(v).map((k) => [k, wrong]))
            : wrong,
        ),
    },
  );
}

/** A query or path value: valid-shaped, or a fault. */
export function paramValue(schema: Schema, ids: Ids, name: string): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 4, arbitrary: shaped(schema, ids, name) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          nulText,
          impossibleDate,
          fc.constantFrom("abc", "-1", "1e999", "", "1.5", "99999999999999999999", "%", "../../etc"),
        ),
      },
    )
    .map((value) =>
      value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value),
    );
}

/** Bodies that are no good JSON, or sent under the wrong type (for the 1,000 malformed bodies). */
export const malformedBody: fc.Arbitrary<{ body: string | Uint8Array; type: string | null }> = fc.oneof(
  fc
    .constantFrom(
      '{"a":',
      "{",
      "[",
      "nul",
      "{'a': 1}",
      '{"a":1,}',
      "\uFEFF{}",
      '{"a":"\\u0000"}',
      '"\\ud800"',
      "[".repeat(5000),
    )
    .map((body) => ({ body, type: "application/json" })),
  fc.string({ maxLength: 200 }).map((body) => ({ body, type: "application/json" })),
  fc.constant({ body: "", type: "application/json" }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), type: "text/plain" })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), type: null })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), type: "application/json" })),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((body) => ({ body, type: "application/json" })),
  fc
    .string({ maxLength: 100 })
    .map((s) => ({ body: `--b\r\n${s}`, type: "multipart/form-data; boundary=b" })),
  fc.string({ maxLength: 100 }).map((s) => ({ body: s, type: "multipart/form-data" })),
  fc.string({ maxLength: 100 }).map((s) => ({ body: `a=${s}`, type: "application/x-www-form-urlencoded" })),
);
