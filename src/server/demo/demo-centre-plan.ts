/**
 * The demo wards' learning-needs survey of the current year and their centre's approved yearly plan, made through
 * the product's services as the wards' people: the data entry officer opens the survey and enters 30–60 answers
 * spread over the residential groups and age groups (most naming a household or a citizen of the registry, some
 * unnamed), then drafts the centre's plan from the survey's most wanted topics; the ward's approver approves it.
 * The centre is the ward's centre "01" (made here through the registry when the centres' own demo has not).
 * A centre with no activity this year gets a few, in the quarters already past, so that plan vs done shows work.
 */
import type { PlanItemInput } from "../../shared/centre-plan";
import { ageGroupOf, ageGroups } from "../../shared/needs-survey";
import { activities, centres } from "../../shared/registry/kinds";
import { type Topic, topics } from "../../shared/registry/kinds/topics";
import { registrySchemas } from "../../shared/registry/schemas";
import type { Db } from "../db/connection";
import { approvePlan, getPlan, savePlan } from "../modules/centre-plan/centre-plan.service";
import { createResponse, createSurvey, listSurveys } from "../modules/centre-plan/needs-survey.service";
import { topicDemand } from "../modules/centre-plan/survey-results";
import { createItem } from "../registry/service";
import { actorOf } from "./demo-history";
import { hash, random } from "./demo-names";
import { demoWardPlans } from "./demo-plan";
import { communeId } from "./demo-territory";

/** Topics people of each age group tend to ask for (weights), so the results read like a real survey. */
const wanted: Record<(typeof ageGroups)[number], Topic[]> = {
  under_15: ["life_skills", "foreign_language", "computing", "culture_sport"],
  from_15_to_35: ["digital_skills", "foreign_language", "computing", "law", "life_skills"],
  from_36_to_60: ["health", "law", "agriculture", "digital_skills", "computing"],
  over_60: ["health", "culture_sport", "law", "digital_skills"],
};

/** The ward's centre "01", made through the registry when absent. */
async function wardCentre(
  db: Db,
  ward: number,
  wardName: string,
  entry: Awaited<ReturnType<typeof actorOf>>,
) {
  const found = await db
    .selectFrom("learning_centres")
    .select("id")
    .where("commune_id", "=", ward)
    .where("code", "=", "01")
    .executeTakeFirst();
  if (found) return Number(found.id);
  const body = registrySchemas(centres).input.parse({
    communeId: ward,
    code: "01",
    name: `Trung tâm học tập cộng đồng ${wardName}`,
    kind: "community",
  });
  return (await createItem(db, entry, centres, body)).id as number;
}

