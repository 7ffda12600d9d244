/**
 * The access matrix: every route of the OpenAPI document, called by a user whose grant does not cover the target,
 * is refused (403 or 404) and writes nothing; called anonymously, it is refused with 401. A new route fails this
 * test until it is classified here.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { caseModules } from "./access-cases";
import type { Case } from "./access-cases/types";

/** The tables of the case modules, fingerprinted like the others. */
const moduleTables = caseModules
  .flatMap((m) => m.tables)
  .map(
    (table) =>
      sql`UNION ALL SELECT ${table}, md5(coalesce(string_agg(x::text, ',' ORDER BY id), '')) FROM ${sql.table(table)} x`,
  );

async function fingerprint(t: TestApp) {
  const { rows } = await sql<{ table: string; hash: string }>`
    SELECT 'admin_units' AS table, md5(coalesce(string_agg(a::text, ',' ORDER BY id), '')) AS hash FROM admin_units a
    UNION ALL SELECT 'unit_successions', md5(coalesce(string_agg(s::text, ',' ORDER BY id), '')) FROM unit_successions s
    UNION ALL SELECT 'app_users', md5(coalesce(string_agg(u::text, ',' ORDER BY id), '')) FROM app_users u
    UNION ALL SELECT 'role_grants', md5(coalesce(string_agg(g::text, ',' ORDER BY id), '')) FROM role_grants g
    UNION ALL SELECT 'households', md5(coalesce(string_agg(h::text, ',' ORDER BY id), '')) FROM households h
    UNION ALL SELECT 'clans', md5(coalesce(string_agg(c::text, ',' ORDER BY id), '')) FROM clans c
    UNION ALL SELECT 'organizations', md5(coalesce(string_agg(o::text, ',' ORDER BY id), '')) FROM organizations o
    UNION ALL SELECT 'citizens', md5(coalesce(string_agg(p::text, ',' ORDER BY id), '')) FROM citizens p
    UNION ALL SELECT 'chapters', md5(coalesce(string_agg(c::text, ',' ORDER BY id), '')) FROM chapters c
    UNION ALL SELECT 'chapter_officers', md5(coalesce(string_agg(o::text, ',' ORDER BY id), '')) FROM chapter_officers o
    UNION ALL SELECT 'members', md5(coalesce(string_agg(m::text, ',' ORDER BY id), '')) FROM members m
    UNION ALL SELECT 'chapter_dues', md5(coalesce(string_agg(d::text, ',' ORDER BY id), '')) FROM chapter_dues d
    UNION ALL SELECT 'dues_payments', md5(coalesce(string_agg(d::text, ',' ORDER BY id), '')) FROM dues_payments d
    UNION ALL SELECT 'membership_periods', md5(coalesce(string_agg(p::text, ',' ORDER BY id), '')) FROM membership_periods p
    UNION ALL SELECT 'registrations', md5(coalesce(string_agg(r::text, ',' ORDER BY id), '')) FROM registrations r
    UNION ALL SELECT 'decisions', md5(coalesce(string_agg(d::text, ',' ORDER BY id), '')) FROM decisions d
    UNION ALL SELECT 'reviews', count(*)::text FROM reviews
    UNION ALL SELECT 'rubrics', count(*)::text FROM rubrics
    UNION ALL SELECT 'targets', md5(coalesce(string_agg(x::text, ',' ORDER BY id), '')) FROM targets x
    UNION ALL SELECT 'fund_donors', md5(coalesce(string_agg(d::text, ',' ORDER BY id), '')) FROM fund_donors d
    UNION ALL SELECT 'fund_beneficiaries', md5(coalesce(string_agg(b::text, ',' ORDER BY id), ''))
      FROM fund_beneficiaries b
    UNION ALL SELECT 'funds', md5(coalesce(string_agg(f::text, ',' ORDER BY id), '')) FROM funds f
    UNION ALL SELECT 'fund_accounts', md5(coalesce(string_agg(a::text, ',' ORDER BY id), '')) FROM fund_accounts a
    UNION ALL SELECT 'fund_transactions', count(*)::text FROM fund_transactions
    UNION ALL SELECT 'fund_periods', count(*)::text FROM fund_periods
    UNION ALL SELECT 'fund_counters', count(*) || ':' || coalesce(sum(amount), 0) FROM fund_counters
    UNION ALL SELECT 'fund_disbursements', md5(coalesce(string_agg(d::text, ',' ORDER BY id), ''))
      FROM fund_disbursements d
    UNION ALL SELECT 'fund_disbursement_approvals', count(*)::text FROM fund_disbursement_approvals
    UNION ALL SELECT 'fund_award_rounds', md5(coalesce(string_agg(r::text, ',' ORDER BY id), ''))
      FROM fund_award_rounds r
    UNION ALL SELECT 'fund_award_recipients', count(*)::text FROM fund_award_recipients
    UNION ALL SELECT 'fund_award_round_approvals', count(*)::text FROM fund_award_round_approvals
    UNION ALL SELECT 'audit_log', count(*)::text FROM audit_log
    ${sql.join(moduleTables, sql` `)}`.execute(t.db);
  return rows;
}

