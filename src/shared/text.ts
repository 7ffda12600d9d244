/** Folds Vietnamese text for search: no diacritics, đ → d, lower case ("Tây Hồ" → "tay ho"). */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Stored names are NFC with single spaces, so that equal names compare equal. */
export function cleanName(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
