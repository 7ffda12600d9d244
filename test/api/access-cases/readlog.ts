/** Access cases of the processing log and the breach register (issue 12, items 5 and 6). */
import type { CaseModule } from "./types";

export const readlogCases: CaseModule = {
  tables: ["processing_log", "data_breaches"],
  async addCases({ t, hcm, hcmProvince, ward, add }) {
    const breach = await t.db
      .insertInto("data_breaches")
      .values({
        unit_id: ward,
        province_id: hcmProvince,
        title: "Lộ danh sách hội viên",
        description: "Tệp gửi nhầm địa chỉ thư",
        occurred_at: "2026-01-05T01:00:00Z",
        discovered_at: "2026-01-05T03:00:00Z",
        people_affected: 40,
        data_categories: ["identity"],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const households = await hcm.get(`/api/v1/households?unitId=${ward}&limit=1`);
    const household = households.body.households[0]?.id ?? 1;
    add("GET /processing-log", { kind: "target", path: `/processing-log?unitId=${ward}` });
    add("GET /processing-log/records/{kind}/{id}", {
      kind: "target",
      path: `/processing-log/records/households/${household}`,
    });
    add("GET /data-breaches", { kind: "target", path: `/data-breaches?unitId=${ward}` });
    add("POST /data-breaches", {
      kind: "target",
      path: "/data-breaches",
      body: {
        unitId: ward,
        title: "Ngoài",
        description: "Ngoài",
        occurredAt: "2026-01-05T08:00",
        discoveredAt: "2026-01-05T09:00",
        peopleAffected: 1,
        dataCategories: ["identity"],
      },
    });
    add("GET /data-breaches/{id}", { kind: "target", path: `/data-breaches/${breach.id}` });
    add("PATCH /data-breaches/{id}", {
      kind: "target",
      path: `/data-breaches/${breach.id}`,
      body: { closed: true, version: 1 },
    });
    add("GET /data-breaches/{id}/letter.docx", {
      kind: "target",
      path: `/data-breaches/${breach.id}/letter.docx`,
    });
  },
};
