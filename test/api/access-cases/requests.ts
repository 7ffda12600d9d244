/** Access cases of the data-subject requests register and the public holidays (issue 12, item 3). */
import type { CaseModule } from "./types";

export const requestCases: CaseModule = {
  tables: ["data_subject_requests"],
  async addCases({ t, hcmProvince, ward, add }) {
    const request = await t.db
      .insertInto("data_subject_requests")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        person_name: "Người Ngoài Phạm Vi",
        kind: "deletion",
        received_on: "2026-11-27",
        channel: "paper",
        due_on: "2026-12-01",
        records: "[]",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const path = `/data-requests/${request.id}`;
    const body = {
      communeId: ward,
      personName: "Ngoài",
      kind: "access",
      receivedOn: "2026-11-27",
      channel: "paper",
    };
    add("GET /data-requests", { kind: "target", path: `/data-requests?unitId=${ward}` });
    add("POST /data-requests", { kind: "target", path: "/data-requests", body });
    add("GET /data-requests/{id}", { kind: "target", path });
    add("PATCH /data-requests/{id}", {
      kind: "target",
      path,
      body: { version: 1, status: "refused", refusalReason: "Ngoài" },
    });
    add("GET /data-requests/{id}/matches", { kind: "target", path: `${path}/matches` });
    add("PUT /data-requests/{id}/records", {
      kind: "target",
      path: `${path}/records`,
      body: { version: 1, records: [] },
    });
    add("POST /data-requests/{id}/erase", { kind: "target", path: `${path}/erase`, body: { version: 1 } });
    add("GET /data-requests/{id}/copy.json", { kind: "target", path: `${path}/copy.json` });
    add("GET /data-requests/{id}/copy.xlsx", { kind: "target", path: `${path}/copy.xlsx` });
    add("GET /public-holidays", { kind: "own", reason: "the national holidays, no personal data" });
    add("POST /public-holidays", {
      kind: "target",
      path: "/public-holidays",
      body: { day: "2026-12-24", name: "Ngoài" },
    });
    add("DELETE /public-holidays/{day}", { kind: "target", path: "/public-holidays/2026-09-02" });
  },
};
