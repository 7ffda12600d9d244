/**
 * The recognition (or revocation) decision of a title as a .docx in the NĐ 30/2020 layout: Quyết định cá biệt with
 * its legal bases, Điều 1–3, the signature block from the signer's post (TM., KT., Q.) and the list of holders on
 * a page of its own.
 */
import type { SubjectKindName } from "../../shared/cycle";
import { formatDmy, type Nd30Block, type Nd30Document, renderNd30Document } from "./nd30.docx";
import { agencyHeader, placeName, signatureBlock, unitInSentence } from "./nd30-names";

/** Whom a decision lists: the cycle's subject kinds (a centre: the centres' rating). */
export type DecisionSubjectKind = SubjectKindName;

export type DecisionDocumentInput = {
  kind: "recognition" | "revocation";
  /** e.g. "125/QĐ-UBND". */
  number: string;
  /** YYYY-MM-DD. */
  signedOn: string;
  /** The issuing body as recorded on the decision, e.g. "UBND Phường Tây Hồ". */
  agencyName: string;
  signerTitle: string;
  signerName: string;
  /** e.g. "Gia đình học tập". */
  titleLabel: string;
  year: number;
  /** The commune whose records the decision covers, its official name ("Phường Tây Hồ"). */
  communeName: string;
  subjectKind: DecisionSubjectKind;
  /** Revocations only. */
  reason?: string | null;
  /**
   * The holders in the order of the list: name as printed ("Gia đình ông Nguyễn Văn An") and place; a centre's
   * rating (subjectKind "centre") its grade ("Tốt") instead of a place.
   */
  holders: readonly { name: string; place: string; grade?: string }[];
};

/** What a decision, the review minutes and the year's lists call the holders, in a sentence ("18 hộ gia đình"). */
export const subjectNouns: Record<DecisionSubjectKind, string> = {
  household: "hộ gia đình",
  clan: "dòng họ",
  village: "thôn, tổ dân phố",
  organization: "cơ quan, đơn vị",
  citizen: "công dân",
  commune: "xã, phường",
  centre: "trung tâm học tập cộng đồng",
};
const NOUNS = subjectNouns;

/** The name column's heading of a list for each kind (a household by its head's name). */
export const nameHeadings: Record<DecisionSubjectKind, string> = {
  household: "Họ và tên chủ hộ",
  clan: "Tên dòng họ",
  village: "Tên thôn, tổ dân phố",
  organization: "Tên cơ quan, đơn vị",
  citizen: "Họ và tên",
  commune: "Tên xã, phường",
  centre: "Tên trung tâm học tập cộng đồng",
};

/** Whether a list of this kind has a village column (a village or a commune is its own place). */
export const listsVillage = (kind: DecisionSubjectKind) => kind !== "village" && kind !== "commune";

/** What the decision is about: a title, or the centres' yearly rating (xếp loại TTHTCĐ), which is no title. */
const subjectOf = (input: DecisionDocumentInput) =>
  input.subjectKind === "centre"
    ? `kết quả xếp loại trung tâm học tập cộng đồng năm ${input.year}`
    : `danh hiệu “${input.titleLabel}” năm ${input.year}`;

// Luật Tổ chức chính quyền địa phương: the 2015 law until 30/6/2025, the 2025 law (two-level government) after.
const LOCAL_GOVERNMENT_LAW_2025 = "2025-07-01";

function legalBases(input: DecisionDocumentInput, commune: string): string[] {
  const law =
    input.signedOn >= LOCAL_GOVERNMENT_LAW_2025
      ? "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
      : "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;";
  const title = subjectOf(input);
  const consideration =
    input.kind === "recognition"
      ? `Xét kết quả bình xét và đề nghị công nhận ${title} ở ${commune}.`
      : `Xét đề nghị thu hồi ${title} đã công nhận ở ${commune}.`;
  return [law, consideration];
}

function article(n: number, text: string): Nd30Block {
  return { kind: "paragraph", text: [{ text: `Điều ${n}. `, bold: true }, { text }] };
}

