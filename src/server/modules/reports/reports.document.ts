/**
 * A report preview as an NĐ 30/2020 document (documents/nd30.docx.ts): national header, số / ký hiệu, địa danh and
 * date, BÁO CÁO or KẾ HOẠCH with the trích yếu, the sections (headings numbered as the template writes them, the
 * officer's paragraphs, the live sentences and real Word tables), nơi nhận and the signature block with the
 * TM. / KT. / Q. form of the signer's post (documents/nd30-names.ts).
 */
import type { z } from "zod";
import type { BlockResult, documentFields, ReportPreview } from "../../../shared/reports";
import type { Nd30Block, Nd30Document } from "../../documents/nd30.docx";
import {
  agencyHeader,
  placeName,
  signatureBlock,
  signerForm,
  unitInSentence,
} from "../../documents/nd30-names";
import { today } from "../territory/dates";
import { planTargetBlocks, targetsSection } from "./plan-targets";
import type { ReportUnit } from "./reports.service";

export type DocumentFields = z.infer<typeof documentFields>;

/** "I. …" is a part, "1. …" a mục, "a) …" a point (NĐ 30 report structure). */
export function headingLevel(heading: string): 1 | 2 | 3 {
  if (/^[IVXLC]+\.\s/.test(heading)) return 1;
  if (/^[a-zđ]\)\s/.test(heading)) return 3;
  return 2;
}

function paragraphs(text: string): Nd30Block[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: "paragraph", text: p }));
}

function blockBlocks(block: BlockResult): Nd30Block[] {
  if (!block.ok) return [{ kind: "paragraph", text: [{ text: block.reason ?? "", italic: true }] }];
  const out: Nd30Block[] = block.sentences.map((s) => ({ kind: "paragraph", text: s }));
  if (block.table) {
    const wide = block.table.columns.length > 6;
    out.push({
      kind: "table",
      fontSize: wide ? 11 : 12,
      columns: block.table.columns.map((c, i) => ({
        title: c.title,
        width: i === 0 ? (wide ? 3 : 4) : 2,
        align: c.align,
      })),
      rows: block.table.rows,
    });
  }
  for (const note of block.notes) out.push({ kind: "paragraph", text: [{ text: note, italic: true }] });
  return out;
}

/** The issuing body's header lines and number suffix: the people's committee, or the Hội Khuyến học. */
function issuer(preview: ReportPreview, unit: ReportUnit) {
  const type = preview.template.kind === "plan" ? "KH" : "BC";
  if (preview.template.level === "association") {
    const parent =
      unit.level === "province" ? "Hội Khuyến học Việt Nam" : `Hội Khuyến học ${unit.provinceName}`;
    return {
      agencyParent: parent,
      agency: `Hội Khuyến học\n${unit.name}`,
      suffix: `${type}-HKH`,
      collective: "TM. BAN CHẤP HÀNH",
    };
  }
  return {
    agency: agencyHeader(`UBND ${unit.name}`),
    suffix: `${type}-UBND`,
    collective: "TM. ỦY BAN NHÂN DÂN",
  };
}

function defaultRecipients(preview: ReportPreview, unit: ReportUnit): string[] {
  const province = unitInSentence(unit.provinceName);
  const own = unitInSentence(unit.name);
  if (preview.template.level === "association")
    return [
      unit.level === "province" ? "Hội Khuyến học Việt Nam" : `Hội Khuyến học ${province}`,
      `Đảng ủy, Ủy ban nhân dân ${own}`,
      "Các chi hội khuyến học",
    ];
  if (unit.level === "province")
    return ["Bộ Giáo dục và Đào tạo", "Hội Khuyến học Việt Nam", `Thường trực Tỉnh ủy, HĐND ${own}`];
  return [
    `Ủy ban nhân dân ${province}`,
    `Sở Giáo dục và Đào tạo ${province}`,
    `Thường trực Đảng ủy, HĐND ${own}`,
    `Hội Khuyến học ${own}`,
  ];
}

/** The signature: the collective (TM. ỦY BAN NHÂN DÂN or TM. BAN CHẤP HÀNH) above a chair's, deputy's or acting chair's post. */
function signature(collective: string, signerTitle: string, name: string) {
  const own = signatureBlock("", signerTitle);
  const authority =
    signerForm(signerTitle) === "other"
      ? own.authority
      : [collective, own.authority].filter(Boolean).join("\n");
  return { authority, title: own.title, name };
}

export function reportDocument(
  preview: ReportPreview,
  unit: ReportUnit,
  fields: DocumentFields,
): Nd30Document {
  const who = issuer(preview, unit);
  const targetsAt = preview.template.kind === "plan" ? targetsSection(preview.sections) : undefined;
  const body: Nd30Block[] = preview.sections.flatMap((section) => [
    { kind: "heading", level: headingLevel(section.heading), text: section.heading } as Nd30Block,
    ...paragraphs(section.narrative),
    ...section.blocks.flatMap(blockBlocks),
    ...(section.key === targetsAt ? planTargetBlocks(fields) : []),
  ]);
  return {
    agencyParent: who.agencyParent,
    agency: who.agency,
    number: fields.number || `      /${who.suffix}`,
    place: placeName(unit.name),
    date: fields.date ?? today(),
    typeName: preview.typeName,
    summary: preview.summary,
    body,
    signature: signature(who.collective, fields.signerTitle || "Chủ tịch", fields.signerName ?? ""),
    recipients: fields.recipients ?? defaultRecipients(preview, unit),
    archive: preview.template.level === "association" ? "VP Hội" : "VT, VHXH",
  };
}
