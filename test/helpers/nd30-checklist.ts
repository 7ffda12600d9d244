/**
 * The NĐ 30/2020 checklist a generated .docx must pass (RULES.md section 9): the national header and motto, the
 * place and date line, A4 with the 20/20/30/15 mm margins, no number on the first page, no embedded fonts; and the
 * document's paragraphs as plain text to read figures back. Used by the TT 25 documents' and the reports' tests.
 */
import JSZip from "jszip";
import { expect } from "vitest";

/** word/document.xml and the names of the package's parts. */
export async function documentXml(
  docx: Buffer | ArrayBuffer | Uint8Array,
): Promise<{ xml: string; files: string[] }> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file("word/document.xml")!.async("string");
  return { xml, files: Object.keys(zip.files) };
}

/** The document's paragraphs as plain text, one string per <w:p> (runs joined, entities decoded). */
export async function docxParagraphs(docx: Buffer | ArrayBuffer | Uint8Array): Promise<string[]> {
  const { xml } = await documentXml(docx);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(""))
    .filter((text) => text.trim() !== "");
}

/** Checks the NĐ 30 layout of a .docx whose date line reads `placeDate` ("Tây Hồ, ngày 05 tháng 01 năm 2026"). */
export async function expectNd30Layout(docx: Buffer | ArrayBuffer | Uint8Array, placeDate: string) {
  const { xml, files } = await documentXml(docx);
  expect(xml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(xml).toContain("Độc lập - Tự do - Hạnh phúc");
  expect(xml).toContain(placeDate);
  // Times New Roman, size 14 (w:sz is in half points) by default, the font named and never embedded.
  const styles = (await (await JSZip.loadAsync(docx)).file("word/styles.xml")?.async("string")) ?? "";
  expect(styles).toContain('w:ascii="Times New Roman"');
  expect(styles).toMatch(/<w:rPrDefault>[\s\S]*<w:sz w:val="28"\/>/);
  // 210 × 297 mm; margins 20/20/30/15 mm in twips. Checked on <w:sectPr> only to keep failures readable.
  const section = /<w:sectPr>.*<\/w:sectPr>/.exec(xml)?.[0] ?? "";
  const attr = (element: string, name: string) =>
    new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(section)?.[1];
  expect([attr("pgSz", "w"), attr("pgSz", "h")]).toEqual(["11906", "16838"]);
  expect(["top", "bottom", "left", "right"].map((side) => attr("pgMar", side))).toEqual([
    "1134",
    "1134",
    "1701",
    "850",
  ]);
  expect(section).toContain("<w:titlePg/>");
  expect(files.some((f) => f.startsWith("word/fonts/"))).toBe(false);
}
