/**
 * Access cases of the registries besides households (clans, organisations, citizens), aimed at a clan, an
 * organisation and a citizen of Phường Sài Gòn. Their tables are fingerprinted with the matrix's own
 * (test/api/access.test.ts).
 */
import type { CaseModule } from "./types";

export const registryCases: CaseModule = {
  tables: [],
  async addCases({ t, hcm, hcmProvince, ward, villages, add }) {
    // Registries of TP.HCM: a clan, an organisation and a citizen of the ward (and a household for the clan).
    const household = (await hcm.get(`/api/v1/households?unitId=${ward}`)).body.households[0];
    const clan = await t.db
      .insertInto("clans")
      .values({ commune_id: ward, province_id: hcmProvince, name: "Họ Trần", head_name: "Trần Văn Lớn" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const organization = await t.db
      .insertInto("organizations")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        unit_id: ward,
        code: "TH01",
        name: "Trường Tiểu học Điện Biên",
        kind: "school",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const citizen = await t.db
      .insertInto("citizens")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        village_id: villages[0]!.id,
        full_name: "Lê Thị Học",
        birth_year: 1990,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("GET /clans", { kind: "target", path: `/clans?unitId=${ward}` });
    add("GET /clans/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /clans/export.xlsx", { kind: "target", path: `/clans/export.xlsx?unitId=${ward}` });
    add("GET /clans/{id}", { kind: "target", path: `/clans/${clan.id}` });
    add("POST /clans", {
      kind: "target",
      path: "/clans",
      body: { communeId: ward, name: "Họ Ngoài", headName: "Người Ngoài" },
    });
    add("PATCH /clans/{id}", {
      kind: "target",
      path: `/clans/${clan.id}`,
      body: { headName: "Người Ngoài", version: 1 },
    });
    add("PUT /clans/{id}/households", {
      kind: "target",
      path: `/clans/${clan.id}/households`,
      body: { householdIds: [household.id] },
    });
    add("POST /clans/{id}/archive", { kind: "target", path: `/clans/${clan.id}/archive` });
    add("POST /units/{id}/clans/import", {
      kind: "target",
      path: `/units/${ward}/clans/import?dryRun=0`,
      form: true,
    });
    add("GET /organizations", { kind: "target", path: `/organizations?unitId=${ward}` });
    add("GET /organizations/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /organizations/export.xlsx", {
      kind: "target",
      path: `/organizations/export.xlsx?unitId=${ward}`,
    });
    add("GET /organizations/{id}", { kind: "target", path: `/organizations/${organization.id}` });
    add("POST /organizations", {
      kind: "target",
      path: "/organizations",
      body: { unitId: ward, name: "Công ty Ngoài", kind: "enterprise" },
    });
    add("PATCH /organizations/{id}", {
      kind: "target",
      path: `/organizations/${organization.id}`,
      body: { name: "Trường Ngoài", version: 1 },
    });
    add("POST /organizations/{id}/archive", {
      kind: "target",
      path: `/organizations/${organization.id}/archive`,
    });
    add("POST /units/{id}/organizations/import", {
      kind: "target",
      path: `/units/${ward}/organizations/import?dryRun=0`,
      form: true,
    });
    add("GET /citizens", { kind: "target", path: `/citizens?unitId=${ward}` });
    add("GET /citizens/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /citizens/export.xlsx", { kind: "target", path: `/citizens/export.xlsx?unitId=${ward}` });
    add("GET /citizens/{id}", { kind: "target", path: `/citizens/${citizen.id}` });
    add("POST /citizens", {
      kind: "target",
      path: "/citizens",
      body: { villageId: villages[0]!.id, fullName: "Người Ngoài", birthYear: 1980 },
    });
    add("PATCH /citizens/{id}", {
      kind: "target",
      path: `/citizens/${citizen.id}`,
      body: { birthYear: 1991, version: 1 },
    });
    add("POST /citizens/{id}/archive", { kind: "target", path: `/citizens/${citizen.id}/archive` });
    add("POST /units/{id}/citizens/import", {
      kind: "target",
      path: `/units/${ward}/citizens/import?dryRun=0`,
      form: true,
    });
  },
};
