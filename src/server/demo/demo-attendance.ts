/**
 * A year of the demo wards' community learning centres (issue 10), through the product's services: each ward's
 * centre (code "01", found or created through the registry), about ten classes and talks over the twelve months up
 * to today on several topics, and their sessions with attendance: most as head counts, two classes with named
 * learners from the ward's citizen registry and their marks. The ward officer keeps the register; the sessions are
 * written by the centre's teacher (giaovien.tayho in Tây Hồ, the ward officer elsewhere). The last class runs
 * through today with no session today yet, for the teacher to record. Dates follow the calendar: the current year
 * always has recent activities.
 */
import {
  activities as activityKind,
  centres as centreKind,
  citizens as citizenKind,
} from "../../shared/registry/kinds";
import type { Topic } from "../../shared/registry/kinds/topics";
import { registrySchemas } from "../../shared/registry/schemas";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { putLearners } from "../modules/attendance/attendance.learners";
import { createSession } from "../modules/attendance/attendance.sessions";
import { addDays, today as realToday } from "../modules/territory/dates";
import { createItem } from "../registry/service";
import { actorOf } from "./demo-history";
import { hash } from "./demo-names";
import { demoWardPlans } from "./demo-plan";
import { communeId } from "./demo-territory";

type Planned = {
  title: string;
  kind: "class" | "talk" | "club";
  topic: Topic;
  /** Days before today the activity starts; a talk is one day. */
  startsAgo: number;
  days: number;
  named?: boolean;
};

/** The year's programme, oldest first (the same for both wards, the numbers differ by ward). */
const programme: Planned[] = [
  { title: "Tuyên truyền Luật Đất đai 2024", kind: "talk", topic: "law", startsAgo: 345, days: 1 },
  { title: "Kỹ thuật trồng rau an toàn", kind: "class", topic: "agriculture", startsAgo: 320, days: 21 },
  { title: "Phòng chống sốt xuất huyết", kind: "talk", topic: "health", startsAgo: 280, days: 1 },
  {
    title: "Tin học văn phòng cơ bản",
    kind: "class",
    topic: "computing",
    startsAgo: 240,
    days: 35,
    named: true,
  },
  { title: "Kỹ năng sống cho thanh thiếu niên", kind: "talk", topic: "life_skills", startsAgo: 200, days: 1 },
  { title: "Câu lạc bộ dưỡng sinh", kind: "club", topic: "culture_sport", startsAgo: 170, days: 60 },
  { title: "Phòng chống lừa đảo trên mạng", kind: "talk", topic: "digital_skills", startsAgo: 95, days: 1 },
  {
    title: "Tiếng Anh giao tiếp cho người lớn",
    kind: "class",
    topic: "foreign_language",
    startsAgo: 80,
    days: 42,
  },
  { title: "Pháp luật về hôn nhân và gia đình", kind: "talk", topic: "law", startsAgo: 30, days: 1 },
  {
    title: "Kỹ năng số: dịch vụ công trực tuyến",
    kind: "class",
    topic: "digital_skills",
    startsAgo: 14,
    days: 28,
    named: true,
  },
];

/** The teacher of the ward's centre (Tây Hồ's demo teacher), or the ward officer. */
const teachers: Record<string, string> = { "00103": "giaovien.tayho" };

async function centreOf(db: Db, officer: Actor, ward: number): Promise<number> {
  const found = await db
    .selectFrom("learning_centres")
    .select("id")
    .where("commune_id", "=", ward)
    .where("code", "=", "01")
    .executeTakeFirst();
  if (found) return Number(found.id);
  const ward_ = await db
    .selectFrom("admin_units")
    .select("name")
    .where("id", "=", ward)
    .executeTakeFirstOrThrow();
  const body = registrySchemas(centreKind).input.parse({
    communeId: ward,
    code: "01",
    name: `Trung tâm học tập cộng đồng ${ward_.name}`,
  });
  return (await createItem(db, officer, centreKind, body)).id;
}

