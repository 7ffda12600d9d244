/** Access cases of the programme's calendar of deadlines and the "Ai trễ hạn" table (issue 11, item 6). */
import type { CaseModule } from "./types";

export const deadlineCases: CaseModule = {
  tables: ["programme_deadlines"],
  async addCases({ t, hcmProvince, ward, add }) {
    // TP.HCM's own date for its communes' annual report, to aim at.
    const own = await t.db
      .insertInto("programme_deadlines")
      .values({
        key: "annual_report",
        label: "Báo cáo kết quả xây dựng xã hội học tập",
        level: "commune",
        start_month: null,
        start_day: null,
        month: 11,
        day: 30,
        year_offset: 0,
        owner_unit_id: hcmProvince,
        valid_from: 2026,
        legal_basis: null,
        note: null,
        created_by: null,
        updated_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("GET /deadlines", { kind: "target", path: `/deadlines?unitId=${ward}&year=2026` });
    add("POST /deadlines", {
      kind: "target",
      path: "/deadlines",
      body: {
        provinceId: hcmProvince,
        key: "annual_report",
        level: "commune",
        day: 20,
        month: 11,
        yearOffset: 0,
        validFrom: 2026,
      },
    });
    add("GET /deadlines/own", { kind: "target", path: `/deadlines/own?provinceId=${hcmProvince}` });
    add("DELETE /deadlines/{id}", { kind: "target", path: `/deadlines/${own.id}` });
    add("GET /deadlines/status", {
      kind: "target",
      path: `/deadlines/status?unitId=${hcmProvince}&year=2025`,
    });
    add("GET /deadlines/status.csv", {
      kind: "target",
      path: `/deadlines/status.csv?unitId=${ward}&year=2025`,
    });
  },
};
