/** Access cases of closing a year's figures (migration 0050): status, close, reopen on a ward of TP.HCM. */
import type { CaseModule } from "./types";

export const yearCloseCases: CaseModule = {
  // year_totals rows are written only with a new closure (and have no id to order by): the closures cover them.
  tables: ["year_closures"],
  async addCases({ t, hcmProvince, ward, add }) {
    // A closed year of the ward, so that a reopen that got through would change it.
    await t.db
      .insertInto("year_closures")
      .values({ commune_id: ward, province_id: hcmProvince, year: 2024, closed_by_name: "Thử" })
      .execute();
    add("GET /stats/year-close", { kind: "target", path: `/stats/year-close?unitId=${ward}&year=2024` });
    add("POST /stats/year-close", {
      kind: "target",
      path: "/stats/year-close",
      body: { unitId: ward, year: 2025 },
    });
    add("POST /stats/year-close/reopen", {
      kind: "target",
      path: "/stats/year-close/reopen",
      body: { unitId: ward, year: 2024, reason: "Thử truy cập" },
    });
  },
};
