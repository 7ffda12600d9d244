/**
 * The demo wards' learning centres as their committees keep them, through the product's services as the ward's
 * officer: each ward's centre (code "01", created here when absent) founded by the ward's decision after the 2025
 * reform, its board appointed (giám đốc: the Phó Chủ tịch UBND; phó giám đốc: the Chủ tịch Hội Khuyến học; a
 * teacher and a báo cáo viên). In Tây Hồ the old wards' centres (Bưởi, Xuân La), founded by the district years
 * before, are merged into the new one by a decision of 08/2025. Nothing is dated after the demo's today (or the
 * real today, which the services hold to).
 */
import type { CentreStaffInput } from "../../shared/centre-org";
import { centres } from "../../shared/registry/kinds";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { addCentreDecision } from "../modules/centre-org/centre-decisions.service";
import { setCentreStaff } from "../modules/centre-org/centre-staff.service";
import { todayIso } from "../registry/rules";
import { createItem } from "../registry/service";
import { actorOf } from "./demo-history";
import { hash, people } from "./demo-names";
import { demoWardPlans } from "./demo-plan";
import { asOwner, communeId } from "./demo-territory";

/** The code every demo ward's centre has (other parts of the demo look the centre up by it). */
export const demoCentreCode = "01";

type OldCentre = { commune: string; name: string; foundedOn: string; number: string };

type CentrePlan = {
  commune: string;
  name: string;
  address: string;
  issuer: string;
  foundedOn: string;
  appointedOn: string;
  /** The old wards' centres (founded by the district) and the day the ward merged them into its own. */
  merged?: { on: string; number: string; issuer: string; centres: OldCentre[] };
  teacherPost: string;
  reporterPost: string;
};

export const demoCentrePlans: CentrePlan[] = [
  {
    commune: "00103",
    name: "Trung tâm học tập cộng đồng phường Tây Hồ",
    address: "Nhà văn hóa phường Tây Hồ",
    issuer: "UBND phường Tây Hồ",
    foundedOn: "2025-07-15",
    appointedOn: "2025-07-22",
    merged: {
      on: "2025-08-18",
      number: "215/QĐ-UBND",
      issuer: "UBND phường Tây Hồ",
      centres: [
        {
          commune: "00109",
          name: "Trung tâm học tập cộng đồng phường Bưởi",
          foundedOn: "2009-03-16",
          number: "412/QĐ-UBND",
        },
        {
          commune: "00103",
          name: "Trung tâm học tập cộng đồng phường Xuân La",
          foundedOn: "2010-06-08",
          number: "655/QĐ-UBND",
        },
      ],
    },
    teacherPost: "Giáo viên Trường Tiểu học Ánh Dương",
    reporterPost: "Bác sĩ Trạm Y tế phường",
  },
  {
    commune: "07069",
    name: "Trung tâm học tập cộng đồng phường Mạo Khê",
    address: "Nhà văn hóa khu phố 1",
    issuer: "UBND phường Mạo Khê",
    foundedOn: "2025-07-18",
    appointedOn: "2025-07-25",
    teacherPost: "Giáo viên Trường THCS Mạo Khê",
    reporterPost: "Cán bộ Trạm Khuyến nông phường",
  },
];

const wardOf = (issuer: string) => issuer.replace(/^UBND /, "");

/** A centre of the commune by code (with its founding date), or a new one through the registry service. */
async function ensureCentre(tx: Db, actor: Actor, commune: number, body: Record<string, unknown>) {
  const found = await tx
    .selectFrom("learning_centres")
    .select(["id", "founded_on"])
    .where("commune_id", "=", commune)
    .where("code", "=", String(body.code))
    .executeTakeFirst();
  if (found) return { id: Number(found.id), foundedOn: found.founded_on };
  return { id: (await createItem(tx, actor, centres, { communeId: commune, ...body })).id, foundedOn: null };
}

async function hasDecisions(tx: Db, commune: number, centreId: number) {
  const found = await tx
    .selectFrom("centre_decisions")
    .select("id")
    .where("commune_id", "=", commune)
    .where("centre_id", "=", centreId)
    .executeTakeFirst();
  return Boolean(found);
}

