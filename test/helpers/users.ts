/** A new account with one grant, made by an administrator through the API, and signed in. */
import { expect } from "vitest";
import type { ApiClient, TestApp } from "./api";

export const testPassword = "hoikhuyenhoc2025";

/** Creates `username` with `role` on `unitId` (a chapter secretary's `chapterId` too) and signs it in. */
export async function signedInUser(
  t: TestApp,
  admin: ApiClient,
  grant: { username: string; role: string; unitId: number; chapterId?: number },
): Promise<ApiClient> {
  // An absent chapterId is left out of the JSON body.
  const body = { ...grant, fullName: grant.username, password: testPassword };
  const created = await admin.post("/api/v1/users", body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return t.anonymous().login(grant.username, testPassword);
}
