/**
 * The decision .docx and the signature blocks, read back as text: the signer's post (TM., KT., Q.), unit kinds in
 * lower case inside sentences, "ông"/"bà" from the household head's sex.
 */
import { describe, expect, it } from "vitest";
import { docxParagraphs } from "../../../test/helpers/nd30-checklist";
import { type DecisionDocumentInput, renderDecisionDocument } from "./decision.docx";
import {
  agencyHeader,
  householdHolder,
  placeList,
  placeName,
  signatureBlock,
  signerForm,
  unitInSentence,
} from "./nd30-names";
import { renderSelfAssessmentReport, type Tt25ReportInput } from "./tt25-reports.docx";

const decision: DecisionDocumentInput = {
  kind: "recognition",
  number: "125/QĐ-UBND",
  signedOn: "2026-01-05",
  agencyName: "UBND Phường Tây Hồ",
  signerTitle: "Chủ tịch",
  signerName: "Nguyễn Văn Bình",
  titleLabel: "Gia đình học tập",
  year: 2025,
  communeName: "Phường Tây Hồ",
  subjectKind: "household",
  holders: [
    { name: householdHolder("Nguyễn Văn An", "male"), place: "Tổ dân phố số 1" },
    { name: householdHolder("Lê Thị Hoa", "female"), place: "Tổ dân phố số 1" },
    { name: householdHolder("Trần Minh", null), place: "Tổ dân phố số 2" },
  ],
};

/** The signature block: the lines between "Nơi nhận:" column's neighbour and the signer's name. */
function signatureLines(paragraphs: string[], signerName: string): string[] {
  const end = paragraphs.indexOf(signerName);
  const start = paragraphs.findIndex((p) => p.startsWith("- Lưu:"));
  return paragraphs.slice(start + 1, end);
}

describe("unit names in documents (NĐ 30, Phụ lục II)", () => {
  it("writes the unit kind in lower case inside a sentence and keeps the proper name", () => {
    expect(unitInSentence("Phường Tây Hồ")).toBe("phường Tây Hồ");
    expect(unitInSentence("Xã Đông Anh")).toBe("xã Đông Anh");
    expect(unitInSentence("Thành phố Hà Nội")).toBe("thành phố Hà Nội");
    expect(unitInSentence("Tỉnh Quảng Ninh")).toBe("tỉnh Quảng Ninh");
    expect(unitInSentence("Thành phố Hồ Chí Minh")).toBe("Thành phố Hồ Chí Minh");
    expect(unitInSentence("Tổ dân phố số 1")).toBe("tổ dân phố số 1");
    expect(placeList(["Tổ dân phố số 1", "Phường Tây Hồ", "Thành phố Hà Nội"])).toBe(
      "Tổ dân phố số 1, phường Tây Hồ, thành phố Hà Nội",
    );
    expect(placeName("UBND Phường Tây Hồ")).toBe("Tây Hồ");
    expect(placeName("UBND Thành phố Hà Nội")).toBe("Hà Nội");
    expect(agencyHeader("UBND Phường Mạo Khê")).toBe("Ủy ban nhân dân\nPhường Mạo Khê");
  });

  it("reads the signer's post and builds the NĐ 30 signature block", () => {
    expect(signerForm("Chủ tịch")).toBe("chair");
    expect(signerForm("PHÓ CHỦ TỊCH")).toBe("deputy");
    expect(signerForm("Quyền Chủ tịch")).toBe("acting");
    expect(signerForm("Q. Chủ tịch")).toBe("acting");
    expect(signatureBlock("UBND Phường Tây Hồ", "Chủ tịch")).toEqual({
      authority: "TM. ỦY BAN NHÂN DÂN",
      title: "CHỦ TỊCH",
    });
    expect(signatureBlock("UBND Phường Tây Hồ", "Phó Chủ tịch")).toEqual({
      authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
      title: "PHÓ CHỦ TỊCH",
    });
    expect(signatureBlock("UBND Phường Tây Hồ", "Quyền Chủ tịch")).toEqual({
      authority: "TM. ỦY BAN NHÂN DÂN",
      title: "Q. CHỦ TỊCH",
    });
    expect(signatureBlock("Hội Khuyến học Phường Tây Hồ", "Chủ tịch")).toEqual({
      authority: "",
      title: "CHỦ TỊCH",
    });
  });

  it("names a household by its head's sex, ông/bà only when it is not recorded", () => {
    expect(householdHolder("Nguyễn Văn An", "male")).toBe("Gia đình ông Nguyễn Văn An");
    expect(householdHolder("Lê Thị Hoa", "female")).toBe("Gia đình bà Lê Thị Hoa");
    expect(householdHolder("Trần Minh", null)).toBe("Gia đình ông/bà Trần Minh");
  });
});

