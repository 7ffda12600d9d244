/** Certificates of issued decisions (PDF, one page each, QR code to the public check) and the public check. */
import { sql } from "kysely";
import type { CertificateCheck, Registration } from "../../../shared/cycle";
import { isRatingTitle, type Title, titleLabels } from "../../../shared/rubric";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { renderCertificates } from "../../documents/certificate.pdf";
import { householdHolder, placeList, placeName, signatureBlock } from "../../documents/nd30-names";
import { AppError, notFound } from "../../errors";
import { byCommune, codeCommune } from "../../lib/certificate-code";
import { getOrMake } from "../../lib/memo";
import { logProcessing } from "../readlog/processing-log";
import { loadRegistrations } from "./bulk-read";
import { loadDecision } from "./decisions.service";
import { loadRegistration } from "./registrations.service";

/** A rating's result is its decision: no certificate is printed for it (docs/CENTRES.md, "Xếp loại trung tâm"). */
const noRatingCertificate = () =>
  new AppError(
    "validation",
    "Xếp loại trung tâm học tập cộng đồng không cấp giấy công nhận: kết quả xếp loại ghi trong quyết định",
  );

async function unitNames(tx: Db, unitId: number) {
  const { rows } = await sql<{
    name: string;
  }>`SELECT a.name FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
    WHERE p.descendant_id = ${unitId} ORDER BY p.depth`.execute(tx);
  return rows.map((r) => r.name);
}

/** The registry kinds whose holders are persons: their certificates are logged as printed (processing log). */
const personalSubjects: Record<string, string> = {
  household: "households",
  clan: "clans",
  citizen: "citizens",
};

/**
 * What each certificate prints, for a list of registrations read by the caller: read in a few statements whatever
 * its length (the household heads' sex at once, each decision and each unit's names once).
 */
async function certificateData(tx: Db, actor: Actor, loaded: Registration[]) {
  const out = [];
  const printed = new Map<string, { ids: number[]; unitId: number }>();
  // Each decision and each unit's names read once: the same for every page of a decision.
  const nameCache = new Map<number, ReturnType<typeof unitNames>>();
  const names = (unitId: number) => getOrMake(nameCache, unitId, (id) => unitNames(tx, id));
  // A decision is in its records' commune: read there alone (one shard).
  const decisionCache = new Map<number, ReturnType<typeof loadDecision>>();
  const decisions = (id: number, communeId: number) =>
    getOrMake(decisionCache, id, (key) => loadDecision(tx, actor, key, communeId));
  const sexes = new Map<string, "male" | "female" | null>();
  for (const { rows } of await Promise.all(
    [...new Set(loaded.map((r) => r.communeId))].map((communeId) =>
      sql<{ id: number; head_sex: "male" | "female" | null }>`SELECT id, head_sex FROM households
        WHERE commune_id = ${communeId} AND id = ANY (${loaded
          .filter((r) => r.communeId === communeId && r.subject.kind === "household")
          .map((r) => r.subject.id)}::bigint[])`.execute(tx),
    ),
  ))
    for (const row of rows) sexes.set(String(row.id), row.head_sex);
  for (const r of loaded) {
    const kind = personalSubjects[r.subject.kind];
    if (kind) {
      const group = printed.get(kind) ?? { ids: [], unitId: r.communeId };
      group.ids.push(r.subject.id);
      printed.set(kind, group);
    }
    if (isRatingTitle(r.title)) throw noRatingCertificate();
    if (r.status !== "recognized" || !r.certificateCode || r.decisionId === null)
      throw new AppError("validation", `"${r.subject.name}" chưa có quyết định công nhận đã ban hành`);
    const { decision } = await decisions(r.decisionId, r.communeId);
    const places = await names(r.village?.id ?? r.communeId);
    const commune = (await names(r.communeId))[0] ?? "";
    out.push({
      code: r.certificateCode,
      titleLabel: titleLabels[r.title],
      year: r.year,
      holderName:
        r.subject.kind === "household"
          ? householdHolder(r.subject.name, sexes.get(String(r.subject.id)) ?? null)
          : r.subject.name,
      holderDetail: placeList(
        r.subject.kind === "commune" || r.subject.kind === "village" ? places.slice(1) : places,
      ),
      decisionNumber: decision.number,
      decisionDate: decision.signedOn,
      authority: {
        agencyParent: decision.agencyName.toUpperCase(),
        signerTitle: Object.values(signatureBlock(decision.agencyName, decision.signerTitle))
          .filter(Boolean)
          .join("\n"),
        signerName: decision.signerName,
        place: placeName(commune),
      },
    });
  }
  // Certificates go to their holders: logged, without the "Xuất bởi" line on the certificate itself.
  for (const [kind, { ids, unitId }] of printed)
    await logProcessing(tx, actor, { action: "print", kind, format: "pdf", recordIds: ids, unitId });
  return out;
}

