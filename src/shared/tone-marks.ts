/**
 * The house's tone-mark style: the traditional placement on the first vowel of an open "oa", "oe" or "uy" syllable
 * (hòa, khỏe, hủy, thủy), never the new one (hoà, khoẻ, huỷ, thuỷ). Tests use this to keep every text in one style.
 */
const letters = "a-zA-Zà-ỹÀ-Ỹđ";
// A new-style syllable: o + marked a/e, or u + marked y, at the end of a word, not after q or g (quý, giá) nor
// after another vowel (ngoài, khuỷu).
const newStyle = new RegExp(
  `(?<![${letters}])[${letters}]*?(?<![qQgGaeiouyăâêôơưAEIOUYĂÂÊÔƠƯ])(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![${letters}])`,
  "gu",
);

/** The words of `text` written in the new style. */
export function newStyleWords(text: string): string[] {
  return [...text.matchAll(newStyle)].map((m) => m[0]);
}
