/** What the registry API tests share: uploading an import file, and the export → import round trip. */
import { expect } from "vitest";
import type { ApiClient } from "./api";

export type Registry = "households" | "clans" | "organizations" | "citizens" | "beneficiaries";

/** Posts a file to a commune's import of a registry kind, by its name (a dry run or a real one). */
export function uploadRegistry(
  client: ApiClient,
  registry: string,
  communeId: number,
  body: string | Uint8Array<ArrayBuffer>,
  dryRun: boolean,
  name = `${registry}.csv`,
) {
  const form = new FormData();
  form.append("file", new File([body], name));
  return client.request(
    "POST",
    `/api/v1/units/${communeId}/${registry}/import?dryRun=${dryRun ? 1 : 0}`,
    form,
  );
}

/**
 * The template downloads, and the registry's export of a unit imports back (dry run) with no error and nothing
 * to create or update; returns how many rows were unchanged.
 */
export async function expectExportImportsBack(
  client: ApiClient,
  registry: Registry,
  communeId: number,
): Promise<number> {
  expect((await client.get(`/api/v1/${registry}/template.xlsx`)).status).toBe(200);
  const exported = await client.get(`/api/v1/${registry}/export.xlsx?unitId=${communeId}`);
  expect(exported.status).toBe(200);
  const back = await uploadRegistry(
    client,
    registry,
    communeId,
    new Uint8Array(exported.body as ArrayBuffer),
    true,
    "xuat.xlsx",
  );
  expect(back.body).toMatchObject({ errors: [], created: 0, updated: 0 });
  return back.body.unchanged;
}
