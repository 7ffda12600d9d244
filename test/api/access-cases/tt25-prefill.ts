/** Access case of the TT 25 self-assessment's suggestions (read only): a TP.HCM ward's own registration. */
import { expect } from "vitest";
import type { CaseModule } from "./types";

export const tt25PrefillCases: CaseModule = {
  tables: [],
  async addCases({ hcm, ward, add }) {
    const title = "learning_community_commune";
    await hcm.post("/api/v1/registrations", { year: 2025, title, subjects: [{ kind: "commune", id: ward }] });
    const list = await hcm.get(`/api/v1/registrations?unitId=${ward}&year=2025&title=${title}`);
    const registration = list.body.registrations[0];
    expect(registration?.subject.id).toBe(ward);
    add("GET /registrations/{id}/suggestions", {
      kind: "target",
      path: `/registrations/${registration.id}/suggestions`,
    });
  },
};