describe("the decision .docx", () => {
  it("signs for each post: TM./CHỦ TỊCH, TM./KT. CHỦ TỊCH/PHÓ CHỦ TỊCH, TM./Q. CHỦ TỊCH", async () => {
    const cases = [
      ["Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]],
      ["Phó Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]],
      ["Quyền Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]],
    ] as const;
    for (const [signerTitle, lines] of cases) {
      const text = await docxParagraphs(await renderDecisionDocument({ ...decision, signerTitle }));
      expect(signatureLines(text, decision.signerName), signerTitle).toEqual(lines);
    }
  });

  it("writes the decision with its articles, phường in lower case inside sentences, and the list", async () => {
    const text = await docxParagraphs(await renderDecisionDocument(decision));
    for (const line of [
      "ỦY BAN NHÂN DÂN",
      "PHƯỜNG TÂY HỒ",
      "Số: 125/QĐ-UBND",
      "Tây Hồ, ngày 05 tháng 01 năm 2026",
      "QUYẾT ĐỊNH",
      "Về việc công nhận danh hiệu “Gia đình học tập” năm 2025",
      "ỦY BAN NHÂN DÂN PHƯỜNG TÂY HỒ",
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
      "Xét kết quả bình xét và đề nghị công nhận danh hiệu “Gia đình học tập” năm 2025 ở phường Tây Hồ.",
      "QUYẾT ĐỊNH:",
      "Điều 1. Công nhận danh hiệu “Gia đình học tập” năm 2025 cho 3 hộ gia đình ở phường Tây Hồ (có danh sách kèm theo).",
      "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
      "Điều 3. Văn phòng Ủy ban nhân dân phường Tây Hồ, Hội Khuyến học phường Tây Hồ và các hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
      "- Như Điều 3;",
      "- Lưu: VT.",
      "DANH SÁCH",
      "(Kèm theo Quyết định số 125/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân phường Tây Hồ)",
      "Gia đình ông Nguyễn Văn An",
      "Gia đình bà Lê Thị Hoa",
      "Gia đình ông/bà Trần Minh",
    ]) {
      expect(text, line).toContain(line);
    }
    // Inside a sentence a unit kind is never capitalised.
    for (const line of text.filter(
      (l) => l.startsWith("Điều") || l.startsWith("Xét") || l.startsWith("(Kèm"),
    )) {
      expect(line, line).not.toMatch(/\S\s(Phường|Xã|Thành phố) /u);
    }
  });

  it("writes a revocation with its reason; before 1/7/2025 it cites the 2015 law", async () => {
    const text = await docxParagraphs(
      await renderDecisionDocument({
        ...decision,
        kind: "revocation",
        signedOn: "2025-03-10",
        reason: "Gia đình vi phạm quy ước khu dân cư.",
        holders: decision.holders.slice(0, 1),
      }),
    );
    expect(text).toContain("Về việc thu hồi danh hiệu “Gia đình học tập” năm 2025");
    expect(text).toContain("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;");
    expect(text).toContain(
      "Điều 1. Thu hồi danh hiệu “Gia đình học tập” năm 2025 đã công nhận cho 1 hộ gia đình ở phường Tây Hồ (có danh sách kèm theo). Lý do: Gia đình vi phạm quy ước khu dân cư.",
    );
  });
});

describe("the TT 25 report uses the same rules", () => {
  it("signs KT. for a vice-chair and writes phường in lower case inside its sentences", async () => {
    const input: Tt25ReportInput = {
      commune: { name: "Phường Tây Hồ", provinceName: "Thành phố Hà Nội", place: "Tây Hồ" },
      year: 2025,
      level: 1,
      levelReached: 1,
      date: "2026-01-05",
      signerTitle: "Phó Chủ tịch",
      signerName: "Trần Văn Cường",
      criteria: [],
    } as unknown as Tt25ReportInput;
    const text = await docxParagraphs(await renderSelfAssessmentReport(input));
    expect(signatureLines(text, "Trần Văn Cường")).toEqual([
      "TM. ỦY BAN NHÂN DÂN",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
    ]);
    expect(text).toContain("- Hội Khuyến học phường Tây Hồ;");
    expect(text).toContain("- Thường trực Đảng ủy, HĐND phường Tây Hồ;");
    expect(text).toContain("Phường Tây Hồ, thành phố Hà Nội.");
  });
});