/** Loads the year of activities and attendance of every demo ward (once: nothing when the ward has activities). */
export async function loadDemoAttendance(db: Db, options: { today: string; log: (line: string) => void }) {
  const { today, log } = options;
  for (const plan of demoWardPlans) {
    const ward = await communeId(db, plan.commune, false);
    const existing = await db
      .selectFrom("centre_activities")
      .select("id")
      .where("commune_id", "=", ward)
      .limit(1);
    if (await existing.executeTakeFirst()) continue;
    const { name: wardName } = await db
      .selectFrom("admin_units")
      .select("name")
      .where("id", "=", ward)
      .executeTakeFirstOrThrow();
    const officer = await actorOf(db, plan.entry);
    const teacher = await actorOf(db, teachers[plan.commune] ?? plan.entry);
    await addLearners(db, officer, ward);
    const citizens = await db
      .selectFrom("citizens")
      .select(["id", "full_name"])
      .where("commune_id", "=", ward)
      .where("archived_at", "is", null)
      .orderBy("id")
      .limit(12)
      .execute();
    let sessions = 0;
    let attendees = 0;
    await db.transaction().execute(async (tx) => {
      const centre = await centreOf(tx, officer, ward);
      for (const [index, p] of programme.entries()) {
        const seed = hash(`attendance:${plan.commune}:${index}`);
        const startsOn = addDays(today, -p.startsAgo);
        const endsOn = p.days > 1 ? addDays(startsOn, p.days - 1) : null;
        const named = p.named === true && citizens.length > 0;
        const size = named ? citizens.length : 25 + (seed % 30);
        const activity = await createItem(
          tx,
          officer,
          activityKind,
          registrySchemas(activityKind).input.parse({
            communeId: ward,
            centreId: centre,
            title: p.title,
            activityKind: p.kind,
            topic: p.topic,
            startsOn,
            endsOn,
            place: "Nhà văn hóa phường",
            instructor: p.kind === "talk" ? "Báo cáo viên Hội Khuyến học" : "Giáo viên trung tâm",
            attendanceMode: named ? "named" : "headcount",
            classSize: size,
            // The named classes issue completion certificates (docs/CENTRES.md, "Giờ học và giấy chứng nhận").
            certificate: named ? "yes" : "no",
            funding: seed % 3 === 0 ? "socialized" : "state_budget",
          }),
        );
        if (named)
          await putLearners(tx, teacher, activity.id, {
            learners: citizens.map((c, i) => ({
              citizenId: Number(c.id),
              female: i % 2 === 0,
              minority: i % 5 === 4,
            })),
          });
        // A session a week (a talk: its day), up to yesterday.
        for (let day = 0; day < p.days; day += 7) {
          const heldOn = addDays(startsOn, day);
          if (heldOn >= today || heldOn > realToday()) break; // the service refuses a session in the future
          const k = hash(`${seed}:${day}`);
          const count = Math.max(3, size - (k % 8));
          const body = {
            clientKey: uuidOf(k, seed, day),
            heldOn,
            minutes: p.kind === "talk" ? 120 : 90,
            attendees: count,
            women: Math.floor(count * (0.45 + (k % 20) / 100)),
            minorities: plan.commune === "07069" ? k % 4 : k % 2,
            elderly: Math.floor(count / (3 + (k % 3))),
            marks: named
              ? citizens.map((c, i) => ({ citizenId: Number(c.id), present: (k >> i) % 5 !== 0 }))
              : undefined,
          };
          const { session } = await createSession(tx, teacher, activity.id, body);
          sessions++;
          attendees += session.attendees;
        }
      }
    });
    log(`  ${wardName}: ${programme.length} lớp, chuyên đề; ${sessions} buổi, ${attendees} lượt người`);
  }
}

/** Learners of the named classes (not minors): added to the ward's citizen registry when it has fewer than six. */
const learnerNames: [string, number][] = [
  ["Nguyễn Thị Lan", 1958],
  ["Trần Văn Hùng", 1962],
  ["Lê Thị Thúy", 1985],
  ["Phạm Văn Khỏe", 1990],
  ["Hoàng Thị Hòa", 1949],
  ["Vũ Văn Nam", 1978],
];

async function addLearners(db: Db, officer: Actor, ward: number) {
  const { n } = await db
    .selectFrom("citizens")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("commune_id", "=", ward)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  if (Number(n) >= 6) return;
  const village = await db
    .selectFrom("admin_units")
    .select("id")
    .where("parent_id", "=", ward)
    .where("valid_to", "is", null)
    .orderBy("name")
    .executeTakeFirstOrThrow();
  const input = registrySchemas(citizenKind).input;
  await db.transaction().execute(async (tx) => {
    for (const [fullName, birthYear] of learnerNames.slice(Number(n)))
      await createItem(tx, officer, citizenKind, input.parse({ villageId: village.id, fullName, birthYear }));
  });
}

/** A fixed UUID of a demo session (the client key the teacher's phone would have made). */
function uuidOf(...parts: number[]): string {
  const hex = parts
    .map((n) => (n >>> 0).toString(16).padStart(8, "0"))
    .join("")
    .padEnd(32, "0")
    .slice(0, 32)
    .split("");
  hex[12] = "4";
  hex[16] = "8";
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
