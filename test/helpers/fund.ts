/** Fund tests: people with fund roles in a ward of the demo, and a fund with cash, a bank account and purposes. */
import { spawnSync } from "node:child_process";
import { hashPassword } from "../../src/server/auth/passwords";
import type { Role } from "../../src/server/db/schema";
import { demoPassword } from "../../src/server/demo/demo";
import type { ApiClient, TestApp } from "./api";

export async function addUser(t: TestApp, username: string, role: Role, unitId: number, fullName = username) {
  const user = await t.db
    .insertInto("app_users")
    .values({ username, full_name: fullName, password_hash: await hashPassword(demoPassword) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db.insertInto("role_grants").values({ user_id: user.id, role, unit_id: unitId }).execute();
  return user.id;
}

/**
 * The people of a fund in Tây Hồ: two treasurers (one proposes, the other pays), the ward's reviewer and a unit
 * admin (two approvers; the admin may also keep the books).
 */
export async function fundPeople(t: TestApp) {
  const ward = await t.unitId("00103");
  await addUser(t, "thuquy", "treasurer", ward, "Nguyễn Thị Thủ Quỹ");
  await addUser(t, "ketoan", "treasurer", ward, "Trần Văn Kế Toán");
  await addUser(t, "chutich", "unit_admin", ward, "Lê Văn Chủ Tịch");
  return {
    ward,
    keeper: await t.as("thuquy"),
    cashier: await t.as("ketoan"),
    approver: await t.as("tayho.duyet"),
    chair: await t.as("chutich"),
  };
}

export type FundFixture = {
  id: number;
  cash: number;
  bank: number;
  goods: number;
  general: number;
  poor: number;
};

/** A fund of the ward's Hội: tiền mặt, a bank account, hiện vật; unrestricted and "học bổng học sinh nghèo". */
export async function createTestFund(
  client: ApiClient,
  unitId: number,
  twoApprovalsAbove: number | null = null,
) {
  const response = await client.post("/api/v1/funds", {
    unitId,
    name: "Quỹ khuyến học phường",
    ownerKind: "association",
    mode: "association",
    twoApprovalsAbove,
    accounts: [
      { kind: "cash", name: "Tiền mặt" },
      { kind: "bank", name: "Tài khoản Agribank", bankName: "Agribank", accountNumber: "1500201234567" },
      { kind: "in_kind", name: "Hiện vật" },
    ],
    purposes: [
      { kind: "unrestricted", name: "Quỹ chung" },
      {
        kind: "restricted",
        name: "Học bổng học sinh nghèo",
        condition: "Chỉ chi học bổng cho học sinh nghèo",
      },
    ],
  });
  if (response.status !== 201) throw new Error(`fund: ${response.status} ${JSON.stringify(response.body)}`);
  const fund = response.body.fund;
  const by = (name: string) => fund.accounts.find((a: { name: string }) => a.name === name).id as number;
  return {
    id: fund.id,
    cash: by("Tiền mặt"),
    bank: by("Tài khoản Agribank"),
    goods: by("Hiện vật"),
    general: by("Quỹ chung"),
    poor: by("Học bổng học sinh nghèo"),
  } satisfies FundFixture;
}

/** A business's 20.000.000 đồng for the scholarships, in cash, on `receivedOn`: money for the tests to spend. */
export async function sponsorScholarships(client: ApiClient, fund: FundFixture, receivedOn: string) {
  const response = await client.post(`/api/v1/funds/${fund.id}/receipts`, {
    receivedOn,
    donorName: "Công ty Minh Phát",
    donorKind: "organization",
    reason: "Tài trợ học bổng",
    amount: 20_000_000,
    assetAccountId: fund.cash,
    purposeAccountId: fund.poor,
  });
  if (response.status !== 201)
    throw new Error(`receipt: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.receipt;
}

/** The text of a PDF by pdftotext (poppler-utils; required in CI), or null where it is not installed. */
export function pdfText(bytes: Uint8Array): string | null {
  const result = spawnSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: bytes, encoding: "utf8" });
  if (result.error) {
    if (process.env.CI === "true") throw result.error;
    return null;
  }
  return result.stdout.replace(/\s+/g, " ");
}
