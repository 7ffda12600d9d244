/**
 * The notification of a personal-data breach to the authority (Bộ Công an, A05) as .docx in the NĐ 30/2020
 * layout (documents/nd30.docx.ts): the unit's people's committee, "THÔNG BÁO" on a breach of the rules on
 * personal data protection, what happened, when, who and which data, the measures, the 72-hour deadline, and the
 * contact person. A draft: the number is left for the văn thư, the signer's name for the officer.
 */
import { z } from "zod";
import { type Breach, dataCategories, defaultAuthority } from "../../../shared/readlog";
import { kindNamed } from "../../../shared/registry/kinds";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { type Nd30Block, type Nd30Document, renderNd30Document } from "../../documents/nd30.docx";
import { agencyHeader, placeName, signatureBlock, unitInSentence } from "../../documents/nd30-names";
import { today } from "../territory/dates";
import { getBreach } from "./breaches.service";
import { formatVietnamDateTime } from "./processing-log";

export const letterQuery = z.object({
  signerTitle: z.string().trim().min(1).max(100).optional(),
  signerName: z.string().trim().max(100).optional(),
});
export type LetterOptions = z.infer<typeof letterQuery>;

/** The issuing committee of a unit's register ("UBND Phường Tây Hồ"); the nation's: the system's operator. */
const agencyOf = (breach: Breach) =>
  breach.unit ? `UBND ${breach.unit.name}` : "Đơn vị vận hành hệ thống Hiếu Học";

export function buildBreachLetter(
  breach: Breach,
  actor: Actor,
  options: LetterOptions,
  date: string,
): Nd30Document {
  const agencyName = agencyOf(breach);
  const at = (iso: string) => formatVietnamDateTime(new Date(iso));
  const where = breach.unit ? unitInSentence(breach.unit.name) : "hệ thống";
  const categories = breach.dataCategories.map((c) => dataCategories[c].vi);
  const kinds = breach.registryKinds.map((k) => kindNamed(k).noun.vi);
  const late = breach.clock.state === "overdue" || breach.clock.state === "notified_late";
  const body: Nd30Block[] = [
    { kind: "paragraph", text: `Kính gửi: ${breach.notifiedTo ?? defaultAuthority}.`, align: "center" },
    {
      kind: "paragraph",
      text:
        "Căn cứ Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 ngày 26 tháng 6 năm 2025 và Nghị định số " +
        "356/2025/NĐ-CP ngày 31 tháng 12 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Bảo vệ dữ " +
        `liệu cá nhân, ${agencyHeader(agencyName).replace("\n", " ")} thông báo sự cố vi phạm quy định về bảo vệ ` +
        `dữ liệu cá nhân xảy ra tại ${where} như sau:`,
    },
    { kind: "heading", level: 2, text: "1. Mô tả sự cố" },
    { kind: "paragraph", text: [{ text: `${breach.title}. `, bold: true }, { text: breach.description }] },
    { kind: "bullet", text: `Thời điểm xảy ra: ${at(breach.occurredAt)}.` },
    { kind: "bullet", text: `Thời điểm phát hiện: ${at(breach.discoveredAt)}.` },
    { kind: "heading", level: 2, text: "2. Dữ liệu cá nhân và chủ thể bị ảnh hưởng" },
    {
      kind: "bullet",
      text: `Số người bị ảnh hưởng (ước tính): ${breach.peopleAffected.toLocaleString("vi-VN")}.`,
    },
    { kind: "bullet", text: `Loại dữ liệu: ${categories.join("; ")}.` },
    ...(kinds.length
      ? [{ kind: "bullet", text: `Sổ theo dõi liên quan: ${kinds.join(", ")}.` } as const]
      : []),
    { kind: "heading", level: 2, text: "3. Biện pháp đã thực hiện" },
    { kind: "paragraph", text: breach.measures ?? "Đang xác minh, sẽ báo cáo bổ sung." },
    { kind: "heading", level: 2, text: "4. Thời hạn thông báo" },
    {
      kind: "paragraph",
      text:
        `Thông báo trong 72 giờ kể từ khi phát hiện sự cố (hạn chót ${at(breach.clock.dueAt)}).` +
        (late ? " Thông báo này được gửi sau thời hạn; lý do chậm được nêu tại mục 3." : ""),
    },
    { kind: "heading", level: 2, text: "5. Đầu mối liên hệ" },
    { kind: "paragraph", text: `${actor.name}, người lập thông báo trên hệ thống Hiếu Học.` },
  ];
  const signerTitle = options.signerTitle ?? "Chủ tịch";
  return {
    agency: agencyHeader(agencyName),
    number: "      /TB-UBND",
    place: breach.unit ? placeName(breach.unit.name) : "Hà Nội",
    date,
    typeName: "THÔNG BÁO",
    summary: "Về sự cố vi phạm quy định về bảo vệ dữ liệu cá nhân",
    body,
    signature: { ...signatureBlock(agencyName, signerTitle), name: options.signerName ?? "" },
    recipients: ["Như trên"],
  };
}

/** The letter of a breach the caller administers (counts and categories only: no person is named in it). */
export async function breachLetter(
  db: Db,
  actor: Actor,
  id: number,
  options: LetterOptions,
): Promise<Buffer> {
  const breach = await getBreach(db, actor, id);
  return renderNd30Document(buildBreachLetter(breach, actor, options, today()));
}
