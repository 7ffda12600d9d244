/**
 * Commendations of the demo wards, recorded through the service by the ward's officer and its Hội: the households
 * recognised "Gia đình học tập" in the reform year get the ward's Giấy khen, a clan and the Hội's longest-serving
 * member last year's commendations of the Hội, the learning centre (code 01, when the ward has one) the ward's
 * Giấy khen. Each ward sets the proposal rules: three consecutive years "Gia đình học tập" → Giấy khen của UBND xã,
 * and five years in the Hội → Giấy khen của Hội Khuyến học.
 *
 * The 2025 reform drew up new registries in the new wards (demo-wards.ts): their households have recognitions from
 * 2025 on only, so the three-year rule finds its first candidates in 2027; the Hội's rule (its books open in 2021,
 * demo-association-plan.ts) has candidates from 2026.
 */
import type { CommendationCreate } from "../../shared/commendations";
import type { Db } from "../db/connection";
import { createCommendation } from "../modules/commendations/commendations.service";
import { createRule } from "../modules/commendations/rules.service";
import { todayIso } from "../registry/rules";
import { actorOf } from "./demo-history";
import { demoAssociationPlans, reformYear } from "./demo-plan";

export async function loadDemoCommendations(db: Db, options: { today: string; log: (line: string) => void }) {
  const until = [options.today, todayIso()].sort()[0]!;
  const lastYear = Number(until.slice(0, 4)) - 1;
  const parts: string[] = [];
  for (const plan of demoAssociationPlans) {
    const ward = await db
      .selectFrom("admin_units")
      .select(["id", "name"])
      .where("level", "=", "commune")
      .where("code", "=", plan.commune)
      .where("valid_to", "is", null)
      .executeTakeFirstOrThrow();
    const officer = await actorOf(db, plan.registrar ?? plan.admin);
    const hoi = await actorOf(db, plan.admin);
    const issuer = `UBND ${ward.name}`;
    const record = (actor: typeof officer, body: Omit<CommendationCreate, "communeId">) =>
      createCommendation(db, actor, { communeId: ward.id, ...body });
    let count = 0;

    const recognised = await db
      .selectFrom("registrations as g")
      .innerJoin("households as h", (join) =>
        join.onRef("h.commune_id", "=", "g.commune_id").onRef("h.id", "=", "g.subject_id"),
      )
      .select("h.id")
      .where("g.commune_id", "=", ward.id)
      .where("g.year", "=", reformYear)
      .where("g.title", "=", "learning_family")
      .where("g.status", "=", "recognized")
      .where("h.archived_at", "is", null)
      .orderBy("h.id")
      .limit(3)
      .execute();
    for (const [i, home] of recognised.entries()) {
      await record(officer, {
        year: reformYear,
        recipient: "collective",
        subject: { kind: "household", id: home.id },
        form: "commune_commendation",
        level: "commune",
        decisionNumber: `${120 + i}/QĐ-UBND`,
        decisionDate: `${reformYear}-12-28`,
        issuer,
        reason: `Gia đình học tập tiêu biểu năm ${reformYear}`,
      });
      count++;
    }

    const clan = await db
      .selectFrom("clans")
      .select("id")
      .where("commune_id", "=", ward.id)
      .where("archived_at", "is", null)
      .orderBy("id")
      .executeTakeFirst();
    if (clan) {
      await record(officer, {
        year: lastYear,
        recipient: "collective",
        subject: { kind: "clan", id: clan.id },
        form: "association_commendation",
        level: "association_commune",
        decisionNumber: `15/QĐ-HKH`,
        decisionDate: `${lastYear}-12-20`,
        issuer: `Hội Khuyến học ${ward.name}`,
        reason: "Dòng họ có nhiều đóng góp cho quỹ khuyến học",
      });
      count++;
    }

    const member = await db
      .selectFrom("members")
      .select("id")
      .where("commune_id", "=", ward.id)
      .where("archived_at", "is", null)
      .where("left_on", "is", null)
      .orderBy("joined_on")
      .orderBy("id")
      .executeTakeFirst();
    if (member) {
      await record(hoi, {
        year: lastYear,
        recipient: "individual",
        subject: { kind: "member", id: member.id },
        form: "association_merit",
        level: "association_province",
        decisionNumber: `42/QĐ-HKH`,
        decisionDate: `${lastYear}-11-20`,
        issuer: "Hội Khuyến học tỉnh, thành phố",
        reason: "Hội viên có nhiều năm gắn bó, đóng góp cho công tác khuyến học",
      });
      count++;
    }

    const centre = await db
      .selectFrom("learning_centres")
      .select("id")
      .where("commune_id", "=", ward.id)
      .where("code", "=", "01")
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (centre) {
      await record(officer, {
        year: lastYear,
        recipient: "collective",
        subject: { kind: "centre", id: centre.id },
        form: "commune_commendation",
        level: "commune",
        decisionNumber: `130/QĐ-UBND`,
        decisionDate: `${lastYear}-12-28`,
        issuer,
        reason: "Trung tâm học tập cộng đồng hoạt động hiệu quả",
      });
      count++;
    }

    await createRule(db, officer, {
      unitId: ward.id,
      kind: "consecutive_title",
      title: "learning_family",
      years: 3,
      form: "commune_commendation",
    });
    await createRule(db, officer, {
      unitId: ward.id,
      kind: "membership_years",
      years: 5,
      form: "association_commendation",
    });
    parts.push(`${ward.name} ${count} khen thưởng, 2 quy tắc đề nghị`);
  }
  options.log(`  Khen thưởng: ${parts.join("; ")}`);
}
