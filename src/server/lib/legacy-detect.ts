/**
 * Which Vietnamese text, cell or column was typed in a legacy 8-bit encoding (TCVN3 or VNI Windows, the codecs in
 * legacy-vietnamese.ts), and its conversion to Unicode.
 *
 * Detection weighs each word three ways: as read (Unicode), decoded as TCVN3, decoded as VNI.
 * - A word with letters beyond Latin-1 (ư ơ đ ạ ế…) is Unicode: the legacy encodings never produce them.
 * - A word that is no Vietnamese syllable as read but is one once decoded is evidence for that encoding
 *   ("gi¸o" → "giáo", "Nguyeãn" → "Nguyễn"); the syllable check knows onsets, vowel nuclei, finals, where the tone
 *   mark sits and that c/ch/p/t finals take only sắc or nặng, so mojibake seldom passes it.
 * - A word that is a syllable as read and not once decoded is evidence for Unicode, against that encoding.
 * - A word that is a syllable every way ("cã" / "có", "Thò" / "Thị", "Lê" / "Lờ") leans, half weight, towards the
 *   reading that alone is a common word (isCommonSyllable).
 * - Acronyms count too: "H§ND", "L§L§" (TCVN3), "HÑND" (VNI); a longer word no reading makes sense of ("Février")
 *   counts against the legacy encodings in column votes; one-letter words count half.
 * A text is legacy with at least one word's worth of evidence (two in French or English text, told by its ASCII
 * words not being Vietnamese syllables); a column is legacy by a majority of its cells' votes.
 */
import {
  decodeLegacy,
  isCommonSyllable,
  isVietnameseSyllable,
  type LegacyEncoding,
  TCVN3_SYMBOLS,
  tcvn3ToUnicode,
  vniToUnicode,
} from "./legacy-vietnamese";

// ---------------------------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------------------------

