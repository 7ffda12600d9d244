/**
 * The personal-data inventory with its retention periods: the declarations (src/shared/privacy) and the periods a
 * system administrator set (privacy_retention, migration 0039). A period below the legal minimum is refused.
 */

import type { InventoryAnswer, InventoryEntryItem } from "../../../shared/privacy/api";
import { audienceRoles, type InventoryEntry, inventoryEntries } from "../../../shared/privacy/inventory";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";

type Stored = {
  data_key: string;
  years: number;
  updated_by_name: string;
  updated_at: Date | string;
  version: number;
};

function present(entry: InventoryEntry, stored: Stored | undefined): InventoryEntryItem {
  const { retention } = entry;
  return {
    key: entry.key,
    name: entry.name,
    registry: !!entry.registry,
    tables: [...entry.tables],
    purpose: entry.purpose,
    basis: entry.basis,
    subjects: entry.subjects,
    retention: {
      years: stored?.years ?? retention.years,
      defaultYears: retention.years,
      minimum: retention.minimum ?? null,
      from: retention.from,
      changed: stored
        ? {
            by: stored.updated_by_name,
            at: new Date(stored.updated_at).toISOString(),
            version: stored.version,
          }
        : null,
    },
    fields: Object.entries(entry.fields).map(([key, field]) => ({
      key,
      label: field.label,
      purpose: field.purpose,
      category: field.category,
      sensitive: field.sensitive ?? null,
      minors: !!field.minors,
      audience: field.audience,
      basis: field.basis ?? entry.basis,
      roles: audienceRoles(entry, field.audience),
    })),
  };
}

/** The whole inventory, with the periods in force. */
export function privacyInventory(db: Db, actor: Actor): Promise<InventoryAnswer> {
  return asActor(db, actor, async (tx) => {
    const stored = await tx.selectFrom("privacy_retention").selectAll().execute();
    const byKey = new Map(stored.map((row) => [row.data_key, row as Stored]));
    return {
      entries: inventoryEntries().map((entry) => present(entry, byKey.get(entry.key))),
      canEdit: actor.global,
    };
  });
}

/** Sets the retention period of one set of data (system administrators; not below its legal minimum). */
export function setRetention(db: Db, actor: Actor, key: string, years: number): Promise<InventoryEntryItem> {
  return asActor(db, actor, async (tx) => {
    if (!actor.global) throw forbidden("Chỉ quản trị hệ thống được sửa thời hạn lưu trữ dữ liệu cá nhân");
    const entry = inventoryEntries().find((e) => e.key === key);
    if (!entry) throw notFound(`Không có nhóm dữ liệu cá nhân "${key}"`);
    const minimum = entry.retention.minimum;
    if (minimum && years < minimum.years) {
      const message = `Thời hạn lưu trữ ${entry.name.vi.toLowerCase()} không được ngắn hơn ${minimum.years} năm (${minimum.source})`;
      throw new AppError("validation", message, { fields: { years: message } });
    }
    const before = await tx
      .selectFrom("privacy_retention")
      .select(["years", "version"])
      .where("data_key", "=", key)
      .forUpdate()
      .executeTakeFirst();
    const values = { years, updated_by: actor.userId, updated_by_name: actor.name, updated_at: new Date() };
    const row = await tx
      .insertInto("privacy_retention")
      .values({ data_key: key, ...values })
      .onConflict((oc) =>
        oc
          .column("data_key")
          .doUpdateSet((eb) => ({ ...values, version: eb("privacy_retention.version", "+", 1) })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "privacy_retention",
      entityId: key,
      before: { years: before?.years ?? entry.retention.years },
      after: { years },
    });
    return present(entry, row as Stored);
  });
}
