/**
 * A learning centre's decisions register (thành lập, bổ nhiệm, sáp nhập, giải thể, khác). Writing one needs
 * `write` on the centre's commune (registry.edit). Rules: no decision dated before the centre's founding or after
 * today; a founding decision fills an empty founding date; a dissolution archives the centre (`dissolved`); a
 * merger names its predecessors (centres of this commune or of the communes merged into it in 2025), records each
 * succession and archives each predecessor (`merged`, which needs `write` on its commune too). A merged or
 * dissolved centre's people leave its staff list. All of it in one transaction, audited.
 */
import { sql } from "kysely";
import type { CentreDecision, CentreDecisionRequest, CentreRef } from "../../../shared/centre-org";
import { centres } from "../../../shared/registry/kinds";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { archiveItem, getItem, updateItem } from "../../registry/service";
import { recordAudit } from "../audit/audit.repo";
import { vnDate } from "../fund/ledger";
import { today } from "../territory/dates";
import { centreDecisions, centreRefs, provinceOf, readableCentre } from "./centre-org.repo";

type DecisionBody = Omit<CentreDecisionRequest, "summary" | "effectiveOn"> & {
  summary?: string | null;
  effectiveOn?: string | null;
};

/** The earliest date a decision may carry: the register starts with the centres of the 1990s. */
const earliest = "1990-01-01";

/** 422 naming the field. */
export const refuse = (field: string, message: string) =>
  new AppError("validation", message, { fields: { [field]: message } });

/** Refuses (403) unless the caller may edit the registers of the centre's commune. */
export const requireCentreWrite = (tx: Db, actor: Actor, centre: CentreRef) =>
  requireOnUnit(tx, actor, "registry.edit", centre.communeId, `${centre.communeName}`);

/** Locks the centre's row for the rest of the transaction (two decisions on one centre go one after the other). */
async function lockCentre(tx: Db, centre: CentreRef) {
  await tx
    .selectFrom("learning_centres")
    .select("id")
    .where("commune_id", "=", centre.communeId)
    .where("id", "=", centre.id)
    .forUpdate()
    .execute();
}

/** The date a centre ended (its dissolution, or the merger that took it in), or null. */
async function endOf(tx: Db, centre: CentreRef): Promise<string | null> {
  const row = await sql<{ ended: string | null }>`SELECT least(
      (SELECT min(d.signed_on) FROM centre_decisions d
        WHERE d.commune_id = ${centre.communeId} AND d.centre_id = ${centre.id} AND d.kind = 'dissolution'),
      (SELECT min(d.signed_on) FROM centre_successions s
        JOIN centre_decisions d ON d.commune_id = s.commune_id AND d.id = s.decision_id
        WHERE s.predecessor_commune_id = ${centre.communeId} AND s.predecessor_id = ${centre.id})) AS ended`.execute(
    tx,
  );
  return row.rows[0]?.ended ?? null;
}

const archivedText = { merged: "đã được sáp nhập vào trung tâm khác", dissolved: "đã giải thể" } as const;

/** What an archived centre still accepts: past decisions of its own life; never a second end, nor a merger. */
async function checkArchived(tx: Db, centre: CentreRef, body: DecisionBody) {
  const reason = centre.archivedReason;
  if (!reason) return;
  if (reason === "mistake")
    throw refuse("kind", "Trung tâm đã lưu trữ do nhập nhầm, không ghi quyết định được");
  const state = `Trung tâm ${centre.name} ${archivedText[reason]}`;
  if (body.kind === "dissolution" || body.kind === "merger")
    throw refuse(
      "kind",
      `${state}: không ghi quyết định ${body.kind === "merger" ? "sáp nhập" : "giải thể"} được`,
    );
  const ended = await endOf(tx, centre);
  if (ended && body.signedOn > ended)
    throw refuse("signedOn", `${state} ngày ${vnDate(ended)}: ngày ký không được sau ngày đó`);
}

/** The commune and the communes that went into it (2025 reform and earlier), transitively. */
async function communeAndPredecessors(tx: Db, communeId: number): Promise<Set<number>> {
  const { rows } = await sql<{ id: number }>`WITH RECURSIVE before(id) AS (
      SELECT ${communeId}::bigint
      UNION SELECT s.predecessor_id FROM unit_successions s JOIN before b ON s.successor_id = b.id)
    SELECT id FROM before`.execute(tx);
  return new Set(rows.map((r) => Number(r.id)));
}