describeEachEngine("access matrix", (engine) => {
  let t: TestApp;
  let outsider: ApiClient;
  const cases = new Map<string, Case>();

  beforeAll(async () => {
    t = await demoApp(engine);
    outsider = await t.as("maokhe"); // unit admin of Phường Mạo Khê (Quảng Ninh): admin and write roles, elsewhere
    const hcmProvince = await t.unitId("79", { level: "province" });
    const ward = await t.unitId("27169");
    const villages = await t.db
      .selectFrom("admin_units")
      .select("id")
      .where("parent_id", "=", ward)
      .orderBy("id")
      .execute();
    const hcmUser = await t.db
      .selectFrom("app_users")
      .select("id")
      .where("username", "=", "hcm")
      .executeTakeFirstOrThrow();
    const hcmGrant = await t.db
      .selectFrom("role_grants")
      .select("id")
      .where("user_id", "=", hcmUser.id)
      .executeTakeFirstOrThrow();
    const ownCommune = await t.unitId("07069");
    // Records of TP.HCM to aim at: a household registered and drafted into a decision by the HCM admin.
    const hcm = await t.as("hcm");
    const household = (await hcm.get(`/api/v1/households?unitId=${ward}`)).body.households[0];
    await hcm.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: [{ kind: "household", id: household.id }],
    });
    const registrationId = (await hcm.get(`/api/v1/registrations?unitId=${ward}&year=2025`)).body
      .registrations[0].id;
    const familyRubric = (await hcm.get("/api/v1/rubrics?title=learning_family")).body.rubrics[0];
    const add = (route: string, c: Case) => cases.set(route, c);
    add("GET /health", { kind: "public" });
    add("POST /auth/login", { kind: "public" });
    add("POST /auth/logout", { kind: "public" });
    add("GET /auth/me", { kind: "own", reason: "the caller's own account" });
    add("GET /units/roots", { kind: "own", reason: "lists only the caller's roots (checked below)" });
    add("GET /units/search", { kind: "own", reason: "searches only the caller's scope (checked below)" });
    add("GET /units/villages/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /units/{id}", { kind: "target", path: `/units/${ward}` });
    add("GET /units/{id}/children", { kind: "target", path: `/units/${ward}/children` });
    add("POST /units/{id}/villages", {
      kind: "target",
      path: `/units/${ward}/villages`,
      body: { name: "Khu phố 9", kind: "Khu phố" },
    });
    add("PATCH /units/{id}", {
      kind: "target",
      path: `/units/${villages[0]!.id}`,
      body: { name: "Khu phố Mới", version: 1 },
    });
    add("POST /units/{id}/retire", {
      kind: "target",
      path: `/units/${villages[0]!.id}/retire`,
      body: { date: "2026-01-01", version: 1 },
    });
    add("POST /units/{id}/merge", {
      kind: "target",
      path: `/units/${villages[0]!.id}/merge`,
      body: { intoId: villages[1]!.id, date: "2026-01-01", version: 1 },
    });
    add("POST /units/{id}/villages/import", {
      kind: "target",
      path: `/units/${ward}/villages/import?dryRun=0`,
      form: true,
    });
    add("GET /users", { kind: "target", path: `/users?unitId=${hcmProvince}` });
    add("POST /users", {
      kind: "target",
      path: "/users",
      body: {
        username: "moi.hcm",
        fullName: "Người mới",
        password: "mat-khau-dai-du",
        role: "viewer",
        unitId: ward,
      },
    });
    add("PATCH /users/{id}", {
      kind: "target",
      path: `/users/${hcmUser.id}`,
      body: { disabled: true, version: 1 },
    });
    add("POST /users/{id}/grants", {
      kind: "target",
      path: `/users/${hcmUser.id}/grants`,
      body: { role: "viewer", unitId: ownCommune },
    });
    add("DELETE /grants/{id}", { kind: "target", path: `/grants/${hcmGrant.id}` });
    add("GET /audit", { kind: "target", path: `/audit?unitId=${hcmProvince}` });
    add("GET /households", { kind: "target", path: `/households?unitId=${ward}` });
    add("GET /households/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /households/export.xlsx", { kind: "target", path: `/households/export.xlsx?unitId=${ward}` });
    add("GET /households/{id}", { kind: "target", path: `/households/${household.id}` });
    add("POST /households", {
      kind: "target",
      path: "/households",
      body: { villageId: villages[0]!.id, headName: "Người Ngoài", members: 3 },
    });
    add("PATCH /households/{id}", {
      kind: "target",
      path: `/households/${household.id}`,
      body: { members: 9, version: household.version },
    });
    add("POST /households/{id}/archive", {
      kind: "target",
      path: `/households/${household.id}/archive`,
      body: { reason: "moved" },
    });
    add("POST /units/{id}/households/import", {
      kind: "target",
      path: `/units/${ward}/households/import?dryRun=0`,
      form: true,
    });
    add("GET /registrations", { kind: "target", path: `/registrations?unitId=${ward}&year=2025` });
    add("POST /registrations", {
      kind: "target",
      path: "/registrations",
      body: { year: 2026, title: "learning_family", subjects: [{ kind: "household", id: household.id }] },
    });
    add("GET /registrations/{id}", { kind: "target", path: `/registrations/${registrationId}` });
    add("POST /registrations/{id}/assessment", {
      kind: "target",
      path: `/registrations/${registrationId}/assessment`,
      body: { scores: {}, version: 1 },
    });
    add("POST /reviews", {
      kind: "target",
      path: "/reviews",
      body: {
        unitId: villages[0]!.id,
        year: 2025,
        title: "learning_family",
        heldOn: "2025-12-01",
        participants: "Người ngoài",
        outcomes: [{ registrationId, proposed: true }],
      },
    });
    add("GET /decisions", { kind: "target", path: `/decisions?unitId=${ward}` });
    const decisionBody = {
      communeId: ward,
      year: 2025,
      title: "learning_family",
      number: "1/QĐ",
      signedOn: "2026-01-05",
      agencyName: "UBND",
      signerTitle: "Chủ tịch",
      signerName: "A",
      registrationIds: [registrationId],
    };
    add("POST /decisions", { kind: "target", path: "/decisions", body: decisionBody });
    await t.db
      .insertInto("decisions")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        year: 2025,
        title: "learning_family",
        kind: "recognition",
        number: "9/QĐ",
        signed_on: "2026-01-05",
        agency_name: "UBND",
        signer_title: "Chủ tịch",
        signer_name: "B",
        created_by: hcmUser.id,
        created_by_name: "hcm",
      })
      .execute();
    const decisionId = (
      await t.db.selectFrom("decisions").select("id").where("commune_id", "=", ward).executeTakeFirstOrThrow()
    ).id;
    add("GET /decisions/{id}", { kind: "target", path: `/decisions/${decisionId}` });
    add("POST /decisions/{id}/issue", { kind: "target", path: `/decisions/${decisionId}/issue` });
    add("DELETE /decisions/{id}", { kind: "target", path: `/decisions/${decisionId}` });
    add("GET /decisions/{id}/certificates.pdf", {
      kind: "target",
      path: `/decisions/${decisionId}/certificates.pdf`,
    });
    add("GET /decisions/{id}/decision.docx", {
      kind: "target",
      path: `/decisions/${decisionId}/decision.docx`,
    });
    add("GET /registrations/{id}/certificate.pdf", {
      kind: "target",
      path: `/registrations/${registrationId}/certificate.pdf`,
    });
    add("GET /public/certificates/{code}", { kind: "public" });
    add("POST /units/{id}/registrations/carry-forward", {
      kind: "target",
      path: `/units/${ward}/registrations/carry-forward`,
      body: { fromYear: 2025, toYear: 2026, title: "learning_family" },
    });
    add("GET /todo", { kind: "own", reason: "what is due in the caller's own units" });
    add("GET /registrations/{id}/evidence", {
      kind: "target",
      path: `/registrations/${registrationId}/evidence`,
    });
    add("POST /registrations/{id}/evidence", {
      kind: "target",
      path: `/registrations/${registrationId}/evidence`,
      form: true,
    });
    add("GET /registrations/{id}/evidence/{evidenceId}", {
      kind: "target",
      path: `/registrations/${registrationId}/evidence/1`,
    });
    add("GET /units/{id}/evaluations/template.xlsx", {
      kind: "target",
      path: `/units/${ward}/evaluations/template.xlsx?year=2025&title=learning_family`,
    });
    add("POST /units/{id}/evaluations/import", {
      kind: "target",
      path: `/units/${ward}/evaluations/import?year=2025&title=learning_family&dryRun=0`,
      form: true,
    });
    add("GET /registrations/{id}/tt25/{document}", {
      kind: "target",
      path: `/registrations/${registrationId}/tt25/ban-tong-hop.docx`,
    });
    add("GET /rubrics", {
      kind: "own",
      reason: "criteria sets are public rules, read by every signed-in user",
    });
    add("GET /rubrics/{id}", {
      kind: "own",
      reason: "criteria sets are public rules, read by every signed-in user",
    });
    add("POST /rubrics", {
      kind: "target",
      path: "/rubrics",
      body: {
        provinceId: hcmProvince,
        rubric: {
          meta: {
            code: familyRubric.code,
            title: familyRubric.title,
            name: "Biến thể",
            legalBasis: {
              number: familyRubric.legalNumber,
              date: familyRubric.legalDate,
              issuer: familyRubric.legalIssuer,
            },
            effectiveFrom: familyRubric.effectiveFrom,
            effectiveTo: familyRubric.effectiveTo,
            deadlines: familyRubric.deadlines,
          },
          definition: familyRubric.definition,
        },
      },
    });
    add("POST /rubrics/{id}/confirm", { kind: "target", path: `/rubrics/${familyRubric.id}/confirm` });
    add("GET /stats/rollup", { kind: "target", path: `/stats/rollup?unitId=${hcmProvince}&year=2025` });
    add("GET /stats/rollup.csv", { kind: "target", path: `/stats/rollup.csv?unitId=${ward}&year=2025` });
    add("GET /stats/series", {
      kind: "target",
      path: `/stats/series?unitId=${ward}&title=learning_family&from=2019&to=2025`,
    });
    const hcmTarget = (
      await hcm.post("/api/v1/targets", {
        unitId: hcmProvince,
        title: "learning_family",
        year: 2025,
        value: 75,
        basis: { number: "1/KH-UBND", issuer: "UBND Thành phố Hồ Chí Minh" },
      })
    ).body.target.id;
    add("GET /targets", { kind: "target", path: `/targets?unitId=${ward}&year=2025` });
    add("POST /targets", {
      kind: "target",
      path: "/targets",
      body: {
        unitId: ward,
        title: "learning_clan",
        year: 2025,
        value: 70,
        basis: { number: "2/KH-UBND", issuer: "UBND phường" },
      },
    });
    add("PATCH /targets/{id}", {
      kind: "target",
      path: `/targets/${hcmTarget}`,
      body: { value: 10, version: 1 },
    });
    add("DELETE /targets/{id}", { kind: "target", path: `/targets/${hcmTarget}` });
    add("GET /stats/rollup.xlsx", { kind: "target", path: `/stats/rollup.xlsx?unitId=${ward}&year=2025` });
    add("GET /stats/association", {
      kind: "target",
      path: `/stats/association?unitId=${hcmProvince}&year=2025`,
    });
    add("GET /stats/association/series", {
      kind: "target",
      path: `/stats/association/series?unitId=${ward}&from=2020&to=2025`,
    });
    add("GET /stats/association.csv", {
      kind: "target",
      path: `/stats/association.csv?unitId=${ward}&year=2025`,
    });
    add("GET /stats/association.xlsx", {
      kind: "target",
      path: `/stats/association.xlsx?unitId=${ward}&year=2025`,
    });
    add("GET /stats/fund", { kind: "target", path: `/stats/fund?unitId=${hcmProvince}&year=2025` });
    add("GET /stats/fund/series", {
      kind: "target",
      path: `/stats/fund/series?unitId=${ward}&from=2020&to=2025`,
    });
    add("GET /stats/fund.csv", { kind: "target", path: `/stats/fund.csv?unitId=${ward}&year=2025` });
    add("GET /stats/fund.xlsx", { kind: "target", path: `/stats/fund.xlsx?unitId=${ward}&year=2025` });
    for (const module of caseModules) await module.addCases({ t, hcm, hcmProvince, ward, villages, add });
  });
  afterAll(() => t.close());

  async function routesOfDocument(): Promise<string[]> {
    const doc = (await t.anonymous().get("/api/v1/openapi.json")).body;
    return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  function call(client: ApiClient, route: string, c: Extract<Case, { kind: "target" }>) {
    const method = route.split(" ")[0]!;
    if (c.form) {
      const form = new FormData();
      form.append("file", new File(["Mã,Tên thôn,Loại\nKP9,Khu phố 9,Khu phố\n"], "thon.csv"));
      return client.request(method, `/api/v1${c.path}`, form);
    }
    return client.request(method, `/api/v1${c.path}`, c.body);
  }

  it("classifies every route of the API", async () => {
    const routes = await routesOfDocument();
    expect(routes.length).toBeGreaterThanOrEqual(45);
    expect(routes.filter((r) => !cases.has(r))).toEqual([]);
  });

  it("refuses every targeted route to a user of another province, writing nothing", async () => {
    const before = await fingerprint(t);
    const outcomes: string[] = [];
    for (const [route, c] of cases) {
      if (c.kind !== "target") continue;
      const response = await call(outsider, route, c);
      outcomes.push(
        `${route} → ${[403, 404].includes(response.status) ? "refused" : `${response.status} ${JSON.stringify(response.body)}`}`,
      );
      expect(String(response.body.error?.message), `${route} ${response.status}`).toMatch(
        /[àáảãạăâđèéêìíòóôơùúưỳý]/i,
      ); // a Vietnamese message
    }
    expect(outcomes.filter((o) => !o.endsWith("refused"))).toEqual([]);
    expect(await fingerprint(t)).toEqual(before);
  });

  it("refuses every non-public route to an anonymous caller, writing nothing", async () => {
    const before = await fingerprint(t);
    const anonymous = t.anonymous();
    for (const [route, c] of cases) {
      if (c.kind === "public") continue;
      const [method, path] = route.split(" ") as [string, string];
      const response =
        c.kind === "target"
          ? await call(anonymous, route, c)
          : await anonymous.request(method, `/api/v1${path}`);
      expect(response.status, route).toBe(401);
      expect(response.body.error.code).toBe("unauthenticated");
    }
    expect(await fingerprint(t)).toEqual(before);
  });

  it("lists and searches only inside the caller's scope", async () => {
    const roots = (await outsider.get("/api/v1/units/roots")).body.units;
    expect(roots.map((u: any) => u.code)).toEqual(["07069"]);
    for (const q of ["dien hong", "tay ho", "ha noi", "79"]) {
      expect(
        (await outsider.get(`/api/v1/units/search?q=${encodeURIComponent(q)}&anyDate=1`)).body.units,
      ).toEqual([]);
    }
    // A member of TP.HCM is not found from Mạo Khê by name or by number.
    for (const q of ["vo thi hoi", "Võ Thị Hội", "0001"]) {
      const found = await outsider.get(`/api/v1/members/search?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.members).toEqual([]);
    }
    const users = (await outsider.get("/api/v1/users")).body.users.map((u: any) => u.username);
    expect(users).toEqual(["maokhe"]);
    const audit = (await outsider.get("/api/v1/audit")).body.entries;
    const maoKhe = await t.unitId("07069");
    const inScope = new Set(
      (
        await t.db
          .selectFrom("admin_unit_paths")
          .select("descendant_id")
          .where("ancestor_id", "=", maoKhe)
          .execute()
      ).map((r) => r.descendant_id),
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.filter((e: any) => e.unit !== null && !inScope.has(e.unit.id))).toEqual([]);
  });

  it("refuses a write without the CSRF token, and one from another origin", async () => {
    const tayho = await t.as("tayho");
    const commune = await t.unitId("00103");
    const noToken = await tayho.request(
      "POST",
      `/api/v1/units/${commune}/villages`,
      { name: "X", kind: "Thôn" },
      {
        "x-csrf-token": "wrong",
      },
    );
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe("csrf");
    const foreign = await tayho.request(
      "POST",
      `/api/v1/units/${commune}/villages`,
      { name: "X", kind: "Thôn" },
      {
        origin: "https://evil.example",
      },
    );
    expect(foreign.status).toBe(403);
  });
});
