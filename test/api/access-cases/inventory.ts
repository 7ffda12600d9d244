/**
 * Access cases of the personal-data inventory (issue 12, item 1): the inventory is the declarations (no personal
 * data) for every signed-in user; its .docx names a unit the caller must read; retention periods are a system
 * administrator's. privacy_retention is keyed by data_key (no id to fingerprint): test/api/privacy-inventory.test.ts
 * checks that a refused change writes nothing there.
 */
import type { CaseModule } from "./types";

export const inventoryCases: CaseModule = {
  tables: [],
  async addCases({ ward, add }) {
    add("GET /privacy/inventory", {
      kind: "own",
      reason: "the declarations, the same for everyone; no personal data",
    });
    add("GET /privacy/inventory.docx", { kind: "target", path: `/privacy/inventory.docx?unitId=${ward}` });
    add("PUT /privacy/retention/{key}", {
      kind: "target",
      path: "/privacy/retention/households",
      body: { years: 12 },
    });
  },
};
