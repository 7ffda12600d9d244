/**
 * Completion certificates of a learning centre's activity (issue 10, point 4; docs/CENTRES.md, "Giờ học và giấy
 * chứng nhận"): for an activity that issues one (certificate = yes), one page per named learner present at 80% of
 * its sessions or more, with a random code per (activity, learner) kept in `activity_certificates` for the public
 * check. Printing needs `centre.attend` on the activity's commune (it makes the codes, audited).
 */
import { sql } from "kysely";
import { type CompletionCheck, completionShare } from "../../../shared/learner-evidence";
import { topicOptions } from "../../../shared/registry/kinds/topics";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { type CompletionData, renderCompletionCertificates } from "../../documents/completion.pdf";
import { placeList, placeName } from "../../documents/nd30-names";
import { AppError, notFound } from "../../errors";
import { byCommune, codeCommune, newCertificateCode } from "../../lib/certificate-code";
import { recordAudit } from "../audit/audit.repo";
import { logExport } from "../readlog/processing-log";
import { today } from "../territory/dates";
import { hoursText, shortCentre } from "./hours.service";

const kindLabels = { class: "lớp học", talk: "chuyên đề", club: "câu lạc bộ" } as const;

/** The activity to print, in `communeId` alone when given (one shard; another commune's is 404). */
async function activityForPrint(tx: Db, actor: Actor, id: number, communeId?: number) {
  const activity = await tx
    .selectFrom("centre_activities as a")
    .innerJoin("learning_centres as c", (j) =>
      j.onRef("c.commune_id", "=", "a.commune_id").onRef("c.id", "=", "a.centre_id"),
    )
    .innerJoin("admin_units as u", "u.id", "a.commune_id")
    .select([
      "a.id",
      "a.commune_id",
      "a.province_id",
      "a.centre_id",
      "a.title",
      "a.activity_kind",
      "a.topic",
      "a.starts_on",
      "a.ends_on",
      "a.attendance_mode",
      "a.certificate",
      "a.archived_at",
      "c.name as centre",
      "u.name as commune",
    ])
    .where("a.id", "=", id)
    .$if(communeId !== undefined, (q) => q.where("a.commune_id", "=", communeId!))
    .where(unitInScope(actor, "read", "a.commune_id"))
    .executeTakeFirst();
  if (!activity) throw notFound("Không tìm thấy lớp học, chuyên đề, hoặc lớp nằm ngoài phạm vi của bạn");
  await requireOnUnit(tx, actor, "centre.attend", activity.commune_id);
  if (activity.archived_at !== null)
    throw new AppError("conflict", "Lớp học, chuyên đề này đã lưu trữ: không cấp giấy chứng nhận");
  if (activity.certificate !== "yes")
    throw new AppError(
      "validation",
      "Lớp học, chuyên đề này không cấp giấy chứng nhận (mục “Cấp chứng nhận”: không)",
    );
  if (activity.attendance_mode !== "named")
    throw new AppError("validation", "Chỉ cấp giấy chứng nhận cho lớp điểm danh theo danh sách học viên");
  return activity;
}

type Learner = {
  citizen_id: number;
  full_name: string;
  birth_year: number | null;
  village: string;
  present: number;
  minutes: number;
};

/** The named learners with their present sessions and minutes; and the activity's number of sessions. */
async function attendance(tx: Db, communeId: number, activityId: number) {
  const { sessions } = await tx
    .selectFrom("activity_sessions")
    .select(sql<number>`count(*)::int`.as("sessions"))
    .where("commune_id", "=", communeId)
    .where("activity_id", "=", activityId)
    .executeTakeFirstOrThrow();
  const learners = (await tx
    .selectFrom("activity_learners as l")
    .innerJoin("citizens as p", (j) =>
      j.onRef("p.commune_id", "=", "l.commune_id").onRef("p.id", "=", "l.citizen_id"),
    )
    .innerJoin("admin_units as v", "v.id", "p.village_id")
    .leftJoin("attendance_marks as m", (j) =>
      j
        .onRef("m.commune_id", "=", "l.commune_id")
        .onRef("m.activity_id", "=", "l.activity_id")
        .onRef("m.citizen_id", "=", "l.citizen_id")
        .on("m.present", "=", true),
    )
    .leftJoin("activity_sessions as s", (j) =>
      j.onRef("s.commune_id", "=", "m.commune_id").onRef("s.id", "=", "m.session_id"),
    )
    .select([
      "l.citizen_id",
      "p.full_name",
      "p.birth_year",
      "v.name as village",
      sql<number>`count(s.id)::int`.as("present"),
      sql<number>`coalesce(sum(s.minutes), 0)::int`.as("minutes"),
    ])
    .where("l.commune_id", "=", communeId)
    .where("l.activity_id", "=", activityId)
    .groupBy(["l.citizen_id", "p.full_name", "p.birth_year", "v.name", "p.search_name"])
    .orderBy("p.search_name")
    .orderBy("l.citizen_id")
    .execute()) as Learner[];
  return { sessions, learners };
}

