/**
 * The capability table (src/shared/capabilities.ts, docs/ROLES.md) is what the API does: each role, granted on
 * Phường Tây Hồ, takes each action of the titles cycle and the registries on a record prepared for it, and is
 * answered with success exactly where the table allows it and 403 naming the roles that may elsewhere. The
 * database's role → permission mapping (row-level security) is the table's.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../src/server/demo/demo";
import type { RoleName } from "../../src/shared/api";
import {
  type Action,
  actions,
  permissions,
  refusal,
  roleAllows,
  rolePermissions,
} from "../../src/shared/capabilities";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { createTestFund, type FundFixture } from "../helpers/fund";

const title = "learning_family";
/** Each role works on its own year, so that every call finds its record in the state it needs. */
const cases: { role: RoleName; username: string; year: number }[] = [
  { role: "system_admin", username: "quantri", year: 2021 },
  { role: "unit_admin", username: "cap.quantri", year: 2022 },
  { role: "data_entry", username: "cap.nhaplieu", year: 2023 },
  { role: "reviewer", username: "cap.duyet", year: 2024 },
  { role: "viewer", username: "cap.xem", year: 2025 },
  { role: "association_admin", username: "cap.hoi", year: 2026 },
  { role: "treasurer", username: "cap.thuquy", year: 2020 },
  { role: "teacher", username: "cap.giaovien", year: 2019 },
];

