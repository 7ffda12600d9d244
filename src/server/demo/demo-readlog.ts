/**
 * The processing log and the breach register of Phường Tây Hồ, through the product's services: a few reads of
 * households and an export of the members' list by the ward's officers (as the log would have them), and one breach
 * of last month: a member list sent to the wrong chat group, found the next morning, notified to A05 within 72 hours
 * and closed (its letter is on /su-co-du-lieu).
 */
import type { Db } from "../db/connection";
import { createBreach } from "../modules/readlog/breaches.service";
import { logProcessing } from "../modules/readlog/processing-log";
import { addDays } from "../modules/territory/dates";
import { todayIso } from "../registry/rules";
import { actorOf } from "./demo-history";

export async function loadDemoReadlog(db: Db, options: { today: string; log: (line: string) => void }) {
  const until = [options.today, todayIso()].sort()[0]!;
  const ward = await db
    .selectFrom("admin_units")
    .select("id")
    .where("level", "=", "commune")
    .where("code", "=", "00103")
    .where("valid_to", "is", null)
    .executeTakeFirstOrThrow();
  const officer = await actorOf(db, "tayho");
  const hoi = await actorOf(db, "hkh.tayho");
  const admin = await actorOf(db, "hanoi");

  const homes = await db
    .selectFrom("households")
    .select(["id", "village_id"])
    .where("commune_id", "=", ward.id)
    .where("archived_at", "is", null)
    .orderBy("id")
    .limit(3)
    .execute();
  await logProcessing(db, officer, {
    action: "list",
    kind: "households",
    format: "json",
    recordIds: homes.map((h) => h.id),
    filter: { unitId: ward.id, limit: 20 },
    unitId: ward.id,
  });
  for (const home of homes.slice(0, 2))
    await logProcessing(db, officer, {
      action: "view",
      kind: "households",
      format: "json",
      recordIds: [home.id],
      unitId: home.village_id,
    });
  const members = await db
    .selectFrom("members")
    .select("id")
    .where("commune_id", "=", ward.id)
    .where("archived_at", "is", null)
    .execute();
  await logProcessing(db, hoi, {
    action: "export",
    kind: "members",
    format: "xlsx",
    recordIds: members.map((m) => m.id),
    filter: { unitId: ward.id },
    unitId: ward.id,
  });

  const found = addDays(until, -33);
  await createBreach(db, admin, {
    unitId: ward.id,
    title: "Gửi nhầm danh sách hội viên vào nhóm Zalo của tổ dân phố",
    description:
      "Cán bộ chi hội gửi tệp danh sách hội viên (họ tên, năm sinh, địa chỉ, số điện thoại) vào nhóm Zalo của tổ " +
      "dân phố số 1 (khoảng 120 thành viên) thay vì nhóm ban chấp hành; tệp bị xóa sau khoảng 12 giờ.",
    occurredAt: `${addDays(found, -1)}T20:40`,
    discoveredAt: `${found}T08:15`,
    peopleAffected: members.length,
    dataCategories: ["identity", "contact"],
    registryKinds: ["members"],
    measures:
      "Thu hồi tin nhắn, đề nghị các thành viên nhóm xóa tệp; nhắc nhở cán bộ; từ nay danh sách chỉ gửi qua tài " +
      "khoản Hiếu Học của ban chấp hành.",
    notifiedAt: `${addDays(found, 1)}T16:00`,
    notifiedTo: "Cục A05, Bộ Công an; Công an thành phố Hà Nội",
    closed: true,
  });
  options.log("Nhật ký xử lý dữ liệu, sổ sự cố dữ liệu cá nhân: Phường Tây Hồ.");
}