export async function loadDemoCentrePlans(db: Db, options: { today: string; log: (line: string) => void }) {
  const year = Number(options.today.slice(0, 4));
  for (const plan of demoWardPlans) {
    const started = performance.now();
    const [entry, reviewer] = [await actorOf(db, plan.entry), await actorOf(db, plan.reviewer)];
    const ward = await communeId(db, plan.commune, false);
    const unit = await db
      .selectFrom("admin_units")
      .select("name")
      .where("id", "=", ward)
      .executeTakeFirstOrThrow();
    const centre = await wardCentre(db, ward, unit.name, entry);
    if ((await listSurveys(db, entry, ward, year)).surveys.length > 0) continue; // loaded already
    const survey = await createSurvey(db, entry, {
      communeId: ward,
      year,
      title: `Khảo sát nhu cầu học tập năm ${year}`,
    });
    const homes = await db
      .selectFrom("households")
      .select(["id", "village_id"])
      .where("commune_id", "=", ward)
      .where("archived_at", "is", null)
      .orderBy("code")
      .execute();
    const people = await db
      .selectFrom("citizens")
      .select(["id", "village_id", "birth_year"])
      .where("commune_id", "=", ward)
      .where("archived_at", "is", null)
      .orderBy("id")
      .execute();
    const villages = await db
      .selectFrom("admin_units")
      .select("id")
      .where("parent_id", "=", ward)
      .where("level", "=", "village")
      .where("valid_to", "is", null)
      .orderBy("code")
      .execute();
    const next = random(hash(`survey:${plan.commune}:${year}`));
    const answers = 30 + Math.floor(next() * 31);
    for (let i = 0; i < answers; i++) {
      const citizen = i < people.length ? people[i]! : null;
      const home = !citizen && i % 5 !== 4 ? homes[i % homes.length] : undefined;
      const villageId = citizen?.village_id ?? home?.village_id ?? villages[i % villages.length]!.id;
      const ageGroup =
        citizen?.birth_year != null
          ? ageGroupOf(citizen.birth_year, year)
          : ageGroups[Math.floor(next() * 4)]!;
      const choices = wanted[ageGroup];
      const picked = choices.filter(() => next() < 0.45);
      await createResponse(db, entry, survey.id, {
        villageId: Number(villageId),
        householdId: home ? Number(home.id) : null,
        citizenId: citizen ? Number(citizen.id) : null,
        ageGroup,
        sex: next() < 0.55 ? "female" : "male",
        topics: picked.length > 0 ? picked : [choices[0]!],
        freeTopics: i % 11 === 3 ? "Dưỡng sinh, phòng chống đột quỵ" : null,
      });
    }
    // The plan: the five most wanted topics, talks in the first half, classes after; approved by the ward.
    const { demand } = await topicDemand(db, ward, year);
    const top = topics
      .filter((t) => demand.has(t))
      .sort((a, b) => demand.get(b)! - demand.get(a)!)
      .slice(0, 5);
    const items: PlanItemInput[] = top.flatMap((topic, index) => [
      {
        quarter: 1 + (index % 2),
        activityKind: "talk",
        topic,
        plannedCount: 1 + (index % 2),
        expectedParticipants: 60 + 20 * index,
        note: null,
      },
      {
        quarter: 3 + (index % 2),
        activityKind: index % 3 === 2 ? "club" : "class",
        topic,
        plannedCount: 1,
        expectedParticipants: 25,
        note: null,
      },
    ]);
    const draft = await savePlan(db, entry, centre, year, {
      note: `Xây dựng theo kết quả khảo sát nhu cầu học tập năm ${year}`,
      items,
    });
    await approvePlan(db, reviewer, centre, year, draft.version!);
    await addActivities(db, entry, ward, centre, year, options.today, items);
    const approved = await getPlan(db, entry, centre, year);
    options.log(
      `  ${unit.name}: khảo sát ${answers} phiếu, kế hoạch ${approved.items.length} mục đã duyệt (${Math.round(performance.now() - started)} ms)`,
    );
  }
}

/** A few of the plan's activities in the quarters already past, when the centre has none this year. */
async function addActivities(
  db: Db,
  entry: Awaited<ReturnType<typeof actorOf>>,
  ward: number,
  centre: number,
  year: number,
  today: string,
  items: PlanItemInput[],
) {
  const any = await db
    .selectFrom("centre_activities")
    .select("id")
    .where("commune_id", "=", ward)
    .where("centre_id", "=", centre)
    .where("starts_on", ">=", `${year}-01-01`)
    .executeTakeFirst();
  if (any) return;
  const schema = registrySchemas(activities).input;
  for (const [index, item] of items.entries()) {
    const startsOn = `${year}-${String((item.quarter - 1) * 3 + 2).padStart(2, "0")}-${String(10 + index).padStart(2, "0")}`;
    if (startsOn > today || index % 4 === 3) continue; // what the centre has not done (yet)
    const body = schema.parse({
      communeId: ward,
      title: `${item.activityKind === "talk" ? "Chuyên đề" : "Lớp"} ${topicTitle(item.topic)}`,
      centreId: centre,
      activityKind: item.activityKind,
      topic: item.topic,
      startsOn,
    });
    await createItem(db, entry, activities, body);
  }
}

const topicTitle = (topic: Topic) =>
  ({
    literacy: "xóa mù chữ",
    post_literacy: "sau biết chữ",
    law: "tuyên truyền pháp luật",
    health: "chăm sóc sức khỏe",
    agriculture: "chuyển giao khoa học kỹ thuật",
    life_skills: "kỹ năng sống",
    computing: "tin học cơ bản",
    digital_skills: "kỹ năng số",
    foreign_language: "tiếng Anh giao tiếp",
    culture_sport: "văn nghệ, thể dục dưỡng sinh",
    other: "chuyên đề khác",
  })[topic];
