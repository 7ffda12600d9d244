/** The consent register's API: a person's consents, recording one, withdrawing it, and the printable forms. */
import type { Consent, ConsentCreate, ConsentKind, ConsentList, ConsentPurpose } from "../../shared/consent";
import { BASE, commune, type RowRef, request } from "./client";

export type { Consent, ConsentList };

export const consentApi = {
  list: (kind: ConsentKind, id: number, communeId: number) =>
    request<ConsentList>("GET", "/consents", { query: { kind, id, communeId } }),
  record: (body: ConsentCreate) =>
    request<{ consent: Consent }>("POST", "/consents", { body }).then((r) => r.consent),
  withdraw: (row: RowRef, reason: string) =>
    request<{ consent: Consent }>("POST", `/consents/${row.id}/withdraw`, {
      query: commune(row),
      body: { reason },
    }).then((r) => r.consent),
  formUrl: (unitId: number, purpose: ConsentPurpose) =>
    `${BASE}/units/${unitId}/consent-forms/${purpose}.docx`,
};
