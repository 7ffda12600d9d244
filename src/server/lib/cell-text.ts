/**
 * What a cell of an imported file may hold. Text that would be stored with characters nobody can see or that change
 * how a line is drawn is refused, naming the cell, instead of being stored: control characters (the C0 set except
 * tab, line feed and carriage return, which Excel keeps inside a cell for Alt+Enter; DEL; the C1 set), direction
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C: "Trojan source" tricks that show a
 * name backwards), zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF inside text), the replacement
 * character "�" (the mark of text already broken by a wrong encoding), unpaired surrogates and the noncharacters
 * U+FFFE/U+FFFF.
 *
 * The soft hyphen U+00AD is allowed: in TCVN3 text read as Latin-1 it is the letter "ư", and the legacy converter
 * (legacy-detect.ts, with the codecs of legacy-vietnamese.ts) runs after the file is read.
 */

/** Excel's own limit on the characters of one cell. */
export const MAX_CELL_LENGTH = 32_767;

/** The kind of a character a cell may not hold, or null. Code units: a surrogate here is an unpaired one. */
function forbiddenKind(code: number): "control" | "direction" | "invisible" | "broken" | null {
  if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f))
    return "control";
  if (
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    [0x200e, 0x200f, 0x61c].includes(code)
  )
    return "direction";
  if ((code >= 0x200b && code <= 0x200d) || (code >= 0x2060 && code <= 0x2064) || code === 0xfeff)
    return "invisible";
  if (code === 0xfffd || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff))
    return "broken";
  return null;
}

/** The index of the first character a cell may not hold (an unpaired surrogate included), or -1. */
export function firstForbidden(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a well-formed pair: a character beyond the BMP
        continue;
      }
    }
    if (forbiddenKind(code) !== null) return i;
  }
  return -1;
}

const hex = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === "\ufffd")
    return "ký tự lỗi “�” (chữ đã bị hỏng do lưu sai bảng mã; gõ lại chữ đúng hoặc lấy lại tệp gốc)";
  const kind = forbiddenKind(code);
  if (kind === "broken") return `mã ký tự hỏng (${hex(ch)})`;
  if (kind === "direction") return `ký tự ẩn đổi chiều chữ (${hex(ch)})`;
  if (kind === "invisible") return `ký tự ẩn không có độ rộng (${hex(ch)})`;
  return `ký tự điều khiển không in được (${hex(ch)})`;
}

/**
 * Why `text` may not be stored as a cell, in Vietnamese, or null when it may. `maxLength` is the field's own limit
 * (at most Excel's 32,767).
 */
export function cellTextProblem(text: string, maxLength = MAX_CELL_LENGTH): string | null {
  const limit = Math.min(maxLength, MAX_CELL_LENGTH);
  if (text.length > limit)
    return `Ô dài ${text.length.toLocaleString("vi-VN")} ký tự, quá giới hạn ${limit.toLocaleString("vi-VN")} ký tự`;
  const at = firstForbidden(text);
  if (at < 0) return null;
  return `Ô có ${describe(text[at]!)} ở ký tự thứ ${at + 1}: xóa ký tự đó rồi nhập lại`;
}
