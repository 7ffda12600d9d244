/** Evidence (minh chứng) per item of a self-assessment: a note, a file, or both. */
import type { EvidenceSummary } from "../../../shared/cycle";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { loadRegistration } from "./registrations.service";

export type { EvidenceSummary };

const allowedTypes =
  /^(application\/pdf|image\/(png|jpeg|webp)|application\/vnd\.openxmlformats-officedocument\.[a-z.]+|text\/plain)$/;

/**
 * Each function takes the registration's commune, optional (always from the web): given, the registration is looked
 * for in that commune alone (one shard, docs/SCALE-OUT.md) and one of another commune is not found.
 */
export async function addEvidence(
  db: Db,
  actor: Actor,
  registrationId: number,
  input: { itemKey: string; note?: string; file?: { bytes: Uint8Array; name: string; type: string } },
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const registration = await loadRegistration(tx, actor, registrationId, communeId);
    const unitId = registration.village?.id ?? registration.communeId;
    await requireOnUnit(tx, actor, "cycle.assess", unitId, "đơn vị của hồ sơ này");
    if (!["registered", "assessed"].includes(registration.status))
      throw new AppError("validation", "Hồ sơ đã qua bình xét; không thêm minh chứng được");
    if (!input.itemKey)
      throw new AppError("validation", "Chọn nội dung của minh chứng", { fields: { itemKey: "Bắt buộc" } });
    if (!input.note && !input.file)
      throw new AppError("validation", "Ghi chú hoặc chọn tệp minh chứng", { fields: { note: "Bắt buộc" } });
    if (input.file && input.file.bytes.length > 5_000_000)
      throw new AppError("validation", "Tệp minh chứng tối đa 5 MB");
    if (input.file && !allowedTypes.test(input.file.type))
      throw new AppError(
        "validation",
        "Tệp minh chứng phải là PDF, ảnh (PNG, JPEG), Word/Excel hoặc văn bản",
        {
          fields: { file: "Loại tệp không được nhận" },
        },
      );
    const row = await tx
      .insertInto("evidence")
      .values({
        commune_id: registration.communeId,
        registration_id: registration.id,
        item_key: input.itemKey,
        note: input.note ?? null,
        file_name: input.file?.name ?? null,
        content_type: input.file?.type ?? null,
        content: input.file?.bytes ?? null,
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "evidence",
      entityId: row.id,
      unitId: registration.village?.id ?? registration.communeId,
      after: { registrationId, itemKey: input.itemKey, note: input.note, fileName: input.file?.name },
    });
    return { id: row.id };
  });
}

export async function listEvidence(
  db: Db,
  actor: Actor,
  registrationId: number,
  communeId?: number,
): Promise<EvidenceSummary[]> {
  return asActor(db, actor, async (tx) => {
    const registration = await loadRegistration(tx, actor, registrationId, communeId);
    const rows = await tx
      .selectFrom("evidence")
      .select([
        "id",
        "item_key",
        "note",
        "file_name",
        "created_at",
        (eb) => eb.fn<number>("octet_length", ["content"]).as("size"),
      ])
      .where("commune_id", "=", registration.communeId)
      .where("registration_id", "=", registration.id)
      .orderBy("id")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      itemKey: r.item_key,
      note: r.note,
      fileName: r.file_name,
      size: r.size === null ? null : Number(r.size),
      createdAt: new Date(r.created_at).toISOString(),
    }));
  });
}

export async function evidenceFile(
  db: Db,
  actor: Actor,
  registrationId: number,
  evidenceId: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const registration = await loadRegistration(tx, actor, registrationId, communeId);
    const row = await tx
      .selectFrom("evidence")
      .select(["file_name", "content_type", "content"])
      .where("commune_id", "=", registration.communeId)
      .where("registration_id", "=", registration.id)
      .where("id", "=", evidenceId)
      .executeTakeFirst();
    if (!row?.content) throw notFound("Không tìm thấy tệp minh chứng");
    return {
      name: row.file_name ?? "minh-chung",
      type: row.content_type ?? "application/octet-stream",
      bytes: row.content,
    };
  });
}