function articleOne(input: DecisionDocumentInput, commune: string): string {
  const title = subjectOf(input);
  const count = `${input.holders.length} ${NOUNS[input.subjectKind]}`;
  if (input.subjectKind === "commune") {
    const names = input.holders.map((h) => unitInSentence(h.name)).join(", ");
    return input.kind === "recognition"
      ? `Công nhận ${names} đạt ${title}.`
      : `Thu hồi ${title} đã công nhận cho ${names}. Lý do: ${input.reason ?? ""}.`;
  }
  return input.kind === "recognition"
    ? `Công nhận ${title} cho ${count} ở ${commune} (có danh sách kèm theo).`
    : `Thu hồi ${title} đã công nhận cho ${count} ở ${commune} (có danh sách kèm theo). Lý do: ${
        input.reason?.replace(/[.\s]+$/u, "") ?? ""
      }.`;
}

function annex(input: DecisionDocumentInput, agencyInSentence: string): Nd30Block[] {
  if (input.subjectKind === "commune" || input.holders.length === 0) return [];
  const verb = input.kind === "recognition" ? "được công nhận" : "bị thu hồi";
  const noun = NOUNS[input.subjectKind];
  return [
    { kind: "paragraph", align: "center", text: [{ text: "DANH SÁCH", bold: true }] },
    {
      kind: "paragraph",
      align: "center",
      text: [
        {
          text: `${noun.charAt(0).toLocaleUpperCase("vi")}${noun.slice(1)} ${verb} ${subjectOf(input)}`,
          bold: true,
        },
      ],
    },
    {
      kind: "paragraph",
      align: "center",
      text: [
        {
          text: `(Kèm theo Quyết định số ${input.number} ngày ${formatDmy(input.signedOn)} của ${agencyInSentence})`,
          italic: true,
        },
      ],
    },
    {
      kind: "table",
      columns: [
        { title: "STT", width: 1, align: "center" },
        // The annex names a household as the decision does ("Gia đình ông …").
        {
          title: input.subjectKind === "household" ? "Hộ gia đình" : nameHeadings[input.subjectKind],
          width: 5,
        },
        ...(input.subjectKind === "centre"
          ? [{ title: "Xếp loại", width: 4 }]
          : listsVillage(input.subjectKind)
            ? [{ title: "Thôn, tổ dân phố", width: 4 }]
            : []),
      ],
      rows: input.holders.map((h, i) => ({
        cells: [
          String(i + 1),
          h.name,
          ...(input.subjectKind === "centre"
            ? [h.grade ?? ""]
            : listsVillage(input.subjectKind)
              ? [h.place]
              : []),
        ],
      })),
    },
    {
      kind: "paragraph",
      text: [{ text: `Danh sách có ${input.holders.length} ${noun}./.`, italic: true }],
    },
  ];
}

export function buildDecisionDocument(input: DecisionDocumentInput): Nd30Document {
  const commune = unitInSentence(input.communeName);
  const header = agencyHeader(input.agencyName);
  // "Ủy ban nhân dân\nPhường Tây Hồ" → "Ủy ban nhân dân phường Tây Hồ" in a sentence.
  const [body, unit] = header.split("\n");
  const agencyInSentence = unit ? `${body} ${unitInSentence(unit)}` : header;
  const title = subjectOf(input);
  const holders =
    input.subjectKind === "household"
      ? "các hộ gia đình"
      : input.subjectKind === "commune"
        ? `Ủy ban nhân dân ${commune}`
        : `các ${NOUNS[input.subjectKind]}`;
  return {
    agency: header,
    number: input.number,
    place: placeName(input.agencyName),
    date: input.signedOn,
    typeName: "QUYẾT ĐỊNH",
    summary: `${input.kind === "recognition" ? "Về việc công nhận" : "Về việc thu hồi"} ${title}`,
    body: [
      {
        kind: "paragraph",
        align: "center",
        text: [{ text: header.replace("\n", " ").toUpperCase(), bold: true }],
      },
      ...legalBases(input, commune).map(
        (text): Nd30Block => ({ kind: "paragraph", text: [{ text, italic: true }] }),
      ),
      { kind: "paragraph", align: "center", text: [{ text: "QUYẾT ĐỊNH:", bold: true }] },
      article(1, articleOne(input, commune)),
      article(2, "Quyết định này có hiệu lực kể từ ngày ký."),
      article(
        3,
        `Văn phòng ${agencyInSentence}, Hội Khuyến học ${commune} và ${holders} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.`,
      ),
    ],
    signature: { ...signatureBlock(input.agencyName, input.signerTitle), name: input.signerName },
    recipients: ["Như Điều 3"],
    archive: "VT",
    annex: annex(input, agencyInSentence),
  };
}

export function renderDecisionDocument(input: DecisionDocumentInput): Promise<Buffer> {
  return renderNd30Document(buildDecisionDocument(input));
}
