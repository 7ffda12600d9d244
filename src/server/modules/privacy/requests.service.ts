/**
 * The register of data-subject requests (issue 12, item 3): a commune's administrators (`privacy.request`) record a
 * request with its due date (2 working days after receipt, public holidays skipped), find the person's records,
 * link them, answer with a copy, erase (pseudonymise) where asked, and close or refuse with a reason. Every write is
 * audited; the to-do list shows the open requests (todo.ts). docs/PRIVACY.md, data-subject requests.
 */
import { sql } from "kysely";
import {
  type DataRequest,
  type DataRequestCreate,
  type DataRequestFilter,
  type DataRequestUpdate,
  type LinkedRecord,
  type LinkRecords,
  openStatuses,
  type PersonSource,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
} from "../../../shared/privacy-requests";
import { addWorkingDays, requestAnswerWorkingDays } from "../../../shared/working-days";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { inSubtree, invalid } from "../commendations/units";
import { today } from "../territory/dates";
import { unitContext } from "../territory/territory.repo";
import { byIds, findPerson, readSources } from "./find-person";
import { holidaySet } from "./holidays.service";
import { pseudonymisePerson } from "./pseudonymise";

function selectRows(tx: Db) {
  return tx
    .selectFrom("data_subject_requests as r")
    .innerJoin("admin_units as u", "u.id", "r.commune_id")
    .leftJoin("admin_units as v", "v.id", "r.village_id")
    .select([
      "r.id",
      "r.commune_id",
      "u.name as commune_name",
      "r.person_name",
      "r.birth_year",
      "r.village_id",
      "v.name as village_name",
      "r.kind",
      "r.received_on",
      "r.channel",
      "r.due_on",
      "r.status",
      "r.refusal_reason",
      "r.outcome",
      "r.records",
      "r.notes",
      "r.handled_by_name",
      "r.closed_at",
      "r.version",
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectRows>["executeTakeFirstOrThrow"]>>;

const toItem = (r: Row, now: string): DataRequest => {
  const status = r.status as RequestStatus;
  return {
    id: Number(r.id),
    communeId: Number(r.commune_id),
    communeName: r.commune_name,
    personName: r.person_name,
    birthYear: r.birth_year,
    village: r.village_id && r.village_name ? { id: Number(r.village_id), name: r.village_name } : null,
    kind: r.kind as RequestKind,
    receivedOn: r.received_on,
    channel: r.channel as RequestChannel,
    dueOn: r.due_on,
    overdue: openStatuses.includes(status) && r.due_on < now,
    status,
    refusalReason: r.refusal_reason,
    outcome: r.outcome,
    records: r.records as LinkedRecord[],
    notes: r.notes,
    handledBy: r.handled_by_name,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    version: r.version,
  };
};

/**
 * The request, when the caller administers its commune; 404 otherwise. Given its commune (the web always sends
 * it), looked for there alone (one shard): a request of another commune is not found.
 */
export async function readRequest(
  tx: Db,
  actor: Actor,
  id: number,
  lock = false,
  communeId?: number,
): Promise<DataRequest> {
  let query = selectRows(tx)
    .where("r.id", "=", id)
    .where(unitInScope(actor, "admin", "r.commune_id"));
  if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
  if (lock) query = query.forUpdate("r");
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy yêu cầu trong phạm vi của bạn");
  return toItem(row, today());
}

/** The audit's view of a request: what the register holds, without the linked records' names. */
const audited = (r: DataRequest) => ({
  personName: r.personName,
  kind: r.kind,
  receivedOn: r.receivedOn,
  dueOn: r.dueOn,
  status: r.status,
  refusalReason: r.refusalReason,
  records: r.records.map(({ source, id }) => ({ source, id })),
});

async function commune(tx: Db, actor: Actor, communeId: number) {
  await requireOnUnit(tx, actor, "privacy.request", communeId, "xã, phường này");
  const unit = await unitContext(tx, communeId);
  if (unit?.level !== "commune")
    throw invalid("communeId", "Yêu cầu được ghi ở xã, phường đang giữ dữ liệu của người yêu cầu");
  return unit;
}

export async function dueDate(tx: Db, receivedOn: string): Promise<string> {
  return addWorkingDays(receivedOn, requestAnswerWorkingDays, await holidaySet(tx));
}

export async function createRequest(db: Db, actor: Actor, input: DataRequestCreate): Promise<DataRequest> {
  return asActor(db, actor, async (tx) => {
    const unit = await commune(tx, actor, input.communeId);
    if (input.receivedOn > today()) throw invalid("receivedOn", "Ngày nhận yêu cầu không được ở tương lai");
    if (input.villageId) {
      const village = await tx
        .selectFrom("admin_units")
        .select("id")
        .where("id", "=", input.villageId)
        .where("parent_id", "=", unit.id)
        .executeTakeFirst();
      if (!village) throw invalid("villageId", "Thôn, tổ dân phố: không thuộc xã, phường của yêu cầu");
    }
    const { id } = await tx
      .insertInto("data_subject_requests")
      .values({
        commune_id: unit.id,
        province_id: unit.provinceId,
        person_name: input.personName.normalize("NFC").replace(/\s+/g, " "),
        birth_year: input.birthYear ?? null,
        village_id: input.villageId ?? null,
        kind: input.kind,
        received_on: input.receivedOn,
        channel: input.channel,
        due_on: await dueDate(tx, input.receivedOn),
        notes: input.notes?.trim() || null,
        records: "[]",
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const item = await readRequest(tx, actor, Number(id), false, unit.id);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "data_subject_request",
      entityId: item.id,
      unitId: unit.id,
      after: audited(item),
    });
    return item;
  });
}

export async function listRequests(db: Db, actor: Actor, filter: DataRequestFilter) {
  return asActor(db, actor, async (tx) => {
    await requireOnUnit(tx, actor, "privacy.request", filter.unitId, "đơn vị này");
    let query = selectRows(tx)
      .where(inSubtree(filter.unitId, "r.commune_id"))
      .where(unitInScope(actor, "admin", "r.commune_id"));
    if (filter.status === "open") query = query.where("r.status", "in", [...openStatuses]);
    else if (filter.status) query = query.where("r.status", "=", filter.status);
    const rows = await query.orderBy("r.due_on", "desc").orderBy("r.id", "desc").limit(1000).execute();
    const now = today();
    return rows.map((r) => toItem(r, now));
  });
}

export async function getRequest(db: Db, actor: Actor, id: number, communeId?: number) {
  return asActor(db, actor, (tx) => readRequest(tx, actor, id, false, communeId));
}

/** Writes a change of a request (after its version check) and audits it. */
async function save(
  tx: Db,
  actor: Actor,
  before: DataRequest,
  changes: Record<string, unknown>,
  action: string,
  extra?: unknown,
) {
  await tx
    .updateTable("data_subject_requests")
    .set(changes)
    .where("commune_id", "=", before.communeId)
    .where("id", "=", before.id)
    .execute();
  const after = await readRequest(tx, actor, before.id, false, before.communeId);
  await recordAudit(tx, actor, {
    action,
    entity: "data_subject_request",
    entityId: before.id,
    unitId: before.communeId,
    before: audited(before),
    after: extra === undefined ? audited(after) : { ...audited(after), ...(extra as object) },
  });
  return after;
}

async function opened(tx: Db, actor: Actor, id: number, version: number, communeId: number | undefined) {
  const before = await readRequest(tx, actor, id, true, communeId);
  await requireOnUnit(tx, actor, "privacy.request", before.communeId, "xã, phường này");
  await expectVersion(tx, { entity: "data_subject_request", id }, version, before.version);
  return before;
}

const closedStatuses: RequestStatus[] = ["done", "refused"];

export async function updateRequest(
  db: Db,
  actor: Actor,
  id: number,
  patch: DataRequestUpdate,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const before = await opened(tx, actor, id, patch.version, communeId);
    const status = patch.status ?? before.status;
    if (closedStatuses.includes(before.status) && status !== before.status)
      throw invalid("status", "Yêu cầu đã đóng: không đổi trạng thái được nữa");
    const refusalReason = status === "refused" ? (patch.refusalReason ?? before.refusalReason) : null;
    if (status === "refused" && !refusalReason)
      throw invalid("refusalReason", "Lý do từ chối: ghi rõ vì sao không đáp ứng yêu cầu");
    if (status === "done" && before.records.length === 0)
      throw invalid(
        "records",
        "Yêu cầu chưa xác định được người: hãy tìm và chọn hồ sơ của người yêu cầu trước khi hoàn thành, hoặc từ chối kèm lý do",
      );
    return save(
      tx,
      actor,
      before,
      {
        status,
        refusal_reason: refusalReason,
        outcome: patch.outcome === undefined ? before.outcome : patch.outcome?.trim() || null,
        notes: patch.notes === undefined ? before.notes : patch.notes?.trim() || null,
        handled_by: actor.userId,
        handled_by_name: actor.name,
        closed_at: closedStatuses.includes(status) ? (before.closedAt ?? sql`now()`) : null,
      },
      "update",
    );
  });
}

/** The records of the commune that may be the person's (the request's name, birth year, village unless given). */
export async function requestMatches(
  db: Db,
  actor: Actor,
  id: number,
  query: { name?: string; birthYear?: number; villageId?: number },
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const request = await readRequest(tx, actor, id, false, communeId);
    return findPerson(tx, {
      communeId: request.communeId,
      name: query.name?.trim() || request.personName,
      birthYear: query.birthYear ?? request.birthYear,
      villageId: query.villageId ?? request.village?.id ?? null,
    });
  });
}

