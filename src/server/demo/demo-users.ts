/**
 * The demo's accounts (one password for all), and how one is created: the user, its one grant and an audit entry,
 * as the command line does. A chapter secretary's grant names a chapter, so that account is created once the
 * chapter exists (demo-association.ts).
 */
import { commandLineActor } from "../auth/scope";
import type { Db } from "../db/connection";
import type { Role } from "../db/schema";
import { recordAudit } from "../modules/audit/audit.repo";

export const demoPassword = "hieuhoc2025";

export type DemoUser = {
  username: string;
  fullName: string;
  role: Role;
  unit: { level: "province" | "commune" | "village"; code: string } | null;
  /** Only with the years of history: the second person who signs the ward's decisions, the Hội's people. */
  withHistory?: true;
  /** A chapter secretary's chapter, by its code in the grant's commune (created with the Hội's data). */
  chapter?: string;
};

export const demoUsers: DemoUser[] = [
  { username: "quantri", fullName: "Quản trị hệ thống", role: "system_admin", unit: null },
  {
    username: "hanoi",
    fullName: "Sở GD&ĐT Hà Nội",
    role: "unit_admin",
    unit: { level: "province", code: "01" },
  },
  {
    username: "tayho",
    fullName: "Cán bộ phường Tây Hồ",
    role: "data_entry",
    unit: { level: "commune", code: "00103" },
  },
  {
    username: "tayho.duyet",
    fullName: "Phó Chủ tịch UBND phường Tây Hồ",
    role: "reviewer",
    unit: { level: "commune", code: "00103" },
  },
  {
    username: "to1.tayho",
    fullName: "Tổ trưởng tổ dân phố số 1",
    role: "viewer",
    unit: { level: "village", code: "01" },
  },
  // The Hội Khuyến học's fund keepers (demo-fund.ts): the treasurer pays, the accountant proposes.
  {
    username: "thuquy.tayho",
    fullName: "Thủ quỹ Hội Khuyến học phường Tây Hồ",
    role: "treasurer",
    unit: { level: "commune", code: "00103" },
    withHistory: true,
  },
  {
    username: "ketoan.tayho",
    fullName: "Kế toán Hội Khuyến học phường Tây Hồ",
    role: "treasurer",
    unit: { level: "commune", code: "00103" },
    withHistory: true,
  },
  // The learning centre's teacher (giáo viên được UBND phường phân công): records sessions and attendance.
  {
    username: "giaovien.tayho",
    fullName: "Giáo viên Trung tâm học tập cộng đồng phường Tây Hồ",
    role: "teacher",
    unit: { level: "commune", code: "00103" },
  },
  {
    username: "hcm",
    fullName: "Sở GD&ĐT TP. Hồ Chí Minh",
    role: "unit_admin",
    unit: { level: "province", code: "79" },
  },
  {
    username: "maokhe",
    fullName: "Cán bộ phường Mạo Khê",
    role: "unit_admin",
    unit: { level: "commune", code: "07069" },
  },
  {
    username: "maokhe.duyet",
    fullName: "Phó Chủ tịch UBND phường Mạo Khê",
    role: "reviewer",
    unit: { level: "commune", code: "07069" },
    withHistory: true,
  },
  {
    username: "hkh.tayho",
    fullName: "Chủ tịch Hội Khuyến học phường Tây Hồ",
    role: "association_admin",
    unit: { level: "commune", code: "00103" },
    withHistory: true,
  },
  {
    username: "chihoi1.tayho",
    fullName: "Thư ký Chi hội Khuyến học tổ dân phố số 1",
    role: "chapter_secretary",
    unit: { level: "commune", code: "00103" },
    withHistory: true,
    chapter: "01",
  },
];

/** A unit in force by level and code; a village by its code within the commune `parentCode`. */
export async function unitId(db: Db, level: string, code: string, parentCode?: string): Promise<number> {
  let query = db
    .selectFrom("admin_units as u")
    .select("u.id")
    .where("u.level", "=", level as "province")
    .where("u.code", "=", code)
    .where("u.valid_to", "is", null);
  if (parentCode)
    query = query.where("u.parent_id", "=", (eb) =>
      eb
        .selectFrom("admin_units")
        .select("id")
        .where("code", "=", parentCode)
        .where("level", "=", "commune")
        .where("valid_to", "is", null),
    );
  return (await query.executeTakeFirstOrThrow()).id;
}

/** Creates a demo account and its grant (as the command line, audited), unless the username exists. */
export async function addDemoUser(
  tx: Db,
  user: DemoUser,
  passwordHash: string,
  chapterId: number | null = null,
) {
  const found = await tx
    .selectFrom("app_users")
    .select("id")
    .where("username", "=", user.username)
    .executeTakeFirst();
  if (found) return;
  const { id } = await tx
    .insertInto("app_users")
    .values({ username: user.username, full_name: user.fullName, password_hash: passwordHash })
    .returning("id")
    .executeTakeFirstOrThrow();
  const unit = user.unit
    ? await unitId(tx, user.unit.level, user.unit.code, user.unit.level === "village" ? "00103" : undefined)
    : null;
  await tx
    .insertInto("role_grants")
    .values({ user_id: id, role: user.role, unit_id: unit, chapter_id: chapterId })
    .execute();
  await recordAudit(tx, commandLineActor, {
    action: "create",
    entity: "user",
    entityId: id,
    unitId: unit,
    after: {
      username: user.username,
      role: user.role,
      ...(chapterId === null ? {} : { chapterId }),
      demo: true,
    },
  });
}
