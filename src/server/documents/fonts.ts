import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { PDFDocument, PDFFont, RGB } from "pdf-lib";

// DejaVu Serif from npm `dejavu-fonts-ttf`: it ships full TTFs with every Vietnamese letter, and it installs with
// the project, so PDF rendering needs no system fonts (Liberation 1.x and @fontsource woff files failed, see
// STACK-MEASURED.md section 2).
const FILES = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSerif.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf",
  italic: "dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf",
  boldItalic: "dejavu-fonts-ttf/ttf/DejaVuSerif-BoldItalic.ttf",
} as const;

export type SerifStyle = keyof typeof FILES;
export type SerifFontBytes = Record<SerifStyle, Uint8Array>;

const require = createRequire(import.meta.url);

// One promise for the whole process: the four files total about 2.5 MB and never change at run time.
let cached: Promise<SerifFontBytes> | undefined;

export function loadSerifFonts(): Promise<SerifFontBytes> {
  cached ??= readAll().catch((error: unknown) => {
    // Do not cache a failure (e.g. a transient EMFILE); the next call retries.
    cached = undefined;
    throw error;
  });
  return cached;
}

async function readAll(): Promise<SerifFontBytes> {
  const styles = Object.keys(FILES) as SerifStyle[];
  const buffers = await Promise.all(styles.map((style) => readFile(require.resolve(FILES[style]))));
  const entries = styles.map((style, i) => [style, new Uint8Array(buffers[i]!)] as const);
  return Object.fromEntries(entries) as SerifFontBytes;
}

/** The three DejaVu Serif styles a document draws with, embedded in its PDF. */
export type SerifFonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont };

/**
 * A new PDF with DejaVu Serif regular, bold and italic embedded (subset: only the glyphs used end up in the file; a
 * full DejaVu Serif is ~700 KB per style). pdf-lib and fontkit are loaded on the first call, not when the server
 * or a command starts (docs/ARCHITECTURE.md, "Start-up").
 */
export async function serifPdf(): Promise<{ pdf: PDFDocument; fonts: SerifFonts }> {
  const [{ PDFDocument }, { default: fontkit }, bytes] = await Promise.all([
    import("pdf-lib"),
    import("@pdf-lib/fontkit"),
    loadSerifFonts(),
  ]);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const fonts = {
    regular: await pdf.embedFont(bytes.regular, { subset: true }),
    bold: await pdf.embedFont(bytes.bold, { subset: true }),
    italic: await pdf.embedFont(bytes.italic, { subset: true }),
  };
  return { pdf, fonts };
}

/** A colour for pdf-lib's drawing options, without loading pdf-lib (its `rgb` makes the same object). */
export const rgb = (red: number, green: number, blue: number) => ({ type: "RGB", red, green, blue }) as RGB;
