/**
 * A learning centre's board and staff (giám đốc, phó giám đốc, giáo viên, báo cáo viên, cộng tác viên), set as a
 * whole list like a chapter's committee: people listed as they were stay, people no longer listed are kept with
 * `removed_at` (the history), new ones are added. At most one giám đốc at a time (the request, and a unique index).
 */
import type { CentreStaffInput, CentreStaffMember } from "../../../shared/centre-org";
import { foldText } from "../../../shared/text";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { refuse, requireCentreWrite } from "./centre-decisions.service";
import { centreStaff, provinceOf, readableCentre } from "./centre-org.repo";

type StaffInput = Omit<CentreStaffInput, "post" | "since" | "decisionId"> & {
  post?: string | null;
  since?: string | null;
  decisionId?: number | null;
};

/** What makes two entries the same: role, name (folded), post, since and decision. */
const keyOf = (s: {
  role: string;
  fullName: string;
  post?: string | null;
  since?: string | null;
  decisionId?: number | null;
}) => [s.role, foldText(s.fullName), foldText(s.post ?? ""), s.since ?? "", s.decisionId ?? ""].join("|");

export const getCentreStaff = (db: Db, actor: Actor, centreId: number, communeId?: number) =>
  asActor(db, actor, async (tx) => {
    const centre = await readableCentre(tx, actor, centreId, communeId);
    return { staff: await centreStaff(tx, actor, centre, true) };
  });

export function setCentreStaff(
  db: Db,
  actor: Actor,
  centreId: number,
  list: StaffInput[],
  communeId?: number,
): Promise<{ staff: CentreStaffMember[] }> {
  return asActor(db, actor, async (tx) => {
    const centre = await readableCentre(tx, actor, centreId, communeId);
    await requireCentreWrite(tx, actor, centre);
    if (centre.archivedReason)
      throw new AppError("validation", `Trung tâm ${centre.name} đã lưu trữ, không sửa cán bộ được`);
    const wanted = list.map((s) => ({ ...s, fullName: s.fullName.replace(/\s+/g, " ").trim() }));
    const seen = new Map<string, number>();
    wanted.forEach((s, i) => {
      const same = `${s.role}|${foldText(s.fullName)}`;
      if (seen.has(same))
        throw refuse(
          `staff.${i}.fullName`,
          `${s.fullName} đã có ở dòng ${seen.get(same)! + 1} với cùng vai trò`,
        );
      seen.set(same, i);
    });
    const decisionIds = [...new Set(wanted.flatMap((s) => (s.decisionId ? [s.decisionId] : [])))];
    if (decisionIds.length > 0) {
      const found = await tx
        .selectFrom("centre_decisions")
        .select("id")
        .where("commune_id", "=", centre.communeId)
        .where("centre_id", "=", centre.id)
        .where("id", "in", decisionIds)
        .execute();
      const known = new Set(found.map((d) => Number(d.id)));
      const i = wanted.findIndex((s) => s.decisionId && !known.has(s.decisionId));
      if (i >= 0)
        throw refuse(`staff.${i}.decisionId`, "Quyết định bổ nhiệm phải là quyết định của trung tâm này");
    }
    const before = await centreStaff(tx, actor, centre, true);
    const staying = new Set<number>();
    const adding = wanted.filter((s) => {
      const match = before.find((b) => !staying.has(b.id) && keyOf(b) === keyOf(s));
      if (match) staying.add(match.id);
      return !match;
    });
    const leaving = before.filter((b) => !staying.has(b.id)).map((b) => b.id);
    if (leaving.length > 0)
      await tx
        .updateTable("centre_staff")
        .set({ removed_at: new Date() })
        .where("commune_id", "=", centre.communeId)
        .where("id", "in", leaving)
        .execute();
    if (adding.length > 0) {
      const province_id = await provinceOf(tx, centre);
      await tx
        .insertInto("centre_staff")
        .values(
          adding.map((s) => ({
            commune_id: centre.communeId,
            province_id,
            centre_id: centre.id,
            role: s.role,
            full_name: s.fullName,
            post: s.post ?? null,
            since: s.since ?? null,
            decision_id: s.decisionId ?? null,
          })),
        )
        .execute();
    }
    const after = await centreStaff(tx, actor, centre, true);
    if (leaving.length + adding.length > 0)
      await recordAudit(tx, actor, {
        action: "update",
        entity: "centre_staff",
        entityId: centre.id,
        unitId: centre.communeId,
        before: { staff: before },
        after: { staff: after },
      });
    return { staff: after };
  });
}