describeEachEngine("capability table", (engine) => {
  let t: TestApp;
  let setup: ApiClient; // the unit admin of Hà Nội prepares every record
  let ward: number;
  let households: number[];
  let village: number;
  let fund: FundFixture;
  let activity: number;
  let centre: number;
  let reportTemplate: number;

  const fullMarks = async (registrationId: number) => {
    const registration = (await setup.get(`/api/v1/registrations/${registrationId}`)).body.registration;
    const rubric = (await setup.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
    const scores: Record<string, number> = {};
    for (const criterion of rubric.definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints;
    return { scores, version: registration.version as number };
  };
  const ok = (response: { status: number; body: unknown }, label: string) =>
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  const decisionBody = (year: number, number: string, registrationIds: number[]) => ({
    communeId: ward,
    year,
    title,
    kind: "recognition",
    number,
    signedOn: `${year + 1}-01-05`,
    agencyName: "UBND Phường Tây Hồ",
    signerTitle: "Chủ tịch",
    signerName: "Nguyễn Văn Bình",
    registrationIds,
  });

  /** Records of the year in the state each action needs, prepared by someone else; the calls to make. */
  async function prepare(year: number): Promise<Record<Action, (c: ApiClient) => Promise<any>>> {
    const [toRegister, toAssess, toReview, toDraft, toIssue, toCancel] = households;
    const registered = await setup.post("/api/v1/registrations", {
      year,
      title,
      subjects: [toAssess, toReview, toDraft, toIssue, toCancel].map((id) => ({ kind: "household", id })),
    });
    ok(registered, "register");
    const list = (await setup.get(`/api/v1/registrations?unitId=${ward}&year=${year}&title=${title}`)).body
      .registrations as any[];
    const of = (household: number | undefined) => list.find((r) => r.subject.id === household).id as number;
    for (const household of [toReview, toDraft, toIssue, toCancel]) {
      const id = of(household);
      ok(await setup.post(`/api/v1/registrations/${id}/assessment`, await fullMarks(id)), "assess");
    }
    const review = await setup.post("/api/v1/reviews", {
      unitId: ward,
      year,
      title,
      heldOn: `${year}-12-10`,
      participants: "Chi hội khuyến học, tổ trưởng",
      outcomes: [toDraft, toIssue, toCancel].map((h) => ({ registrationId: of(h), proposed: true })),
    });
    ok(review, "review");
    const toBeIssued = await setup.post(
      "/api/v1/decisions",
      decisionBody(year, `${year}/QĐ-A`, [of(toIssue)]),
    );
    ok(toBeIssued, "draft");
    const toBeCancelled = await setup.post(
      "/api/v1/decisions",
      decisionBody(year, `${year}/QĐ-B`, [of(toCancel)]),
    );
    ok(toBeCancelled, "draft");
    const assessId = of(toAssess);
    const sheet = await fullMarks(assessId);
    const proposal = await setup.post(`/api/v1/funds/${fund.id}/disbursements`, {
      amount: 1_000_000,
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      beneficiaryKind: "student",
      beneficiaryName: `Học sinh ${year}`,
      beneficiaryMinor: true,
      reason: "Học bổng",
    });
    ok(proposal, "propose");
    const plan = await setup.request("PUT", `/api/v1/centres/${centre}/plans/${year}`, {
      items: [{ quarter: 2, activityKind: "talk", topic: "law", plannedCount: 2, expectedParticipants: 80 }],
    });
    ok(plan, "plan");
    // A year closed by someone else, far ahead so that no other call touches it: the probe reopens it.
    await sql`INSERT INTO year_closures (commune_id, province_id, year, closed_by_name)
      SELECT ${ward}, a.id, ${year + 50}, 'Thử vai trò' FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
      WHERE p.descendant_id = ${ward} AND a.level = 'province'`.execute(t.db);
    return {
      "registry.edit": (c) =>
        c.post("/api/v1/households", { villageId: village, headName: `Chủ hộ ${year}`, members: 3 }),
      "association.edit": (c) =>
        c.post("/api/v1/chapters", {
          unitId: village,
          name: `Chi hội ${year}`,
          kind: "village",
          foundedOn: `${year}-03-01`,
        }),
      "commendation.association": (c) =>
        c.post("/api/v1/commendations", {
          communeId: ward,
          year: Math.min(year, new Date().getFullYear() - 1),
          recipient: "collective",
          subjectName: `Chi hội khuyến học ${year}`,
          form: "association_commendation",
          level: "association_commune",
          decisionNumber: `${year}/QĐ-HKH`,
          decisionDate: `${Math.min(year, new Date().getFullYear() - 1)}-12-20`,
        }),
      "cycle.register": (c) =>
        c.post("/api/v1/registrations", { year, title, subjects: [{ kind: "household", id: toRegister }] }),
      "cycle.assess": (c) => c.post(`/api/v1/registrations/${assessId}/assessment`, sheet),
      "cycle.review": (c) =>
        c.post("/api/v1/reviews", {
          unitId: ward,
          year,
          title,
          heldOn: `${year}-12-11`,
          participants: "Chi hội khuyến học",
          outcomes: [{ registrationId: of(toReview), proposed: true }],
        }),
      "cycle.draft": async (c) => {
        const drafted = await c.post("/api/v1/decisions", decisionBody(year, `${year}/QĐ-C`, [of(toDraft)]));
        if (drafted.status >= 300) return drafted;
        return c.delete(`/api/v1/decisions/${toBeCancelled.body.decision.id}`);
      },
      "cycle.issue": (c) => c.post(`/api/v1/decisions/${toBeIssued.body.decision.id}/issue`),
      "fund.keep": (c) =>
        c.post(`/api/v1/funds/${fund.id}/receipts`, {
          receivedOn: "2025-06-01",
          donorName: `Nhà hảo tâm ${year}`,
          reason: "Ủng hộ quỹ",
          amount: 500_000,
          assetAccountId: fund.cash,
          purposeAccountId: fund.general,
        }),
      "fund.approve": (c) =>
        c.post(`/api/v1/funds/${fund.id}/disbursements/${proposal.body.disbursement.id}/approve`),
      "centre.attend": (c) =>
        c.post(`/api/v1/activities/${activity}/sessions`, {
          clientKey: crypto.randomUUID(),
          heldOn: `${Math.min(year, 2025)}-06-0${(year % 9) + 1}`,
          attendees: 12,
          women: 7,
        }),
      "centre.plan.approve": (c) =>
        c.post(`/api/v1/centres/${centre}/plans/${year}/approve`, { version: plan.body.plan.version }),
      "stats.year.close": (c) =>
        c.post("/api/v1/stats/year-close/reopen", { unitId: ward, year: year + 50, reason: "Thử vai trò" }),
      "report.prepare": (c) =>
        c.post(`/api/v1/units/${ward}/reports/preview`, {
          templateId: reportTemplate,
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
        }),
      "privacy.request": (c) =>
        c.post("/api/v1/data-requests", {
          communeId: ward,
          personName: `Người yêu cầu ${year}`,
          kind: "access",
          receivedOn: "2026-11-27",
          channel: "paper",
        }),
      "privacy.log": (c) => c.get(`/api/v1/processing-log?unitId=${ward}`),
      "privacy.breach": (c) =>
        c.post("/api/v1/data-breaches", {
          unitId: ward,
          title: `Mất máy tính ${year}`,
          description: "Máy tính có danh sách hộ bị mất",
          occurredAt: "2025-03-01T08:00",
          discoveredAt: "2025-03-01T10:00",
          peopleAffected: 27,
          dataCategories: ["identity"],
        }),
    };
  }

  beforeAll(async () => {
    t = await demoApp(engine);
    setup = await t.as("hanoi");
    ward = await t.unitId("00103");
    const admin = await t.as("quantri");
    for (const { role, username } of cases.filter((c) => c.username.startsWith("cap."))) {
      const created = await admin.post("/api/v1/users", {
        username,
        fullName: `Thử vai trò ${role}`,
        password: demoPassword,
        role,
        unitId: ward,
      });
      ok(created, `create ${username}`);
    }
    village = (await setup.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    const list = (await setup.get(`/api/v1/households?unitId=${ward}&limit=100`)).body.households as any[];
    households = list.slice(0, 6).map((h) => h.id);
    expect(households).toHaveLength(6);
    fund = await createTestFund(setup, ward);
    const centreRow = await setup.post("/api/v1/centres", { communeId: ward, name: "Trung tâm thử vai trò" });
    ok(centreRow, "centre");
    centre = centreRow.body.centre.id;
    const created = await setup.post("/api/v1/activities", {
      communeId: ward,
      centreId: centre,
      title: "Lớp thử vai trò",
      topic: "law",
      startsOn: "2019-01-01",
      endsOn: "2030-12-31",
    });
    ok(created, "activity");
    activity = created.body.activity.id;
    const templates = (await setup.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
    reportTemplate = templates.find((x) => x.code === "xa-nam" && x.current).id;
  });
  afterAll(() => t?.close());

  it("the database gives each role the permissions of the table", async () => {
    for (const permission of permissions) {
      const { rows } = await sql<{
        roles: string[];
      }>`SELECT hieuhoc_roles_for(${permission}) AS roles`.execute(t.db);
      const expected = (Object.keys(rolePermissions) as RoleName[]).filter((role) =>
        rolePermissions[role].includes(permission),
      );
      expect([...rows[0]!.roles].sort(), permission).toEqual(expected.sort());
    }
  });

  describe.each(cases)("$role", ({ role, username, year }) => {
    it("is allowed exactly the actions of the table, and told who may do the others", async () => {
      const calls = await prepare(year);
      const client = await t.as(username);
      const outcome: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const action of actions) {
        const response = await calls[action](client);
        outcome[action] = response.status < 300 ? "allowed" : String(response.status);
        expected[action] = roleAllows(role, action) ? "allowed" : "403";
        if (response.status === 403)
          expect(response.body.error.message, action).toContain(refusal(action).split(" ở ")[0]);
      }
      expect(outcome).toEqual(expected);
    });
  });
});
