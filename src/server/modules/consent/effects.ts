/**
 * What depends on a consent, where it is used (docs/PRIVACY.md, Consent).
 *
 * Donors named in the fund's public disclosure: a person is named only while their consent "public_disclosure_name"
 * is in force (migration 0040); a gift marked anonymous is never named; an organisation, not a person, is named
 * unless its gift is anonymous. Applied when a year is published and again whenever the published disclosure is
 * read (page, JSON, CSV), so a withdrawal takes effect at once, on every year already published.
 */
import { sql } from "kysely";
import { anonymousDonor } from "../../../shared/consent";
import type { DisclosureSnapshot } from "../../../shared/fund";
import type { Db } from "../../db/connection";

/** The donor names of a fund's year that may not be shown (receipts of persons without a consent in force). */
export async function withheldDonorNames(
  tx: Db,
  ref: { commune_id: number; fund_id: number },
  year: number,
): Promise<Set<string>> {
  const { rows } = await sql<{ donor_name: string }>`
    SELECT DISTINCT r.donor_name FROM fund_receipts r
    WHERE r.commune_id = ${ref.commune_id} AND r.fund_id = ${ref.fund_id} AND r.year = ${year}
      AND NOT r.anonymous AND r.donor_kind = 'person'
      AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.commune_id = r.commune_id AND c.subject_kind = 'donors'
        AND c.subject_id = r.donor_id AND c.purpose = 'public_disclosure_name' AND c.withdrawn_at IS NULL)`.execute(
    tx,
  );
  return new Set(rows.map((r) => r.donor_name));
}

/** The receipts by donor with the withheld names merged into the anonymous line, largest first. */
export function maskDonors(
  rows: DisclosureSnapshot["receiptsByDonor"],
  withheld: Set<string>,
): DisclosureSnapshot["receiptsByDonor"] {
  const byDonor = new Map<string, number>();
  for (const { donor, amount } of rows) {
    const shown = withheld.has(donor) ? anonymousDonor : donor;
    byDonor.set(shown, (byDonor.get(shown) ?? 0) + amount);
  }
  return [...byDonor].map(([donor, amount]) => ({ donor, amount })).sort((a, b) => b.amount - a.amount);
}
