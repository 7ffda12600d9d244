/**
 * Demo consents (docs/PRIVACY-CONSENT.md): the families who give to Tây Hồ's fund agreed on a paper form to be
 * named in its public disclosure; the two people who asked for anonymity did not, so the disclosure says "Nhà hảo
 * tâm ẩn danh" for them. Recorded through the consent service by the ward officer who keeps the donor list, before
 * any year is published.
 */
import { currentNotice } from "../../shared/consent";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { recordConsent } from "../modules/consent/consent.service";

export async function demoDonorConsents(
  tx: Db,
  officer: Actor,
  donors: readonly { key: string; kind: string }[],
  ids: Map<string, number>,
  today: string,
) {
  const noticeVersion = currentNotice("public_disclosure_name").version;
  for (const donor of donors)
    if (donor.kind === "person" && donor.key.startsWith("family:"))
      await recordConsent(tx, officer, {
        subject: { kind: "donors", id: ids.get(donor.key)! },
        purpose: "public_disclosure_name",
        givenAt: today,
        method: "paper",
        noticeVersion,
      });
}