/** All certificates of one issued recognition decision, in one PDF for batch printing. */
export async function decisionCertificates(
  db: Db,
  actor: Actor,
  decisionId: number,
  verifyBaseUrl: string,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const { decision } = await loadDecision(tx, actor, decisionId, communeId);
    if (isRatingTitle(decision.title)) throw noRatingCertificate();
    if (decision.kind !== "recognition" || decision.status !== "issued")
      throw new AppError("validation", "Chỉ in giấy công nhận của quyết định công nhận đã ban hành");
    const ids = await tx
      .selectFrom("registrations")
      .select("id")
      .where("commune_id", "=", decision.communeId)
      .where("decision_id", "=", decisionId)
      .where("status", "=", "recognized")
      .orderBy("village_id")
      .orderBy("id")
      .execute();
    // The records at once, in the decision's commune.
    const registrations = await loadRegistrations(
      tx,
      actor,
      ids.map((r) => r.id),
      decision.communeId,
    );
    const loaded = await Promise.all(ids.map((r) => registrations.get(r.id)));
    return renderCertificates(await certificateData(tx, actor, loaded), { verifyBaseUrl });
  });
}

/** One registration's certificate; with `communeId` (always from the web) looked for in that commune alone. */
export const registrationCertificate = (
  db: Db,
  actor: Actor,
  registrationId: number,
  verifyBaseUrl: string,
  communeId?: number,
) =>
  asActor(db, actor, async (tx) => {
    const registration = await loadRegistration(tx, actor, registrationId, communeId);
    return renderCertificates(await certificateData(tx, actor, [registration]), { verifyBaseUrl });
  });

/**
 * The public check behind the QR code: holder, place (village and commune), title, year and decision, nothing else.
 * A citizen under 18 is shown by initials only. Runs without a session, so it reads only these columns.
 */
export async function checkCertificate(db: Db, code: string): Promise<CertificateCheck> {
  if (!/^[A-Z0-9]{6,20}$/.test(code)) throw notFound("Không tìm thấy giấy công nhận với mã này");
  const { rows } = await sql<{
    title: Title;
    year: number;
    status: string;
    subject_kind: string;
    holder: string;
    birth_year: number | null;
    head_sex: "male" | "female" | null;
    unit_id: number;
    number: string;
    signed_on: string;
  }>`SELECT r.title, r.year, r.status, r.subject_kind,
        CASE r.subject_kind
          WHEN 'household' THEN (SELECT head_name FROM households s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          WHEN 'clan' THEN (SELECT name FROM clans s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          WHEN 'organization' THEN (SELECT name FROM organizations s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          WHEN 'citizen' THEN (SELECT full_name FROM citizens s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
          ELSE (SELECT name FROM admin_units s WHERE s.id = r.subject_id) END AS holder,
        CASE WHEN r.subject_kind = 'citizen' THEN (SELECT birth_year FROM citizens s
          WHERE s.commune_id = r.commune_id AND s.id = r.subject_id) END AS birth_year,
        CASE WHEN r.subject_kind = 'household' THEN (SELECT head_sex FROM households s
          WHERE s.commune_id = r.commune_id AND s.id = r.subject_id) END AS head_sex,
        coalesce(r.village_id, r.commune_id) AS unit_id, d.number, d.signed_on
      FROM registrations r JOIN decisions d ON d.commune_id = r.commune_id AND d.id = r.decision_id
      WHERE r.certificate_code = ${code}${byCommune(codeCommune(code), "r")} AND d.status = 'issued'`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw notFound("Không tìm thấy giấy công nhận với mã này");
  const minor = row.birth_year !== null && new Date().getFullYear() - row.birth_year < 18;
  const holder = minor
    ? row.holder
        .split(/\s+/)
        .map((part) => `${part[0]}.`)
        .join(" ")
    : row.holder;
  const places = await unitNames(db, row.unit_id);
  return {
    code,
    holderName: row.subject_kind === "household" ? householdHolder(holder, row.head_sex) : holder,
    place: places.slice(0, row.subject_kind === "commune" ? 2 : 3).join(", "),
    title: row.title,
    titleLabel: titleLabels[row.title],
    year: row.year,
    decisionNumber: row.number,
    decisionDate: row.signed_on,
    valid: row.status === "recognized",
  };
}
