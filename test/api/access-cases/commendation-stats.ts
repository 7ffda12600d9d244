/** Access cases of the commendations' statistics (issue 10, point 7): read-only figures of a unit. */
import type { CaseModule } from "./types";

export const commendationStatsCases: CaseModule = {
  // Read-only routes; the counters change only with the commendations, which commendationCases fingerprints.
  tables: [],
  async addCases({ hcmProvince, ward, add }) {
    add("GET /stats/commendations", {
      kind: "target",
      path: `/stats/commendations?unitId=${hcmProvince}&year=2025`,
    });
    add("GET /stats/commendations/series", {
      kind: "target",
      path: `/stats/commendations/series?unitId=${ward}&from=2020&to=2025`,
    });
    for (const suffix of [".csv", ".xlsx"])
      add(`GET /stats/commendations${suffix}`, {
        kind: "target",
        path: `/stats/commendations${suffix}?unitId=${ward}&year=2025`,
      });
  },
};
