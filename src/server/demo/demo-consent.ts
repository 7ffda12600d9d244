/**
 * Demo consents (docs/PRIVACY.md, Consent): the families who give to Tây Hồ's fund agreed on a paper form to be
 * named in its public disclosure; the two people who asked for anonymity did not, so the disclosure says "Nhà hảo
 * tâm ẩn danh" for them. Recorded through the consent service by the ward officer who keeps the donor list, before
 * any year is published. A few members of Tây Hồ's first chapter agreed to give their phone to the chapter
 * (recorded by the Hội, then the phone entered through the member form).
 */
import { currentNotice } from "../../shared/consent";
import { members } from "../../shared/registry/kinds";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { recordConsent } from "../modules/consent/consent.service";
import { updateItem } from "../registry/service";
import { actorOf } from "./demo-history";
import { communeId } from "./demo-territory";

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

const phones = ["0912 346 201", "0983 118 452", "0904 557 310"];

export async function loadDemoConsents(db: Db, options: { today: string; log: (line: string) => void }) {
  const ward = await communeId(db, "00103", false);
  const hoi = await actorOf(db, "hkh.tayho");
  const chosen = await db
    .selectFrom("members as m")
    .innerJoin("chapters as c", (j) =>
      j.onRef("c.commune_id", "=", "m.commune_id").onRef("c.id", "=", "m.chapter_id"),
    )
    .select(["m.id", "m.version"])
    .where("m.commune_id", "=", ward)
    .where("m.member_kind", "=", "individual")
    .where("m.left_on", "is", null)
    .where("m.archived_at", "is", null)
    .orderBy("c.code")
    .orderBy("m.member_number")
    .limit(phones.length)
    .execute();
  await db.transaction().execute(async (tx) => {
    for (const [i, m] of chosen.entries()) {
      await recordConsent(tx, hoi, {
        subject: { kind: "members", id: Number(m.id) },
        purpose: "member_phone",
        givenAt: options.today,
        method: "in_person",
        noticeVersion: currentNotice("member_phone").version,
      });
      await updateItem(tx, hoi, members, Number(m.id), { phone: phones[i], version: Number(m.version) });
    }
  });
  options.log(`  Sổ đồng ý: ${chosen.length} hội viên Tây Hồ cho chi hội số điện thoại`);
}
