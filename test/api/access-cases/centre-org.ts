/** Access cases of a learning centre's organisation: its decisions, staff and history (migration 0027). */
import type { CaseModule } from "./types";

export const centreOrgCases: CaseModule = {
  tables: ["centre_decisions", "centre_staff", "centre_successions", "learning_centres"],
  async addCases({ t, hcmProvince, ward, add }) {
    const centre = await t.db
      .insertInto("learning_centres")
      .values({ commune_id: ward, province_id: hcmProvince, code: "ORG", name: "Trung tâm có quyết định" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const decision = {
      kind: "other",
      number: "01/QĐ-UBND",
      signedOn: "2025-08-01",
      signerName: "Nguyễn Văn A",
      signerTitle: "Chủ tịch",
      issuer: "UBND phường",
    };
    add("GET /centres/{id}/decisions", { kind: "target", path: `/centres/${centre.id}/decisions` });
    add("POST /centres/{id}/decisions", {
      kind: "target",
      path: `/centres/${centre.id}/decisions`,
      body: decision,
    });
    add("GET /centres/{id}/staff", { kind: "target", path: `/centres/${centre.id}/staff` });
    add("PUT /centres/{id}/staff", {
      kind: "target",
      path: `/centres/${centre.id}/staff`,
      body: { staff: [{ role: "director", fullName: "Lê Văn B" }] },
    });
    add("GET /centres/{id}/history", { kind: "target", path: `/centres/${centre.id}/history` });
  },
};