/** A merger's predecessors: readable, other than the centre, of its commune or a predecessor, not yet ended. */
async function mergedCentres(tx: Db, actor: Actor, centre: CentreRef, body: DecisionBody) {
  const ids = [...new Set(body.predecessorIds ?? [])];
  const field = "predecessorIds";
  if (ids.includes(centre.id)) throw refuse(field, "Không sáp nhập được trung tâm vào chính nó");
  const found = await centreRefs(tx, actor, ids);
  const communes = await communeAndPredecessors(tx, centre.communeId);
  const merged: CentreRef[] = [];
  for (const id of ids) {
    const other = found.get(id);
    if (!other)
      throw refuse(field, `Không tìm thấy trung tâm số ${id}, hoặc trung tâm nằm ngoài phạm vi của bạn`);
    if (!communes.has(other.communeId))
      throw refuse(
        field,
        `${other.name} thuộc ${other.communeName}, không phải ${centre.communeName} hay xã, phường đã hợp nhất vào đó`,
      );
    if (other.archivedReason === "merged" || other.archivedReason === "dissolved")
      throw refuse(field, `${other.name} ${archivedText[other.archivedReason]}`);
    if (other.archivedReason) throw refuse(field, `${other.name} đã lưu trữ do nhập nhầm`);
    if (other.foundedOn && body.signedOn < other.foundedOn)
      throw refuse(
        "signedOn",
        `Ngày ký (${vnDate(body.signedOn)}) trước ngày thành lập ${other.name} (${vnDate(other.foundedOn)})`,
      );
    merged.push(other);
  }
  return merged;
}

/** The current staff of a centre that ended leave its list. */
const closeStaff = (tx: Db, centre: CentreRef) =>
  tx
    .updateTable("centre_staff")
    .set({ removed_at: new Date() })
    .where("commune_id", "=", centre.communeId)
    .where("centre_id", "=", centre.id)
    .where("removed_at", "is", null)
    .execute();

export const listCentreDecisions = (db: Db, actor: Actor, centreId: number, communeId?: number) =>
  asActor(db, actor, async (tx) => ({
    decisions: await centreDecisions(tx, actor, await readableCentre(tx, actor, centreId, communeId)),
  }));

export function addCentreDecision(
  db: Db,
  actor: Actor,
  centreId: number,
  body: DecisionBody,
  communeId?: number,
): Promise<CentreDecision> {
  return asActor(db, actor, async (tx) => {
    const centre = await readableCentre(tx, actor, centreId, communeId);
    await requireCentreWrite(tx, actor, centre);
    await lockCentre(tx, centre);
    if (body.signedOn > today()) throw refuse("signedOn", "Ngày ký không được sau hôm nay");
    if (body.signedOn < earliest) throw refuse("signedOn", `Ngày ký phải từ ${vnDate(earliest)}`);
    await checkArchived(tx, centre, body);
    if (body.kind !== "founding" && centre.foundedOn && body.signedOn < centre.foundedOn)
      throw refuse(
        "signedOn",
        `Ngày ký (${vnDate(body.signedOn)}) trước ngày thành lập trung tâm (${vnDate(centre.foundedOn)})`,
      );
    if (body.kind === "founding") {
      const founding = await tx
        .selectFrom("centre_decisions")
        .select(["number", "signed_on"])
        .where("commune_id", "=", centre.communeId)
        .where("centre_id", "=", centre.id)
        .where("kind", "=", "founding")
        .executeTakeFirst();
      if (founding)
        throw refuse(
          "kind",
          `Trung tâm đã có quyết định thành lập số ${founding.number} ngày ${vnDate(founding.signed_on)}`,
        );
    }
    const merged = body.kind === "merger" ? await mergedCentres(tx, actor, centre, body) : [];
    const province = await provinceOf(tx, centre);
    const inserted = await tx
      .insertInto("centre_decisions")
      .values({
        commune_id: centre.communeId,
        province_id: province,
        centre_id: centre.id,
        kind: body.kind,
        number: body.number,
        signed_on: body.signedOn,
        signer_name: body.signerName.replace(/\s+/g, " "),
        signer_title: body.signerTitle.replace(/\s+/g, " "),
        issuer: body.issuer.replace(/\s+/g, " "),
        effective_on: body.effectiveOn ?? null,
        summary: body.summary ?? null,
        created_by: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const decisionId = Number(inserted.id);
    if (body.kind === "founding" && !centre.foundedOn) {
      const item = await getItem(tx, actor, centres, centre.id, undefined, centre.communeId);
      const change = { foundedOn: body.signedOn, version: item.version };
      await updateItem(tx, actor, centres, centre.id, change, undefined, centre.communeId);
    }
    for (const other of merged) {
      await tx
        .insertInto("centre_successions")
        .values({
          commune_id: centre.communeId,
          province_id: province,
          successor_id: centre.id,
          predecessor_commune_id: other.communeId,
          predecessor_id: other.id,
          decision_id: decisionId,
        })
        .execute();
      await archiveItem(tx, actor, centres, other.id, "merged", undefined, other.communeId);
      await closeStaff(tx, other);
    }
    if (body.kind === "dissolution") {
      await archiveItem(tx, actor, centres, centre.id, "dissolved", undefined, centre.communeId);
      await closeStaff(tx, centre);
    }
    const after = await readableCentre(tx, actor, centre.id, centre.communeId);
    const decision = (await centreDecisions(tx, actor, after)).find((d) => d.id === decisionId);
    if (!decision) throw notFound();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "centre_decision",
      entityId: decisionId,
      unitId: centre.communeId,
      after: decision,
    });
    return decision;
  });
}
