/** Access cases of the consent register and its printed forms (issue 12, item 2). */
import type { CaseModule } from "./types";

export const consentCases: CaseModule = {
  tables: ["consents"],
  async addCases({ t, hcmProvince, ward, add }) {
    const donor = await t.db
      .insertInto("fund_donors")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        code: "DY01",
        name: "Ngoài Phạm Vi",
        kind: "person",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const consent = await t.db
      .insertInto("consents")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        subject_kind: "donors",
        subject_id: donor.id,
        purpose: "photo",
        given_at: "2026-01-05",
        method: "paper",
        notice_version: "2026.1",
        recorded_by_name: "hcm",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const subject = { kind: "donors", id: donor.id };
    add("GET /consents", { kind: "target", path: `/consents?kind=donors&id=${donor.id}` });
    add("POST /consents", {
      kind: "target",
      path: "/consents",
      body: {
        subject,
        purpose: "public_disclosure_name",
        givenAt: "2026-01-05",
        method: "paper",
        noticeVersion: "2026.1",
      },
    });
    add("POST /consents/{id}/withdraw", {
      kind: "target",
      path: `/consents/${consent.id}/withdraw`,
      body: { reason: "Ngoài phạm vi" },
    });
    add("GET /units/{id}/consent-forms/{form}", {
      kind: "target",
      path: `/units/${ward}/consent-forms/photo.docx`,
    });
  },
};