/** The codes of the learners, made for those who have none yet (audited once per print that makes any). */
async function codesFor(
  tx: Db,
  actor: Actor,
  activity: { id: number; commune_id: number; province_id: number },
  ids: number[],
) {
  const existing = await tx
    .selectFrom("activity_certificates")
    .select(["citizen_id", "code"])
    .where("commune_id", "=", activity.commune_id)
    .where("activity_id", "=", activity.id)
    .execute();
  const codes = new Map(existing.map((r) => [Number(r.citizen_id), r.code]));
  const missing = ids.filter((id) => !codes.has(id));
  if (missing.length === 0) return codes;
  const rows = missing.map((citizen_id) => ({
    commune_id: activity.commune_id,
    activity_id: activity.id,
    citizen_id,
    province_id: activity.province_id,
    code: newCertificateCode(activity.commune_id),
  }));
  await tx.insertInto("activity_certificates").values(rows).execute();
  for (const r of rows) codes.set(r.citizen_id, r.code);
  await recordAudit(tx, actor, {
    action: "create",
    entity: "activity_certificates",
    entityId: activity.id,
    unitId: activity.commune_id,
    after: { citizenIds: missing },
  });
  return codes;
}

async function director(tx: Db, communeId: number, centreId: number) {
  const row = await tx
    .selectFrom("centre_staff")
    .select("full_name")
    .where("commune_id", "=", communeId)
    .where("centre_id", "=", centreId)
    .where("role", "=", "director")
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return row?.full_name ?? "";
}

/** The activity's certificates in one PDF; 422 when no learner reached the share yet. */
export async function activityCertificates(
  db: Db,
  actor: Actor,
  activityId: number,
  verifyBaseUrl: string,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const activity = await activityForPrint(tx, actor, activityId, communeId);
    const { sessions, learners } = await attendance(tx, activity.commune_id, activity.id);
    const eligible = learners.filter((l) => sessions > 0 && l.present >= sessions * completionShare);
    if (eligible.length === 0)
      throw new AppError(
        "validation",
        `Chưa có học viên nào có mặt từ ${completionShare * 100}% số buổi (${sessions} buổi đã ghi): chưa có giấy chứng nhận để in`,
      );
    const codes = await codesFor(
      tx,
      actor,
      activity,
      eligible.map((l) => Number(l.citizen_id)),
    );
    const day = today();
    const endsOn =
      activity.ends_on !== null && String(activity.ends_on) < day ? String(activity.ends_on) : day;
    const signerName = await director(tx, activity.commune_id, activity.centre_id);
    const data: CompletionData[] = eligible.map((l) => ({
      code: codes.get(Number(l.citizen_id))!,
      learnerName: l.full_name,
      learnerDetail: [
        l.birth_year ? `Năm sinh ${l.birth_year}` : null,
        placeList([l.village, activity.commune]),
      ]
        .filter(Boolean)
        .join(", "),
      activityLabel: `${kindLabels[activity.activity_kind]} “${activity.title}”`,
      topic: topicOptions[activity.topic as keyof typeof topicOptions]?.vi ?? activity.topic,
      startsOn: String(activity.starts_on),
      endsOn,
      sessions,
      sessionsPresent: l.present,
      hours: hoursText(l.minutes),
      issuedOn: endsOn,
      authority: {
        agencyParent: `UBND ${activity.commune}\n${shortCentre(activity.centre)}`,
        signerTitle: "GIÁM ĐỐC",
        signerName,
        place: placeName(activity.commune),
      },
    }));
    await logExport(tx, actor, {
      kind: "completion_certificates",
      format: "pdf",
      print: true,
      recordIds: eligible.map((l) => Number(l.citizen_id)),
      filter: { activityId: activity.id },
      unitId: activity.commune_id,
    });
    return renderCompletionCertificates(data, { verifyBaseUrl });
  });
}

/** The public check behind the QR code; runs without a session, so it reads only these columns. */
export async function checkCompletion(db: Db, code: string): Promise<CompletionCheck> {
  const missing = () => notFound("Không tìm thấy giấy chứng nhận với mã này");
  if (!/^[A-Z0-9]{6,20}$/.test(code)) throw missing();
  const { rows } = await sql<{
    full_name: string;
    birth_year: number | null;
    title: string;
    centre: string;
    starts_on: string;
    ends_on: string | null;
    archived: boolean;
  }>`SELECT p.full_name, p.birth_year, a.title, c.name AS centre, a.starts_on::text AS starts_on,
        a.ends_on::text AS ends_on, a.archived_at IS NOT NULL AS archived
      FROM activity_certificates k
      JOIN citizens p ON p.commune_id = k.commune_id AND p.id = k.citizen_id
      JOIN centre_activities a ON a.commune_id = k.commune_id AND a.id = k.activity_id
      JOIN learning_centres c ON c.commune_id = a.commune_id AND c.id = a.centre_id
      WHERE k.code = ${code}${byCommune(codeCommune(code), "k")}`.execute(db);
  const row = rows[0];
  if (!row) throw missing();
  const minor = row.birth_year !== null && Number(today().slice(0, 4)) - row.birth_year < 16;
  return {
    code,
    holderName: minor ? null : row.full_name,
    activity: row.title,
    centre: row.centre,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    valid: !row.archived,
  };
}
