/**
 * Reading a learning centre's organisation: the centre as history names it, its decisions (a merger with the
 * centres it took in), its staff past and present. Every query is scoped to the caller's read permission on the
 * centres' communes (a 2025 commune's grant reaches its predecessors' centres), row-level security behind it.
 */
import { sql } from "kysely";
import type {
  CentreDecision,
  CentreRef,
  CentreStaffMember,
  CentreStaffRole,
} from "../../../shared/centre-org";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { signatureBlock } from "../../documents/nd30-names";
import { notFound } from "../../errors";

/** The centres with these ids the caller reads, as history names them; given a commune, of it alone (one shard). */
export async function centreRefs(
  tx: Db,
  actor: Actor,
  ids: number[],
  communeId?: number,
): Promise<Map<number, CentreRef>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom("learning_centres as c")
    .innerJoin("admin_units as u", "u.id", "c.commune_id")
    .select([
      "c.id",
      "c.commune_id",
      "u.name as commune_name",
      "c.code",
      "c.name",
      "c.founded_on",
      "c.archived_reason",
    ])
    .where("c.id", "in", [...new Set(ids)])
    .$if(communeId !== undefined, (q) => q.where("c.commune_id", "=", communeId!))
    .where(unitInScope(actor, "read", "c.commune_id"))
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        communeId: Number(r.commune_id),
        communeName: r.commune_name,
        code: r.code,
        name: r.name,
        foundedOn: r.founded_on,
        archivedReason: r.archived_reason,
      },
    ]),
  );
}

/** A centre the caller reads (404 otherwise); given its commune, looked for there alone (another's is 404). */
export async function readableCentre(
  tx: Db,
  actor: Actor,
  id: number,
  communeId?: number,
): Promise<CentreRef> {
  const centre = (await centreRefs(tx, actor, [id], communeId)).get(id);
  if (!centre) throw notFound("Không tìm thấy trung tâm, hoặc trung tâm nằm ngoài phạm vi của bạn");
  return centre;
}

/** A centre's decisions in date order, a merger's predecessors with it. */
export async function centreDecisions(tx: Db, actor: Actor, centre: CentreRef): Promise<CentreDecision[]> {
  const rows = await tx
    .selectFrom("centre_decisions as d")
    .selectAll("d")
    .where("d.commune_id", "=", centre.communeId)
    .where("d.centre_id", "=", centre.id)
    .where(unitInScope(actor, "read", "d.commune_id"))
    .orderBy("d.signed_on")
    .orderBy("d.id")
    .execute();
  const links = await tx
    .selectFrom("centre_successions as s")
    .select(["s.decision_id", "s.predecessor_id"])
    .where("s.commune_id", "=", centre.communeId)
    .where("s.successor_id", "=", centre.id)
    .where(unitInScope(actor, "read", "s.commune_id"))
    .orderBy("s.id")
    .execute();
  const refs = await centreRefs(
    tx,
    actor,
    links.map((l) => Number(l.predecessor_id)),
  );
  return rows.map((d) => ({
    id: Number(d.id),
    centreId: Number(d.centre_id),
    kind: d.kind,
    number: d.number,
    signedOn: d.signed_on,
    signerName: d.signer_name,
    signerTitle: d.signer_title,
    issuer: d.issuer,
    signature: signatureBlock(d.issuer, d.signer_title),
    effectiveOn: d.effective_on,
    summary: d.summary,
    predecessors: links
      .filter((l) => Number(l.decision_id) === Number(d.id))
      .flatMap((l) => refs.get(Number(l.predecessor_id)) ?? []),
    createdBy: d.created_by,
  }));
}

const roleOrder = sql`array_position(ARRAY['director', 'deputy_director', 'teacher', 'reporter', 'collaborator'], s.role)`;

/** A centre's staff: serving now (`current`), or everyone, the serving first and then the latest to leave. */
export async function centreStaff(
  tx: Db,
  actor: Actor,
  centre: { communeId: number; id: number },
  current: boolean,
): Promise<CentreStaffMember[]> {
  let query = tx
    .selectFrom("centre_staff as s")
    .leftJoin("centre_decisions as d", (j) =>
      j.onRef("d.commune_id", "=", "s.commune_id").onRef("d.id", "=", "s.decision_id"),
    )
    .select([
      "s.id",
      "s.role",
      "s.full_name",
      "s.post",
      "s.since",
      "s.decision_id",
      "d.number as decision_number",
      "s.removed_at",
    ])
    .where("s.commune_id", "=", centre.communeId)
    .where("s.centre_id", "=", centre.id)
    .where(unitInScope(actor, "read", "s.commune_id"));
  if (current) query = query.where("s.removed_at", "is", null);
  const rows = await query
    .orderBy(sql`s.removed_at DESC NULLS FIRST`)
    .orderBy(roleOrder)
    .orderBy("s.id")
    .execute();
  return rows.map((s) => ({
    id: Number(s.id),
    role: s.role as CentreStaffRole,
    fullName: s.full_name,
    post: s.post,
    since: s.since,
    decisionId: s.decision_id === null ? null : Number(s.decision_id),
    decisionNumber: s.decision_number,
    removedAt: s.removed_at ? new Date(s.removed_at).toISOString() : null,
  }));
}

/** The province a centre's rows are kept under. */
export async function provinceOf(tx: Db, centre: { communeId: number; id: number }): Promise<number> {
  const row = await tx
    .selectFrom("learning_centres")
    .select("province_id")
    .where("commune_id", "=", centre.communeId)
    .where("id", "=", centre.id)
    .executeTakeFirstOrThrow();
  return Number(row.province_id);
}