/** Words are split on white space, digits and ASCII punctuation; TCVN3 letters ("«", "·", "¸") stay in words. */
const SEPARATOR = /([\s!-@[-`{-~\u2000-\u206f]+)/;
const isAscii = (text: string) => [...text].every((ch) => ch <= "\u007f");
/** Letters and marks beyond Latin-1. */
const hasUnicodeLetter = (text: string) => [...text].some((ch) => ch > "\u00ff" && /[\p{L}\p{M}]/u.test(ch));
const latinLetter = /[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]/;
const asciiConsonant = /[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]/;

/**
 * What a word says. `tcvn3` / `vni`: weight for reading it in that encoding; `unicode.tcvn3` / `unicode.vni`: weight
 * for reading it as it is rather than in that encoding; `foreign`: no reading makes sense of it ("Février").
 */
type Evidence = { tcvn3: number; vni: number; unicode: { tcvn3: number; vni: number }; foreign: number };

const ENCODINGS: LegacyEncoding[] = ["tcvn3", "vni"];
const noEvidence = (): Evidence => ({ tcvn3: 0, vni: 0, unicode: { tcvn3: 0, vni: 0 }, foreign: 0 });
const regularCase = (word: string) =>
  word === word.toLowerCase() ||
  word === word.toUpperCase() ||
  word === word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

function wordEvidence(word: string): Evidence {
  const evidence = noEvidence();
  if (word === "" || isAscii(word)) return evidence;
  // Letters beyond Latin-1 (ư ơ đ ạ ế, combining marks) never occur in the legacy encodings as read.
  if (hasUnicodeLetter(word)) return { ...evidence, unicode: { tcvn3: 1, vni: 1 } };
  // "đ" for đồng after an amount, "Đ" in acronyms (HĐND, GD&ĐT): "®" / "§" in TCVN3, "ñ" / "Ñ" in VNI.
  if (word === "®" || word === "§") return { ...evidence, tcvn3: 0.5 };
  if (word === "ñ" || word === "Ñ") return { ...evidence, vni: 0.5 };
  if (/^[A-Z]*§[A-Z]*$/.test(word)) return { ...evidence, tcvn3: 1 };
  if (/^[A-Z]*Ñ[A-Z]*$/.test(word)) return { ...evidence, vni: 1 };
  // TCVN3 writes many lower-case letters with Latin-1 capitals ("ChÝnh" = Chính): as read, such a word is no syllable.
  const asRead = isVietnameseSyllable(word) && regularCase(word);
  const decoded = { tcvn3: tcvn3ToUnicode(word), vni: vniToUnicode(word) };
  const fits = {
    tcvn3: isVietnameseSyllable(decoded.tcvn3),
    // VNI has upper-case marks, so its words come out lower, upper or title case ("nghÒ" is not "nghỊ"); TCVN3 words
    // in upper case mix in lower-case codes (".VnTimeH" draws them upper case), so no such check for TCVN3.
    vni: isVietnameseSyllable(decoded.vni) && regularCase(decoded.vni),
  };
  // A one-letter word ("ñ" = ủ in TCVN3, "où" = ó in VNI) says little.
  const weight = [word, decoded.tcvn3, decoded.vni].some((w) => [...w].length === 1) ? 0.5 : 1;
  if (!asRead && (fits.tcvn3 || fits.vni)) {
    // Not a syllable as read, one once decoded ("gi¸o" → "giáo", "Nguyeãn" → "Nguyễn"). When both decodings are
    // syllables ("nhö": "nhử" / "như"), the common word decides, else each gets half.
    const common = { tcvn3: isCommonSyllable(decoded.tcvn3), vni: isCommonSyllable(decoded.vni) };
    for (const e of ENCODINGS) {
      const share = !fits.tcvn3 || !fits.vni ? 1 : common.tcvn3 === common.vni ? 0.5 : Number(common[e]);
      evidence[e] = fits[e] ? share * weight : 0;
    }
    return evidence;
  }
  if (asRead) {
    // A syllable as read. Against an encoding whose decoding is no syllable, or (half weight) whose decoding is a rare
    // word when the word as read is a common one ("Lê" / "Lờ"); for an encoding whose decoding alone is a common word
    // ("cã" / "có", "Thò" / "Thị"), half weight.
    const leaning = ENCODINGS.filter(
      (e) => fits[e] && decoded[e] !== word && !isCommonSyllable(word) && isCommonSyllable(decoded[e]),
    );
    for (const e of ENCODINGS) {
      if (decoded[e] === word) continue;
      if (!fits[e]) evidence.unicode[e] = weight;
      else if (isCommonSyllable(word) && !isCommonSyllable(decoded[e])) evidence.unicode[e] = weight / 2;
      else if (leaning.includes(e)) evidence[e] = weight / (2 * leaning.length);
    }
    return evidence;
  }
  // No reading is a syllable; acronyms and names still tell: "H§ND", "L§L§" (TCVN3 letters that are Latin-1 symbols,
  // followed by a letter; "§" = Đ and "®" = đ count fully, others half), "HÑND", "GD&ÑT" (VNI Đ next to a consonant).
  const chars = [...word];
  chars.forEach((ch, i) => {
    const before = chars[i - 1];
    const after = chars[i + 1];
    if (TCVN3_SYMBOLS.has(ch) && after !== undefined && (latinLetter.test(after) || TCVN3_SYMBOLS.has(after)))
      evidence.tcvn3 = Math.max(evidence.tcvn3, ch === "§" || ch === "®" ? 1 : 0.5);
    if ((ch === "Ñ" || ch === "ñ") && [before, after].some((c) => c !== undefined && asciiConsonant.test(c)))
      evidence.vni = 1;
  });
  // A longer word no reading makes sense of ("Février", "være") is Unicode in some other language.
  if (evidence.tcvn3 === 0 && evidence.vni === 0 && chars.length >= 3) evidence.foreign = 1;
  return evidence;
}

type TextEvidence = Evidence & { foreignAscii: boolean };

function textEvidence(text: string): TextEvidence {
  const total: TextEvidence = { ...noEvidence(), foreignAscii: false };
  let asciiWords = 0;
  let asciiSyllables = 0;
  for (const word of text.split(SEPARATOR)) {
    if (word === "" || SEPARATOR.test(word)) continue;
    if (/^[A-Za-z]{2,}$/.test(word)) {
      if (word === word.toUpperCase()) continue; // acronyms: UBND, HĐND's "ND"
      asciiWords++;
      if (isVietnameseSyllable(word, false)) asciiSyllables++;
      continue;
    }
    const evidence = wordEvidence(word);
    total.tcvn3 += evidence.tcvn3;
    total.vni += evidence.vni;
    total.unicode.tcvn3 += evidence.unicode.tcvn3;
    total.unicode.vni += evidence.unicode.vni;
    total.foreign += evidence.foreign;
  }
  // In legacy Vietnamese, the plain-ASCII words are syllables without diacritics ("Nam", "An", "cho"); in French or
  // English most are not ("est", "gare", "where").
  total.foreignAscii = asciiWords >= 3 && asciiSyllables < asciiWords / 2;
  return total;
}

/**
 * `strict` (one text on its own): the legacy encoding with at least one word's worth of evidence, two in French or
 * English text. Unicode words do not outvote legacy ones there: a cell can be half retyped ("Nguyễn Văn Tuyªn"), and
 * `toUnicode` then decodes only the legacy words. Not strict (a cell's vote in a column): half a word is enough, but
 * not against as much evidence for Unicode.
 */
function verdictOf(evidence: TextEvidence, strict: boolean): LegacyEncoding | null {
  if (evidence.tcvn3 === evidence.vni) return null;
  const encoding: LegacyEncoding = evidence.tcvn3 > evidence.vni ? "tcvn3" : "vni";
  const score = evidence[encoding];
  if (score < 0.5) return null;
  if (!strict) return score >= evidence.unicode[encoding] + evidence.foreign / 2 ? encoding : null;
  // One word that only leans ("cã" for "có"), a lone "ñ" or a one-letter word ("où" = ó) is not enough.
  if (score < 1 || (evidence.foreignAscii && score < 2)) return null;
  return encoding;
}

/**
 * The legacy encoding `text` is written in, or null for ASCII and Unicode text (French, English included). Text that
 * mixes Unicode with TCVN3 or VNI words (a half-converted paragraph) gets the legacy encoding.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  if (isAscii(text)) return null;
  return verdictOf(textEvidence(text), true);
}

/**
 * Decodes `text` when it is in a legacy encoding. Text wholly in that encoding is decoded as a whole; text mixing
 * Unicode words with legacy ones is decoded word by word, leaving the Unicode words alone (a word that reads well
 * both ways follows its nearest neighbour that does not).
 */
export function toUnicode(text: string): { text: string; converted: LegacyEncoding | null } {
  const encoding = detectLegacyEncoding(text);
  if (encoding === null) return { text, converted: null };
  return { text: decodeWords(text, encoding), converted: encoding };
}

function decodeWords(text: string, encoding: LegacyEncoding): string {
  const parts = text.split(SEPARATOR);
  if (!parts.some((part) => hasUnicodeLetter(part))) return decodeLegacy(text, encoding);
  // Even parts are words, odd ones separators. true: decode, false: keep, null: undecided.
  const decided = parts.map((part, i) => {
    if (i % 2 === 1 || isAscii(part)) return false;
    const evidence = wordEvidence(part);
    if (evidence[encoding] > evidence.unicode[encoding]) return true;
    if (evidence[encoding] < evidence.unicode[encoding]) return false;
    return null;
  });
  const decode = parts.map((part, i) => {
    if (i % 2 === 1 || isAscii(part)) return false;
    if (decided[i] !== null) return decided[i];
    for (let d = 2; d < parts.length; d += 2) {
      for (const j of [i - d, i + d]) {
        const near = decided[j];
        if (near !== undefined && near !== null && !isAscii(parts[j]!)) return near;
      }
    }
    return true;
  });
  return parts.map((part, i) => (decode[i] ? decodeLegacy(part, encoding) : part)).join("");
}

type CellVote = LegacyEncoding | "unicode" | null;

function cellVote(value: string): CellVote {
  if (isAscii(value)) return null;
  const evidence = textEvidence(value);
  const legacy = verdictOf(evidence, false);
  if (legacy !== null) return legacy;
  return Math.max(evidence.unicode.tcvn3, evidence.unicode.vni) + evidence.foreign > 0 ? "unicode" : null;
}

/**
 * The encoding of a whole column: each cell with non-ASCII text votes TCVN3, VNI or Unicode (cells that read well
 * every way abstain); the legacy encoding wins with at least as many votes as Unicode and more than the other one.
 */
export function detectColumnEncoding(values: string[]): LegacyEncoding | null {
  const votes = { tcvn3: 0, vni: 0, unicode: 0 };
  for (const value of values) {
    const vote = cellVote(value);
    if (vote !== null) votes[vote]++;
  }
  const encoding: LegacyEncoding = votes.tcvn3 >= votes.vni ? "tcvn3" : "vni";
  const other = encoding === "tcvn3" ? votes.vni : votes.tcvn3;
  if (votes[encoding] === 0 || votes[encoding] <= other || votes[encoding] < votes.unicode) return null;
  return encoding;
}

/**
 * Decodes a column: with a legacy column encoding, every cell but the Unicode ones is decoded with it (so "Thò", a
 * word either way, becomes "Thị" in a VNI column); otherwise each cell is handled on its own by `toUnicode`. A cell
 * of Latin-1 letters only that reads well both ways ("Hà") cannot be told apart and is decoded with the column.
 */
export function columnToUnicode(values: string[]): { values: string[]; converted: LegacyEncoding | null } {
  const encoding = detectColumnEncoding(values);
  if (encoding === null) {
    const cells = values.map((value) => toUnicode(value));
    return {
      values: cells.map((cell) => cell.text),
      converted: cells.find((cell) => cell.converted !== null)?.converted ?? null,
    };
  }
  return {
    values: values.map((value) => {
      // Cells with Unicode letters are decoded word by word; a Latin-1 cell is kept when it reads better as it is.
      const evidence = textEvidence(value);
      const keep = !hasUnicodeLetter(value) && evidence.unicode[encoding] > evidence[encoding];
      return keep ? value : decodeWords(value, encoding);
    }),
    converted: encoding,
  };
}

/**
 * Converts the given columns of a table's records to Unicode in place (one decision per column, `columnToUnicode`)
 * and notes in `converted` which encoding each converted column was written in.
 */
export function recordsToUnicode(
  records: { values: Record<string, string> }[],
  keys: readonly string[],
  converted: Record<string, string>,
): void {
  for (const key of keys) {
    const column = columnToUnicode(records.map((r) => r.values[key] ?? ""));
    if (!column.converted) continue;
    records.forEach((r, i) => {
      r.values[key] = column.values[i]!;
    });
    converted[key] = column.converted;
  }
}
