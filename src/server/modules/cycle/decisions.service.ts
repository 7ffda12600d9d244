/**
 * Review meetings (bình xét), the proposal list, recognition decisions and their revocation. A decision is drafted
 * by one person and issued by another (reviewer); issuing locks its records and gives each a certificate code
 * (not a rating's: a centre's xếp loại is written in its decision).
 */
import { type SqlBool, sql } from "kysely";
import type { z } from "zod";
import type { Decision, decisionRequest, ReviewRequest } from "../../../shared/cycle";
import { isRatingTitle } from "../../../shared/rubric";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { newCertificateCode } from "../../lib/certificate-code";
import { expectVersion } from "../../lib/concurrency";
import { readableUnit } from "../../registry/units";
import { recordAudit } from "../audit/audit.repo";
import { canOnUnit, unitContext, unitContextIfCan, unitOutOfScope } from "../territory/territory.repo";
import { lastOfEach, loadRegistrations, unitsUnder } from "./bulk-read";
import {
  lockDecision,
  lockDecisionRegistrations,
  lockedOrForbidden,
  lockRegistrations,
  registrationRecord,
} from "./locks";

export type ReviewInput = ReviewRequest;

/**
 * Records a review meeting and its result per candidate: proposed for recognition or not. The candidates are
 * locked before their state is checked (locks.ts); an outcome with a `version` is refused (409) when the record
 * changed since the meeting's list was read.
 */
