/** The personal-data inventory API: the list, its .docx, and the retention periods (system administrators). */
import type { InventoryAnswer, InventoryEntryItem } from "../../shared/privacy/api";
import { BASE, request } from "./client";

export type { InventoryAnswer, InventoryEntryItem };

export const privacyApi = {
  inventory: () => request<InventoryAnswer>("GET", "/privacy/inventory"),
  documentUrl: (unitId?: number) => `${BASE}/privacy/inventory.docx${unitId ? `?unitId=${unitId}` : ""}`,
  setRetention: (key: string, years: number) =>
    request<{ entry: InventoryEntryItem }>("PUT", `/privacy/retention/${encodeURIComponent(key)}`, {
      body: { years },
    }).then((r) => r.entry),
};
