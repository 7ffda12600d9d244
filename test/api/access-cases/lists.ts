/**
 * Access cases of the year's documents (review minutes, lists of registered and recognised subjects) of a TP.HCM
 * ward, and the public open data.
 */
import type { CaseModule } from "./types";

export const listsCases: CaseModule = {
  tables: [],
  async addCases({ ward, add }) {
    add("GET /units/{id}/review-minutes.docx", {
      kind: "target",
      path: `/units/${ward}/review-minutes.docx?year=2025&title=learning_family`,
    });
    add("GET /units/{id}/lists/{file}", {
      kind: "target",
      path: `/units/${ward}/lists/registered.xlsx?year=2025&title=learning_family`,
    });
    add("GET /public/open-data", { kind: "public" });
    add("GET /public/open-data.csv", { kind: "public" });
  },
};
