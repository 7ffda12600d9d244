/**
 * The viewer-role field test's walk (issue 12, item 7): every GET operation of the OpenAPI document called with
 * real ids of the caller's commune, and every answer (JSON, CSV, XLSX) searched for the values planted in fields
 * the caller's role may not see. PDF and DOCX answers are not read (the documents show names and villages only).
 */
import ExcelJS from "exceljs";
import type { ApiClient, TestApp } from "./api";
import type { Operation } from "./walker/document";

/** A planted value: the kind and field it was written to, and the value. */
export type Planted = { kind: string; key: string; value: string | number | boolean };

/** The table of the rows a path's first segment names, for its `{id}`. */
const tables: Record<string, string> = {
  households: "households",
  clans: "clans",
  organizations: "organizations",
  citizens: "citizens",
  chapters: "chapters",
  members: "members",
  donors: "fund_donors",
  beneficiaries: "fund_beneficiaries",
  centres: "learning_centres",
  activities: "centre_activities",
  registrations: "registrations",
  decisions: "decisions",
  funds: "funds",
  "needs-surveys": "needs_surveys",
  rubrics: "rubrics",
};

export type WalkPlace = { communeId: number; villageId: number; year: number };

/**
 * The URLs of an operation: `/units/{id}` and `unitId` on the village and on the commune, other ids the newest row
 * of their table.
 */
export async function urlsOf(t: TestApp, operation: Operation, place: WalkPlace): Promise<string[]> {
  const segment = operation.path.split("/")[1]!;
  const ids =
    segment === "units"
      ? [place.villageId, place.communeId]
      : tables[segment]
        ? [await newest(t, tables[segment]!)]
        : [1];
  const units = operation.parameters.some((p) => p.name === "unitId")
    ? [place.villageId, place.communeId]
    : [0];
  const urls: string[] = [];
  for (const id of ids)
    for (const unitId of units) {
      let url = operation.path;
      const search = new URLSearchParams();
      for (const parameter of operation.parameters) {
        const value = parameterValue(parameter.name, parameter.schema, id, { ...place, villageId: unitId });
        if (parameter.in === "path") url = url.replace(`{${parameter.name}}`, encodeURIComponent(value));
        else if (parameter.in === "query" && (parameter.required || ["unitId", "q"].includes(parameter.name)))
          search.set(parameter.name, value);
      }
      const qs = search.toString();
      urls.push(`/api/v1${url}${qs ? `?${qs}` : ""}`);
    }
  return urls;
}

async function newest(t: TestApp, table: string): Promise<number> {
  const row = await (t.db as any).selectFrom(table).select("id").orderBy("id", "desc").executeTakeFirst();
  return row ? Number(row.id) : 1;
}

function parameterValue(name: string, schema: any, id: number, place: WalkPlace): string {
  const values = schema?.enum ?? schema?.anyOf?.flatMap((s: { enum?: string[] }) => s.enum ?? []);
  if (values?.length) return String(values[0]);
  if (name === "id") return String(id);
  if (name === "unitId") return String(place.villageId);
  if (name === "year" || name === "to") return String(place.year);
  if (name === "from") return String(place.year - 3);
  if (name === "q") return "rieng";
  if (name === "code") return "ABCDEF2345";
  return "1";
}

/** The texts of an answer: JSON as it is, CSV as text, an XLSX's cells; null for other files. */
export async function answerTexts(type: string, body: unknown): Promise<unknown> {
  if (type.includes("json")) return body;
  const bytes = Buffer.from(body as ArrayBuffer);
  if (type.includes("csv")) return { "#csv": bytes.toString("utf8") };
  if (type.includes("spreadsheetml")) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))));
    return { "#cells": cells };
  }
  return null;
}

/**
 * The planted values found in an answer: a property named as the field holding the value, a cell holding it, a
 * text holding a planted text (a copy under another name), or a CSV holding the value as a word.
 */
export function leaksIn(content: unknown, planted: readonly Planted[]): Planted[] {
  const found = new Set<Planted>();
  const visit = (value: unknown, key: string | null) => {
    if (Array.isArray(value)) for (const v of value) visit(v, key);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, k);
    else
      for (const p of planted)
        if (
          ((key === p.key || key === "#cells") && value === p.value) ||
          (typeof value === "string" && typeof p.value === "string" && value.includes(p.value)) ||
          (key === "#csv" && typeof value === "string" && new RegExp(`\\b${p.value}\\b`).test(value))
        )
          found.add(p);
  };
  visit(content, null);
  return [...found];
}

/** Walks every GET operation as `client`; returns the leaks, "operation → kind.field", and the calls made. */
export async function walkGets(
  t: TestApp,
  client: ApiClient,
  operations: readonly Operation[],
  place: WalkPlace,
  planted: readonly Planted[],
): Promise<{ leaks: string[]; seen: Set<Planted>; calls: number }> {
  const leaks: string[] = [];
  const seen = new Set<Planted>();
  let calls = 0;
  for (const operation of operations.filter((o) => o.method === "GET")) {
    for (const url of await urlsOf(t, operation, place)) {
      calls++;
      const answer = await client.get(url);
      if (answer.status !== 200) continue;
      const content = await answerTexts(answer.headers.get("content-type") ?? "", answer.body);
      for (const p of leaksIn(content, planted)) {
        seen.add(p);
        leaks.push(`${url} → ${p.kind}.${p.key}`);
      }
    }
  }
  return { leaks, seen, calls };
}
