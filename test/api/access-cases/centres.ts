/** Access cases of the learning centres and their activities (registry kinds). */
import type { CaseModule } from "./types";

export const centreCases: CaseModule = {
  tables: ["learning_centres", "centre_activities"],
  async addCases({ t, hcmProvince, ward, add }) {
    const centre = await t.db
      .insertInto("learning_centres")
      .values({ commune_id: ward, province_id: hcmProvince, code: "01", name: "Trung tâm học tập cộng đồng" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const activity = await t.db
      .insertInto("centre_activities")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        centre_id: centre.id,
        code: "0001",
        title: "Lớp tin học",
        topic: "computing",
        starts_on: "2026-03-02",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [name, id, create, patch] of [
      ["centres", centre.id, { communeId: ward, name: "Trung tâm ngoài" }, { name: "Ngoài", version: 1 }],
      [
        "activities",
        activity.id,
        { communeId: ward, title: "Lớp ngoài", centreId: centre.id, topic: "law", startsOn: "2026-04-01" },
        { title: "Ngoài", version: 1 },
      ],
    ] as const) {
      add(`GET /${name}`, { kind: "target", path: `/${name}?unitId=${ward}` });
      add(`GET /${name}/template.xlsx`, { kind: "own", reason: "an empty template, no data" });
      add(`GET /${name}/export.xlsx`, { kind: "target", path: `/${name}/export.xlsx?unitId=${ward}` });
      add(`GET /${name}/{id}`, { kind: "target", path: `/${name}/${id}` });
      add(`POST /${name}`, { kind: "target", path: `/${name}`, body: create });
      add(`PATCH /${name}/{id}`, { kind: "target", path: `/${name}/${id}`, body: patch });
      add(`POST /units/{id}/${name}/import`, {
        kind: "target",
        path: `/units/${ward}/${name}/import?dryRun=0`,
        form: true,
      });
    }
    add("POST /centres/{id}/archive", {
      kind: "target",
      path: `/centres/${centre.id}/archive`,
      body: { reason: "mistake" },
    });
    add("POST /activities/{id}/archive", { kind: "target", path: `/activities/${activity.id}/archive` });
  },
};
