/**
 * One step of the walk: an operation of the document called by an actor with generated path, query and body,
 * and the answer checked against the document (no 5xx, a documented status, a body matching its schema).
 */
import fc from "fast-check";
import type { ApiClient, TestResponse } from "../api";
import { type Ids, jsonBody, paramValue } from "./arbitraries";
import type { Operation, Verdict } from "./document";

export type Call = {
  path: string;
  body: { kind: "json"; value: unknown } | { kind: "form"; name: string; bytes: Uint8Array } | null;
};

const fileBytes = fc.oneof(
  fc.constant(
    new TextEncoder().encode("Mã hộ,Thôn,Họ và tên chủ hộ,Số nhân khẩu\n1,Tổ dân phố số 1,Lê Văn An,3\n"),
  ),
  fc.uint8Array({ minLength: 0, maxLength: 2000 }),
  fc.constant(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])), // a zip header and nothing else
);

/** The arbitrary of one call of an operation. */
export function callOf(operation: Operation, ids: Ids): fc.Arbitrary<Call> {
  const path = operation.parameters.filter((p) => p.in === "path");
  const query = operation.parameters.filter((p) => p.in === "query");
  const pathValues = fc.tuple(...path.map((p) => paramValue(p.schema, ids, p.name === "id" ? "id" : p.name)));
  const queryValues = fc.tuple(
    ...query.map((p) =>
      p.required
        ? paramValue(p.schema, ids, p.name).map((v) => v as string | null)
        : fc.option(paramValue(p.schema, ids, p.name)),
    ),
  );
  const body: fc.Arbitrary<Call["body"]> = !operation.body
    ? fc.constant(null)
    : operation.body.type === "json"
      ? jsonBody(operation.body.schema, ids).map((value) => ({ kind: "json" as const, value }))
      : fc
          .tuple(fc.constantFrom("danh-sach.csv", "ds.xlsx", "a\u0000b.csv", "../../x.xlsx"), fileBytes)
          .map(([name, bytes]) => ({ kind: "form" as const, name, bytes }));
  return fc.tuple(pathValues, queryValues, body).map(([pv, qv, b]) => {
    let url = operation.path;
    path.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(pv[i]!));
    });
    const search = new URLSearchParams();
    query.forEach((p, i) => {
      if (qv[i] !== null) search.set(p.name, qv[i]!);
    });
    const qs = search.toString();
    return { path: `/api/v1${url}${qs ? `?${qs}` : ""}`, body: b };
  });
}

export async function send(client: ApiClient, operation: Operation, call: Call): Promise<TestResponse> {
  if (!call.body) return client.request(operation.method, call.path);
  if (call.body.kind === "json") return client.request(operation.method, call.path, call.body.value);
  const form = new FormData();
  form.append("file", new File([call.body.bytes as Uint8Array<ArrayBuffer>], call.body.name));
  return client.request(operation.method, call.path, form);
}

export function describeFailure(operation: Operation, actor: string, call: Call, verdict: Verdict): string {
  if (verdict.ok) return "";
  const body = call.body?.kind === "json" ? JSON.stringify(call.body.value).slice(0, 200) : call.body?.name;
  return `${operation.name} as ${actor}: ${call.path.slice(0, 200)} ${body ?? ""} → ${verdict.why}`;
}