/** Links the records the officer identified as the person's (each must exist in the request's commune). */
export async function linkRequestRecords(
  db: Db,
  actor: Actor,
  id: number,
  body: LinkRecords,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const before = await opened(tx, actor, id, body.version, communeId);
    if (closedStatuses.includes(before.status))
      throw invalid("records", "Yêu cầu đã đóng: không gắn thêm hồ sơ được");
    const direct = body.records.filter((r) => !referenceSources.includes(r.source));
    const found = await readSources(tx, before.communeId, byIds(direct));
    const missing = direct.find((r) => !found.some((f) => f.source === r.source && f.id === r.id));
    if (missing)
      throw invalid("records", `Hồ sơ ${missing.source} số ${missing.id} không có ở xã, phường của yêu cầu`);
    const records: LinkedRecord[] = [
      ...found.map(({ source, id, name }) => ({ source, id, name })),
      ...body.records
        .filter((r) => referenceSources.includes(r.source))
        .map((r) => ({ ...r, name: before.personName })),
    ];
    return save(tx, actor, before, { records: JSON.stringify(records) }, "link");
  });
}

/** Sources that only refer to a household or citizen (no name of their own). */
const referenceSources: readonly PersonSource[] = ["registration", "survey_answer", "learner"];

/**
 * A deletion request carried out: the linked records pseudonymised or archived (pseudonymise.ts), the request done
 * with what was done and why, in one transaction, audited (the steps, never the person's data).
 */