export async function holdReview(db: Db, actor: Actor, input: ReviewInput) {
  return asActor(db, actor, async (tx) => {
    const unit = await unitContextIfCan(tx, actor, "read", input.unitId);
    if (!unit) throw notFound(unitOutOfScope);
    await requireOnUnit(tx, actor, "cycle.review", input.unitId, "đơn vị này");
    const communeId = unit.level === "commune" ? unit.id : unit.communeId;
    if (communeId === null)
      throw new AppError("validation", "Họp bình xét tổ chức ở thôn, tổ dân phố hoặc xã, phường");
    const review = await tx
      .insertInto("reviews")
      .values({
        commune_id: communeId,
        province_id: unit.provinceId,
        unit_id: input.unitId,
        year: input.year,
        title: input.title,
        held_on: input.heldOn,
        participants: input.participants,
        minutes: input.minutes ?? null,
        created_by: actor.userId!,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Locked before their state is checked (locks.ts), then read and checked in memory in the list's order (the
    // first refused record is named as before), and moved in one statement: the counters' statement triggers run
    // once for the whole meeting (issue 13 §4).
    const ids = input.outcomes.map((o) => o.registrationId);
    const locked = await lockRegistrations(tx, ids);
    const registrations = await loadRegistrations(tx, actor, ids, communeId);
    const inUnit = await unitsUnder(tx, input.unitId);
    for (const outcome of input.outcomes) {
      const registration = await registrations.get(outcome.registrationId);
      const row = lockedOrForbidden(locked, registration.id, registration.subject.name);
      if (outcome.version !== undefined)
        await expectVersion(tx, registrationRecord(row), outcome.version, row.version);
      if (
        !inUnit.has(registration.village?.id ?? registration.communeId) ||
        registration.year !== input.year ||
        registration.title !== input.title
      )
        throw new AppError(
          "validation",
          `Hồ sơ của "${registration.subject.name}" không thuộc đơn vị, năm hoặc danh hiệu của cuộc họp`,
        );
      if (registration.decisionId !== null)
        throw new AppError(
          "validation",
          `Hồ sơ của "${registration.subject.name}" đã có trong dự thảo quyết định; không bình xét lại được`,
        );
      if (
        registration.status !== "assessed" &&
        registration.status !== "not_proposed" &&
        registration.status !== "proposed"
      )
        throw new AppError(
          "validation",
          `Hồ sơ của "${registration.subject.name}" chưa tự đánh giá hoặc đã có quyết định`,
        );
    }
    const outcomes = lastOfEach(input.outcomes);
    const reviewed = await sql`UPDATE registrations r
      SET status = v.status, review_id = ${review.id}, review_note = v.note, reviewed_by = ${actor.userId},
        reviewed_at = ${new Date()}
      FROM unnest(${outcomes.map((o) => o.registrationId)}::bigint[],
        ${outcomes.map((o) => (o.proposed ? "proposed" : "not_proposed"))}::text[],
        ${outcomes.map((o) => o.note ?? null)}::text[]) AS v (id, status, note)
      WHERE r.commune_id = ${communeId} AND r.id = v.id`.execute(tx);
    // Row-level security filters an update it does not allow; never report that as done.
    if (Number(reviewed.numAffectedRows ?? 0) !== outcomes.length)
      throw forbidden("Bạn không có quyền sửa tất cả hồ sơ của cuộc họp này");
    await recordAudit(tx, actor, {
      action: "review",
      entity: "review",
      entityId: review.id,
      unitId: input.unitId,
      after: { ...input, minutes: undefined },
    });
    return { id: review.id };
  });
}

function decisionQuery(tx: Db, actor: Actor) {
  return tx
    .selectFrom("decisions as d")
    .selectAll("d")
    .select([
      sql<number>`(SELECT count(*) FROM registrations r WHERE r.commune_id = d.commune_id
        AND (r.decision_id = d.id OR r.revocation_id = d.id))`.as("registration_count"),
    ])
    .where(unitInScope(actor, "read", "d.commune_id"));
}

function presentDecision(
  row: Awaited<ReturnType<ReturnType<typeof decisionQuery>["executeTakeFirstOrThrow"]>>,
): Decision {
  return {
    id: row.id,
    communeId: row.commune_id,
    year: row.year,
    title: row.title,
    kind: row.kind,
    number: row.number,
    signedOn: row.signed_on,
    agencyName: row.agency_name,
    signerTitle: row.signer_title,
    signerName: row.signer_name,
    reason: row.reason,
    status: row.status,
    createdBy: row.created_by_name,
    createdById: row.created_by === null ? null : Number(row.created_by),
    issuedBy: row.issued_by_name,
    issuedAt: row.issued_at === null ? null : new Date(row.issued_at).toISOString(),
    registrationCount: Number(row.registration_count),
    version: row.version,
  };
}

/** One decision in the caller's scope; given its commune, looked for there alone (one shard). */
export async function loadDecision(tx: Db, actor: Actor, id: number, communeId?: number) {
  let query = decisionQuery(tx, actor).where("d.id", "=", id);
  if (communeId !== undefined) query = query.where("d.commune_id", "=", communeId);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy quyết định, hoặc quyết định nằm ngoài phạm vi của bạn");
  return { decision: presentDecision(row), createdById: row.created_by };
}

export const getDecision = (db: Db, actor: Actor, id: number, communeId?: number) =>
  asActor(db, actor, async (tx) => (await loadDecision(tx, actor, id, communeId)).decision);

export async function listDecisions(db: Db, actor: Actor, filter: { unitId: number; year?: number }) {
  return asActor(db, actor, async (tx) => {
    const { communeId } = await readableUnit(tx, actor, filter.unitId);
    let query = decisionQuery(tx, actor).where(
      // The unit's communes, or the commune above a village.
      sql<boolean>`(d.commune_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${filter.unitId})
        OR d.commune_id IN (SELECT ancestor_id FROM admin_unit_paths WHERE descendant_id = ${filter.unitId}))`,
    );
    // A commune or a village below it: its commune's decisions alone (one shard; docs/SCALE-OUT.md).
    if (communeId !== null) query = query.where("d.commune_id", "=", communeId);
    if (filter.year) query = query.where("d.year", "=", filter.year);
    return (await query.orderBy("d.signed_on", "desc").orderBy("d.id", "desc").execute()).map(
      presentDecision,
    );
  });
}

export type DecisionInput = z.infer<typeof decisionRequest>;

/** Drafts a decision for one list: proposed records (recognition) or recognised ones (revocation). */
export async function draftDecision(db: Db, actor: Actor, input: DecisionInput) {
  return asActor(db, actor, async (tx) => {
    const commune = await unitContext(tx, input.communeId);
    if (commune?.level !== "commune" || !(await canOnUnit(tx, actor, "read", input.communeId)))
      throw notFound("Không tìm thấy xã, phường");
    await requireOnUnit(tx, actor, "cycle.draft", input.communeId, "xã, phường này");
    if (input.kind === "revocation" && !input.reason)
      throw new AppError("validation", "Ghi lý do thu hồi", { fields: { reason: "Ghi lý do" } });
    const { id } = await tx
      .insertInto("decisions")
      .values({
        commune_id: input.communeId,
        province_id: commune.provinceId,
        year: input.year,
        title: input.title,
        kind: input.kind,
        number: input.number,
        signed_on: input.signedOn,
        agency_name: input.agencyName,
        signer_title: input.signerTitle,
        signer_name: input.signerName,
        reason: input.reason ?? null,
        created_by: actor.userId!,
        created_by_name: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error: { code?: string }) => {
        if (error.code === "23505")
          throw new AppError("conflict", `Quyết định số ${input.number} ngày ${input.signedOn} đã có`);
        throw error;
      });
    // Locked before their state is checked: a review or self-assessment at the same moment waits, or is seen.
    // Read and checked in memory in the list's order, then moved in one statement (issue 13 §4).
    const locked = await lockRegistrations(tx, input.registrationIds);
    const registrations = await loadRegistrations(tx, actor, input.registrationIds, input.communeId);
    for (const registrationId of input.registrationIds) {
      const r = await registrations.get(registrationId);
      const row = lockedOrForbidden(locked, r.id, r.subject.name);
      const wrongList = r.communeId !== input.communeId || r.year !== input.year || r.title !== input.title;
      if (input.kind === "recognition" && (wrongList || r.status !== "proposed" || r.decisionId !== null))
        throw new AppError(
          "validation",
          `Hồ sơ của "${r.subject.name}" không có trong danh sách đề nghị của xã, năm và danh hiệu này`,
        );
      if (input.kind === "revocation" && (wrongList || r.status !== "recognized"))
        throw new AppError("validation", `"${r.subject.name}" chưa được công nhận nên không thu hồi được`);
      if (input.kind === "revocation" && row.revocationId !== null)
        throw new AppError(
          "validation",
          `"${r.subject.name}" đã có trong một dự thảo quyết định thu hồi khác; hãy hủy dự thảo đó trước`,
        );
    }
    const ids = [...new Set(input.registrationIds)];
    const drafted = await tx
      .updateTable("registrations")
      .set(input.kind === "recognition" ? { decision_id: id } : { revocation_id: id })
      .where("commune_id", "=", input.communeId)
      .where(sql<SqlBool>`id = ANY (${ids}::bigint[])`)
      .executeTakeFirst();
    // Row-level security filters an update it does not allow; never report that as done.
    if (Number(drafted.numUpdatedRows) !== ids.length)
      throw forbidden("Bạn không có quyền sửa tất cả hồ sơ của dự thảo này");
    await recordAudit(tx, actor, {
      action: "draft",
      entity: "decision",
      entityId: id,
      unitId: input.communeId,
      after: input,
    });
    return (await loadDecision(tx, actor, id, input.communeId)).decision;
  });
}

/**
 * Locks a decision and then its records (always in that order, records by id), and reads the decision again
 * after the lock: issuing and cancelling the same draft at once cannot both go through. With `version`, a draft
 * that changed since the caller read it is refused with 409.
 */
async function lockDraft(
  tx: Db,
  actor: Actor,
  id: number,
  version: number | undefined,
  communeId: number | undefined,
) {
  const seen = await loadDecision(tx, actor, id, communeId);
  const row = await lockDecision(tx, id, seen.decision.communeId);
  const { decision, createdById } = await loadDecision(tx, actor, id, seen.decision.communeId);
  if (version !== undefined && row) await expectVersion(tx, { entity: "decision", id }, version, row.version);
  return { decision, createdById, locked: row !== undefined };
}

/** Issues a drafted decision: by a reviewer who did not draft it. Its records are then locked. */
export async function issueDecision(db: Db, actor: Actor, id: number, version?: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const { decision, createdById, locked } = await lockDraft(tx, actor, id, version, communeId);
    await requireOnUnit(tx, actor, "cycle.issue", decision.communeId, "xã, phường này");
    if (createdById === actor.userId)
      throw forbidden("Người lập quyết định không được tự phê duyệt; cần một người khác ban hành");
    if (!locked) throw forbidden("Bạn không có quyền ban hành quyết định này");
    if (decision.status === "issued") throw new AppError("conflict", "Quyết định đã được ban hành");
    const records = await lockDecisionRegistrations(tx, decision);
    const expected = decision.kind === "recognition" ? "proposed" : "recognized";
    // The list cannot have moved (a draft's records are refused to reviews and self-assessments), but a record
    // left in another state must never be issued silently.
    if (records.length !== decision.registrationCount || records.some((r) => r.status !== expected))
      throw new AppError(
        "conflict",
        "Hồ sơ trong dự thảo đã thay đổi sau khi lập; hãy hủy dự thảo và lập lại từ danh sách đề nghị",
      );
    const updated = await tx
      .updateTable("decisions")
      .set({ status: "issued", issued_by: actor.userId, issued_by_name: actor.name, issued_at: new Date() })
      .where("commune_id", "=", decision.communeId)
      .where("id", "=", id)
      .executeTakeFirst();
    // Row-level security filters an update it does not allow to zero rows; never report that as done.
    if (Number(updated.numUpdatedRows) !== 1) throw forbidden("Bạn không có quyền ban hành quyết định này");
    const ids = records.map((r) => r.id);
    // A rating (xếp loại TTHTCĐ) is written in the decision itself: no certificate (docs/CENTRES.md).
    const rating = isRatingTitle(decision.title);
    // One statement for the whole list: the counters it moves are then locked in one (sorted) order.
    const changed =
      ids.length === 0
        ? { numAffectedRows: 0n }
        : decision.kind === "recognition"
          ? await sql`UPDATE registrations r SET status = 'recognized', certificate_code = v.code
                FROM unnest(${ids}::bigint[], ${ids.map(() => (rating ? null : newCertificateCode(decision.communeId)))}::text[]) AS v (id, code)
                WHERE r.commune_id = ${decision.communeId} AND r.id = v.id`.execute(tx)
          : await sql`UPDATE registrations SET status = 'revoked'
              WHERE commune_id = ${decision.communeId} AND id = ANY (${ids}::bigint[])`.execute(tx);
    if (Number(changed.numAffectedRows ?? 0) !== ids.length)
      throw forbidden("Bạn không có quyền sửa tất cả hồ sơ của quyết định này");
    await recordAudit(tx, actor, {
      action: decision.kind === "recognition" ? "issue" : "revoke",
      entity: "decision",
      entityId: id,
      unitId: decision.communeId,
      before: { status: "draft" },
      after: { status: "issued", registrations: ids },
    });
    return (await loadDecision(tx, actor, id, decision.communeId)).decision;
  });
}