const decision = (
  signedOn: string,
  number: string,
  issuer: string,
  signerName: string,
  signerTitle: string,
) => ({
  number,
  signedOn,
  issuer,
  signerName,
  signerTitle,
});

async function buildCentre(tx: Db, actor: Actor, plan: CentrePlan, until: string): Promise<string | null> {
  if (plan.foundedOn > until) return null;
  const commune = await communeId(tx, plan.commune, false);
  const [chair, viceChair, hoi, teacher, reporter] = people(hash(`centre:${plan.commune}`), 5);
  const { id, foundedOn } = await ensureCentre(tx, actor, commune, {
    code: demoCentreCode,
    name: plan.name,
    kind: "community",
    address: plan.address,
  });
  if (await hasDecisions(tx, commune, id)) return null;
  // A centre another part of the demo made first keeps its founding date; nothing is dated before it.
  const floor = foundedOn ?? plan.foundedOn;
  const at = (day: string) => (day < floor ? floor : day);
  if (floor > until) return null;
  const ward = wardOf(plan.issuer);
  const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
  await addCentreDecision(tx, actor, id, {
    kind: "founding",
    ...decision(floor, "168/QĐ-UBND", plan.issuer, chair!.name, "Chủ tịch"),
    summary: `Thành lập ${plan.name}`,
  });
  if (at(plan.appointedOn) > until) return plan.name;
  const appointed = await addCentreDecision(tx, actor, id, {
    kind: "appointment",
    ...decision(at(plan.appointedOn), "176/QĐ-UBND", plan.issuer, chair!.name, "Chủ tịch"),
    summary: `Bổ nhiệm Ban Giám đốc ${plan.name}`,
  });
  const staff: CentreStaffInput[] = [
    { role: "director", fullName: viceChair!.name, post: `Phó Chủ tịch UBND ${lowerFirst(ward)}` },
    { role: "deputy_director", fullName: hoi!.name, post: `Chủ tịch Hội Khuyến học ${lowerFirst(ward)}` },
    { role: "teacher", fullName: teacher!.name, post: plan.teacherPost },
    { role: "reporter", fullName: reporter!.name, post: plan.reporterPost },
  ];
  await setCentreStaff(
    tx,
    actor,
    id,
    staff.map((s, i) => ({ ...s, since: at(plan.appointedOn), decisionId: i < 2 ? appointed.id : null })),
  );
  const merged = plan.merged;
  if (!merged || at(merged.on) > until) return plan.name;
  const olds: number[] = [];
  for (const old of merged.centres) {
    const oldCommune = await communeId(tx, old.commune, true);
    const { id: oldId } = await ensureCentre(tx, actor, oldCommune, { code: demoCentreCode, name: old.name });
    const [oldChair] = people(hash(`centre:${old.commune}:old`), 1);
    if (!(await hasDecisions(tx, oldCommune, oldId)))
      await addCentreDecision(tx, actor, oldId, {
        kind: "founding",
        ...decision(old.foundedOn, old.number, "UBND quận Tây Hồ", oldChair!.name, "Phó Chủ tịch"),
        summary: `Thành lập ${old.name}`,
      });
    olds.push(oldId);
  }
  await addCentreDecision(tx, actor, id, {
    kind: "merger",
    ...decision(at(merged.on), merged.number, merged.issuer, chair!.name, "Chủ tịch"),
    effectiveOn: at(merged.on),
    summary: `Sáp nhập ${merged.centres.map((c) => c.name).join(" và ")} vào ${plan.name}`,
    predecessorIds: olds,
  });
  return plan.name;
}

/** Each demo ward's centre, its decisions and board; one transaction per ward, as the ward's officer. */
export async function loadDemoCentres(db: Db, options: { today: string; log: (line: string) => void }) {
  const until = [options.today, todayIso()].sort()[0]!;
  for (const plan of demoCentrePlans) {
    const ward = demoWardPlans.find((w) => w.commune === plan.commune);
    if (!ward) continue;
    const actor = await actorOf(db, ward.entry);
    const built = await db.transaction().execute(async (tx) => {
      const name = await buildCentre(tx, actor, plan, until);
      await asOwner(tx);
      return name;
    });
    if (built) options.log(`  ${built}: quyết định, ban giám đốc`);
  }
}
