/**
 * The bytes of a text file (CSV) as Unicode, whatever Vietnamese office software saved them in: UTF-8 with or
 * without a byte-order mark, UTF-16 (Excel's "Unicode Text"; by its mark, or told by the zero bytes of its ASCII),
 * Windows-1258 (Excel's "CSV" on a Vietnamese Windows), and the 8-bit font encodings TCVN3 (ABC) and VNI Windows of
 * files typed before Unicode. Bytes that are not UTF-8 are decoded each legacy way and the decoding whose words are
 * Vietnamese syllables wins (legacy-vietnamese.ts knows what a syllable is); when none clearly does, the file is
 * refused with the one instruction that always works: save it as "CSV UTF-8". Nothing is ever decoded into "�".
 */
import iconv from "iconv-lite";
import { AppError } from "../errors";
import { isVietnameseSyllable, tcvn3ToUnicode, vniToUnicode } from "./legacy-vietnamese";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1258" | "tcvn3" | "vni";

export const encodingNames: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1258": "Windows-1258",
  tcvn3: "TCVN3 (ABC)",
  vni: "VNI Windows",
};

export const saveAsUtf8 =
  "Lưu tệp dưới dạng CSV UTF-8: trong Excel chọn Tệp → Lưu thành → “CSV UTF-8 (Comma delimited) (*.csv)”, rồi chọn lại tệp đó";

function refuse(why: string): AppError {
  return new AppError("validation", `${why}. ${saveAsUtf8}.`, {
    fields: { file: "Không nhận ra bảng mã của tệp" },
  });
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** UTF-16 without a mark: most ASCII characters leave one byte of each pair zero, always on the same side. */
function utf16Without(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const sample = Math.min(bytes.length, 8192) & ~1;
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

/** The 1-based line of byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The length of the valid UTF-8 sequence at `i` (1 for ASCII), or 0 when the byte there breaks UTF-8. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const length =
    b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  const next = bytes[i + 1]!;
  // Overlong forms, surrogates and code points beyond U+10FFFF.
  if ((b === 0xe0 && next < 0xa0) || (b === 0xed && next > 0x9f)) return 0;
  if ((b === 0xf0 && next < 0x90) || (b === 0xf4 && next > 0x8f)) return 0;
  return length;
}

/** How the bytes fare as UTF-8: valid multi-byte sequences, bytes that break it, and where the first one is. */
function utf8Census(bytes: Uint8Array): { multiByte: number; broken: number; firstBroken: number } {
  let multiByte = 0;
  let broken = 0;
  let firstBroken = -1;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) {
      broken++;
      if (firstBroken < 0) firstBroken = i;
      i++;
    } else {
      if (length > 1) multiByte++;
      i += length;
    }
  }
  return { multiByte, broken, firstBroken };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  return utf8Census(bytes).firstBroken;
}

function decodeStrict(bytes: Uint8Array, encoding: "utf-8" | "utf-16le" | "utf-16be"): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

const legacyDecoders: Record<"windows-1258" | "tcvn3" | "vni", (bytes: Uint8Array) => string> = {
  "windows-1258": (bytes) => iconv.decode(Buffer.from(bytes), "windows-1258").normalize("NFC"),
  tcvn3: (bytes) => tcvn3ToUnicode(latin1(bytes)),
  vni: (bytes) => vniToUnicode(latin1(bytes)),
};

/** How many of the words with letters beyond ASCII are Vietnamese syllables, and how many such words there are. */
function syllableScore(text: string): { syllables: number; words: number } {
  let syllables = 0;
  let words = 0;
  for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) {
    if (/^[A-Za-z]+$/.test(word)) continue;
    words++;
    if (isVietnameseSyllable(word)) syllables++;
  }
  return { syllables, words };
}

/**
 * Decodes a text file. Returns the text (without a byte-order mark) and the encoding it was in; throws a Vietnamese
 * AppError saying to save the file as CSV UTF-8 when the encoding cannot be told with confidence.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (startsWith(bytes, 0xff, 0xfe, 0x00, 0x00) || startsWith(bytes, 0x00, 0x00, 0xfe, 0xff))
    throw refuse("Tệp ở bảng mã UTF-32, chưa đọc được");
  const marked: [number[], "utf-8" | "utf-16le" | "utf-16be"][] = [
    [[0xef, 0xbb, 0xbf], "utf-8"],
    [[0xff, 0xfe], "utf-16le"],
    [[0xfe, 0xff], "utf-16be"],
  ];
  for (const [mark, encoding] of marked) {
    if (!startsWith(bytes, ...mark)) continue;
    const text = decodeStrict(bytes.subarray(mark.length), encoding);
    if (text === null) {
      const where = encoding === "utf-8" ? `, từ dòng ${lineAt(bytes, firstInvalidUtf8(bytes))}` : "";
      throw refuse(`Tệp ghi là ${encodingNames[encoding]} nhưng có byte không hợp lệ${where}`);
    }
    return { text, encoding };
  }
  const wide = utf16Without(bytes);
  if (wide) {
    const text = decodeStrict(bytes, wide);
    if (text !== null) return { text, encoding: wide };
  }
  const utf8 = decodeStrict(bytes, "utf-8");
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };

  // Mostly UTF-8 with some broken bytes (a file damaged or joined from two): no 8-bit encoding explains it, even
  // though UTF-8 read as Latin-1 looks Vietnamese ("ThÃ nh" reads as syllables).
  const census = utf8Census(bytes);
  if (census.multiByte >= census.broken)
    throw refuse(
      `Tệp gần như là UTF-8 nhưng có ${census.broken.toLocaleString("vi-VN")} byte hỏng, đầu tiên ở dòng ${lineAt(bytes, census.firstBroken)}`,
    );
  // Not UTF-8: one of the 8-bit Vietnamese encodings, if exactly one of them makes Vietnamese of it. A decoding
  // that yields control characters (C1) or "�" is not the one.
  const candidates = (Object.keys(legacyDecoders) as (keyof typeof legacyDecoders)[]).map((encoding) => {
    const text = legacyDecoders[encoding](bytes);
    if (/[\u0080-\u009f\ufffd]/.test(text)) return { encoding, text, words: 0, ratio: 0 };
    const { syllables, words } = syllableScore(text);
    return { encoding, text, words, ratio: words === 0 ? 0 : syllables / words };
  });
  candidates.sort((a, b) => b.ratio - a.ratio);
  const [best, second] = candidates as [(typeof candidates)[0], (typeof candidates)[0]];
  if (best.words > 0 && best.ratio >= 0.85 && best.ratio - second.ratio >= 0.3)
    return { text: best.text, encoding: best.encoding };
  const line = lineAt(bytes, firstInvalidUtf8(bytes));
  throw refuse(
    `Không nhận ra bảng mã của tệp: tệp không phải UTF-8 (byte lạ ở dòng ${line}) và cũng không rõ là Windows-1258, TCVN3 hay VNI`,
  );
}
