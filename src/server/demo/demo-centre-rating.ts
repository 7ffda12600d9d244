/**
 * Last year's rating (xếp loại) of each demo ward's learning centre, code "01", through the product's services as
 * the demo users: the ward's officer registers the centre, fills in its score sheet and holds the meeting, then
 * drafts the decision; the ward's reviewer (Phó Chủ tịch) issues it. The centre is taken from the registry, or
 * created there through the registry's own service when the demo has none yet (keeping code "01").
 *
 * Last year's cycle is over whatever today's date: the rating is decided in December of the rated year
 * (docs/CENTRES.md, "Xếp loại trung tâm"), so the demo follows the calendar without a schedule of its own.
 */

import { centres } from "../../shared/registry/kinds/centres";
import { registrySchemas } from "../../shared/registry/schemas";
import type { PointsDefinition } from "../../shared/rubric";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { unitInSentence } from "../documents/nd30-names";
import { listItems } from "../registry/list";
import type { Item } from "../registry/rows";
import { createItem } from "../registry/service";
import { assess, draft, issue, register, registrationsBySubject, review } from "./demo-cycle";
import { actorOf } from "./demo-history";
import { demoWardPlans } from "./demo-plan";
import { unitId } from "./demo-users";

const centreSchemas = registrySchemas(centres);

/** The total each ward's centre scores: Tây Hồ rated tốt, Mạo Khê khá. */
const totals: Record<string, number> = { "00103": 88, "07069": 76 };

/** Item scores adding up to `total`, items filled in order, each up to its maximum. */
export function scoresTotalling(definition: PointsDefinition, total: number): Record<string, number> {
  const scores: Record<string, number> = {};
  let left = total;
  for (const criterion of definition.criteria)
    for (const item of criterion.items) {
      scores[item.key] = Math.min(item.maxPoints, left);
      left -= scores[item.key]!;
    }
  return scores;
}

/** The ward's centre with code "01": from the registry, or created there. */
async function centreOf(db: Db, entry: Actor, wardId: number, wardName: string): Promise<number> {
  const listed = await listItems(db, entry, centres, { unitId: wardId, limit: 100 });
  const found = (listed.centres as Item[]).find((item) => item.code === "01");
  if (found) return Number(found.id);
  const created = await createItem(
    db,
    entry,
    centres,
    centreSchemas.input.parse({
      communeId: wardId,
      code: "01",
      name: `Trung tâm học tập cộng đồng ${unitInSentence(wardName)}`,
      kind: "community",
    }),
  );
  return Number(created.id);
}

export async function loadDemoCentreRatings(db: Db, options: { today: string; log: (line: string) => void }) {
  const year = Number(options.today.slice(0, 4)) - 1;
  for (const plan of demoWardPlans) {
    const entry = await actorOf(db, plan.entry);
    const reviewer = await actorOf(db, plan.reviewer);
    const wardId = await unitId(db, "commune", plan.commune);
    const ward = await db
      .selectFrom("admin_units")
      .select("name")
      .where("id", "=", wardId)
      .executeTakeFirstOrThrow();
    const centreId = await centreOf(db, entry, wardId, ward.name);
    await db.transaction().execute(async (tx) => {
      const title = "centre_rating" as const;
      await register(tx, entry, year, title, [{ kind: "centre", id: centreId }]);
      const registration = (await registrationsBySubject(tx, [wardId], year, title)).get(centreId)!;
      const scores = scoresTotalling(registration.definition as PointsDefinition, totals[plan.commune] ?? 70);
      await assess(tx, entry, registration.id, { scores });
      await review(tx, entry, {
        unitId: wardId,
        year,
        title,
        heldOn: `${year}-12-10`,
        participants: `UBND ${ward.name}, Hội Khuyến học, Ban Giám đốc trung tâm`,
        outcomes: [{ registrationId: registration.id, proposed: true }],
      });
      const decision = await draft(tx, entry, {
        communeId: wardId,
        year,
        title,
        number: `${plan.commune === "00103" ? 231 : 187}/QĐ-UBND`,
        signedOn: `${year}-12-20`,
        agencyName: `UBND ${ward.name}`,
        signerTitle: "Chủ tịch",
        signerName: reviewer.name,
        registrationIds: [registration.id],
      });
      await issue(tx, reviewer, decision.id);
    });
    options.log(`  ${ward.name}: xếp loại trung tâm học tập cộng đồng năm ${year}`);
  }
}