export async function eraseRequest(db: Db, actor: Actor, id: number, version: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const before = await opened(tx, actor, id, version, communeId);
    if (before.kind !== "deletion")
      throw invalid("kind", "Chỉ yêu cầu xóa dữ liệu mới xóa, thay tên bằng bí danh");
    if (closedStatuses.includes(before.status)) throw invalid("status", "Yêu cầu đã đóng");
    if (before.records.length === 0)
      throw invalid(
        "records",
        "Yêu cầu chưa xác định được người: hãy tìm và chọn hồ sơ của người yêu cầu trước khi xóa",
      );
    const result = await pseudonymisePerson(tx, {
      communeId: before.communeId,
      records: before.records,
      personName: before.personName,
    });
    const lines = result.steps.map((s) => `- ${s.source} ${s.id}: ${s.reason}`);
    const outcome = [
      `Đã xử lý yêu cầu xóa ngày ${today()}: tên thay bằng bí danh "${result.pseudonym}".`,
      ...lines,
      `Nhật ký thay đổi: ${result.auditRows} dòng đã thay tên bằng bí danh.`,
      `Nhật ký xử lý dữ liệu: ${result.processingLogRows} dòng có từ khóa tìm kiếm là tên, số điện thoại đã thay bằng bí danh.`,
    ].join("\n");
    return save(
      tx,
      actor,
      before,
      {
        status: "done",
        outcome,
        records: JSON.stringify(before.records.map((r) => ({ ...r, name: result.pseudonym }))),
        handled_by: actor.userId,
        handled_by_name: actor.name,
        closed_at: sql`now()`,
      },
      "erase",
      { steps: result.steps, auditRows: result.auditRows, processingLogRows: result.processingLogRows },
    );
  });
}
