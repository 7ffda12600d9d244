/**
 * A certificate page's content written as PDF operators by hand, into one uncompressed content stream of about a
 * kilobyte. pdf-lib turns every drawText into a dozen operator objects and compresses each page's content stream with
 * pako (JavaScript) when the document is saved; at 15,000 pages of one decision that object graph and those
 * compressions were most of the time (issue 13 §4). The text is encoded by the document's embedded fonts as pdf-lib would
 * (glyph ids of the subset, as hexadecimal), word by word: a name is new on each page but its syllables are not,
 * and DejaVu shapes nothing across a space, so the glyphs are those of laying out the whole line.
 */
import type {
  PDFPageLeaf as PageLeaf,
  PDFDocument,
  PDFEmbeddedPage,
  PDFFont,
  PDFPage,
  PDFRef,
  RGB,
} from "pdf-lib";
import { getOrMake } from "../lib/memo";

/** One line of text: what it says, in which font and size, and its colour (ink when not given). */
export type Line = { text: string; font: PDFFont; size: number; color?: RGB };

/** Numbers as the content stream writes them: at most three decimals, no exponent. */
const num = (n: number) => {
  const fixed = n.toFixed(3);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
};
const colour = (c: RGB) => `${num(c.red)} ${num(c.green)} ${num(c.blue)} rg`;

/** A font's own layout (pdf-lib's, before `measureByWord`) and each word laid out by it, once per document. */
type Typeset = {
  encode: PDFFont["encodeText"];
  width: PDFFont["widthOfTextAtSize"];
  byWord: Map<string, { hex: string; width: number }>;
};
const typesets = new WeakMap<PDFFont, Typeset>();

function typesetOf(font: PDFFont): Typeset {
  let typeset = typesets.get(font);
  if (!typeset) {
    typeset = {
      encode: font.encodeText.bind(font),
      width: font.widthOfTextAtSize.bind(font),
      byWord: new Map(),
    };
    typesets.set(font, typeset);
  }
  return typeset;
}

function wordOf(font: PDFFont, word: string) {
  const typeset = typesetOf(font);
  return getOrMake(typeset.byWord, word, () => ({
    hex: word ? typeset.encode(word).toString().slice(1, -1) : "",
    width: word ? typeset.width(word, 1) : 0,
  }));
}

/**
 * The fonts of one document measuring text a word at a time: fitLines measures every candidate line, and the same
 * words come back on every page.
 */
export function measureByWord<Fonts extends Record<string, PDFFont>>(fonts: Fonts): Fonts {
  for (const font of Object.values(fonts)) {
    typesetOf(font);
    font.widthOfTextAtSize = (text, size) => widthOf(font, text, size);
  }
  return fonts;
}

/** The glyphs of `text` as a PDF hexadecimal string, laid out a word at a time. */
export function hexOf(font: PDFFont, text: string): string {
  const space = wordOf(font, " ").hex;
  return `<${text
    .split(" ")
    .map((word) => wordOf(font, word).hex)
    .join(space)}>`;
}

/**
 * The width of `text` at `size`, summed a word at a time: pdf-lib's own width is the sum of the glyphs' advances
 * (no kerning), so the sum over the words and spaces is the same.
 */
export function widthOf(font: PDFFont, text: string, size: number): number {
  const space = wordOf(font, " ").width;
  const parts = text.split(" ");
  let width = space * (parts.length - 1);
  for (const word of parts) width += wordOf(font, word).width;
  return width * size;
}

/** The operators of one page, written into one compressed content stream by `finish`. */
export class PageOps {
  private readonly ops: string[] = [];
  private readonly fontKeys = new Map<PDFFont, string>();

  constructor(readonly page: PDFPage) {}

  /** Draws a whole embedded page (a form XObject) over this one, at its own size. */
  drawPage(embedded: PDFEmbeddedPage): void {
    this.ops.push(`q ${this.page.node.newXObject("EmbeddedPdfPage", embedded.ref).toString()} Do Q`);
  }

  /** One line of text with its baseline starting at (x, y). */
  text(line: Line, x: number, y: number, ink: RGB): void {
    const key = getOrMake(this.fontKeys, line.font, (font) =>
      this.page.node.newFontDictionary(font.name, font.ref).toString(),
    );
    this.ops.push(
      `q BT ${colour(line.color ?? ink)} ${key} ${num(line.size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${hexOf(line.font, line.text)} Tj ET Q`,
    );
  }

  /** Operators written as they are (the QR code's rectangles). */
  raw(ops: string): void {
    this.ops.push(ops);
  }

  /**
   * Adds the page's operators as one content stream, uncompressed: about a kilobyte (the lines of text, the QR
   * code's 170 bytes in hexadecimal), where setting up a zlib stream for every page cost more than it saved.
   */
  finish(): void {
    const { context } = this.page.doc;
    this.page.node.addContentStream(context.register(context.stream(this.ops.join("\n"))));
  }
}

/** Pages a node of the page tree holds (ISO 32000 §7.7.3.2: a balanced tree of page nodes). */
const PAGES_A_NODE = 128;

/**
 * Adds a page at the end of `pdf`, keeping the page tree balanced: pdf-lib's addPage walks every child of the
 * root to find the end, so 15,000 pages on one root took 15,000²/2 steps (issue 13 §4). Every PAGES_A_NODE pages
 * are folded into a node of their own, and the root holds at most 15,000 / 128 nodes and 128 pages.
 */
export async function appendPage(pdf: PDFDocument, size: [number, number]): Promise<PDFPage> {
  const page = pdf.addPage(size);
  if (pdf.getPageCount() % PAGES_A_NODE !== 0) return page;
  const { PDFName, PDFNumber, PDFPageLeaf, PDFPageTree } = await import("pdf-lib");
  const { context } = pdf;
  const rootRef = pdf.catalog.get(PDFName.of("Pages"));
  const kids = pdf.catalog.Pages().Kids();
  const first = kids.size() - PAGES_A_NODE;
  if (first < 0 || !rootRef) return page;
  const refs = Array.from({ length: PAGES_A_NODE }, (_, i) => kids.get(first + i));
  const leaves = refs.map((ref) => context.lookup(ref));
  if (!leaves.every((leaf) => leaf instanceof PDFPageLeaf)) return page;
  const node = PDFPageTree.withContext(context, rootRef as PDFRef);
  const nodeRef = context.register(node);
  refs.forEach((ref, i) => {
    node.Kids().push(ref);
    (leaves[i] as PageLeaf).setParent(nodeRef);
  });
  node.set(PDFName.of("Count"), PDFNumber.of(PAGES_A_NODE));
  for (let i = kids.size() - 1; i >= first; i--) kids.remove(i);
  kids.push(nodeRef);
  return page;
}
