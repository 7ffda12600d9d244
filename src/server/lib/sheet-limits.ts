/**
 * The limits every imported file is held to before and while it is read, so that no file (a crafted one included)
 * can make the server hold more than a few hundred megabytes or work for more than a few seconds. Listed, with the
 * reasons, in docs/IMPORT.md ("Giới hạn tệp nhập") and docs/SECURITY.md.
 */

/** An uploaded or command-line file, as stored on disk (compressed, for .xlsx). */
export const MAX_FILE_BYTES = 20_000_000;

/** Excel's own sheet size: 1,048,576 rows, 16,384 columns (A to XFD). */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Data rows (after the header, blank rows not counted) an import reads unless it sets its own limit. */
export const DEFAULT_MAX_ROWS = 100_000;

/** The .xlsx zip: entries in it, and bytes once inflated (each part read, everything read, everything declared). */
export const zipLimits = {
  maxEntries: 1_000,
  /** The sheet is streamed: this bounds time (about 5 s), not memory. */
  maxSheetBytes: 100_000_000,
  /** Shared strings are held in memory while the sheet is read. */
  maxSharedStringsBytes: 48_000_000,
  maxSharedStrings: 1_000_000,
  /** workbook.xml, its relationships, styles. */
  maxSmallPartBytes: 8_000_000,
  maxReadBytes: 160_000_000,
  /** What the central directory declares for all entries together (parts never read included). */
  maxDeclaredBytes: 1_000_000_000,
} as const;

/** XML nesting in a part: a sheet needs 6 levels (worksheet, sheetData, row, c, is, r, t); more is an attack. */
export const MAX_XML_DEPTH = 32;

/**
 * Characters of XML without a tag ending between them: one cell's text is at most 32,767 characters, about 230,000
 * when every one is written as an entity ("&amp;").
 */
export const MAX_XML_RUN = 1_000_000;

/** Merged ranges in a sheet. */
export const MAX_MERGES = 100_000;