/**
 * Cancels a draft decision (before it is issued): its records leave the draft, recognition ones back to the
 * proposal list ("proposed", nothing else of them changes), revocation ones stay recognised. The draft is
 * deleted so that its number can be used again; the audit log keeps what it was.
 */
export async function cancelDraftDecision(
  db: Db,
  actor: Actor,
  id: number,
  version?: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const { decision, locked } = await lockDraft(tx, actor, id, version, communeId);
    await requireOnUnit(tx, actor, "cycle.draft", decision.communeId, "xã, phường này");
    if (!locked) throw forbidden("Bạn không có quyền hủy dự thảo này");
    if (decision.status === "issued")
      throw new AppError(
        "conflict",
        `Quyết định số ${decision.number} đã ban hành nên không hủy được; hãy lập quyết định thu hồi`,
      );
    const records = await lockDecisionRegistrations(tx, decision);
    if (records.length !== decision.registrationCount)
      throw forbidden("Bạn không có quyền sửa tất cả hồ sơ của dự thảo này");
    const column = decision.kind === "recognition" ? "decision_id" : "revocation_id";
    const released = await tx
      .updateTable("registrations")
      .set(column === "decision_id" ? { decision_id: null } : { revocation_id: null })
      .where("commune_id", "=", decision.communeId)
      .where(column, "=", id)
      .returning("id")
      .execute();
    if (released.length !== decision.registrationCount)
      throw forbidden("Bạn không có quyền sửa tất cả hồ sơ của dự thảo này");
    const deleted = await tx
      .deleteFrom("decisions")
      .where("commune_id", "=", decision.communeId)
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    // Row-level security filters a delete it does not allow to zero rows; never report that as done.
    if (Number(deleted.numDeletedRows) !== 1) throw forbidden("Bạn không có quyền hủy dự thảo này");
    await recordAudit(tx, actor, {
      action: "cancel",
      entity: "decision",
      entityId: id,
      unitId: decision.communeId,
      before: { ...decision, registrations: released.map((r) => r.id) },
    });
    return { id, released: released.length };
  });
}
