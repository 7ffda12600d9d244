/**
 * How administrative documents (NĐ 30/2020, Phụ lục II) write unit names, signature blocks and the way a household
 * is named: shared by the decision .docx, the TT 25 reports and the certificates.
 */

// The common nouns that open an official unit name, longest first ("Thị trấn" before "Thị xã" never clash, but
// "Tổ dân phố" must win over "Tổ").
const UNIT_KINDS = [
  "Thành phố",
  "Thị trấn",
  "Thị xã",
  "Đặc khu",
  "Tổ dân phố",
  "Khu phố",
  "Khu dân cư",
  "Phường",
  "Tỉnh",
  "Quận",
  "Huyện",
  "Xã",
  "Thôn",
  "Bản",
  "Ấp",
  "Làng",
  "Xóm",
  "Buôn",
  "Sóc",
  "Tổ",
] as const;

// NĐ 30 Phụ lục II keeps these two capitalised wherever they stand.
const ALWAYS_CAPITALISED = ["Thành phố Hồ Chí Minh", "Thủ đô Hà Nội"];

/** The unit kind ("Phường") at the start of an official name, or null. */
export function unitKind(name: string): string | null {
  const trimmed = name.trim();
  return UNIT_KINDS.find((kind) => trimmed.startsWith(`${kind} `)) ?? null;
}

/**
 * A unit's official name as written inside a sentence: the common noun in lower case, the proper name as in the
 * official list ("Phường Tây Hồ" → "phường Tây Hồ", "Thành phố Hà Nội" → "thành phố Hà Nội"; "Thành phố Hồ Chí
 * Minh" unchanged). Text that is not a unit name comes back as it was.
 */
export function unitInSentence(name: string): string {
  const trimmed = name.trim();
  if (ALWAYS_CAPITALISED.includes(trimmed)) return trimmed;
  const kind = unitKind(trimmed);
  return kind ? `${kind.toLocaleLowerCase("vi")}${trimmed.slice(kind.length)}` : trimmed;
}

/** A list of places ("Tổ dân phố số 1, Phường Tây Hồ, Thành phố Hà Nội"): the first as is, the rest in-sentence. */
export function placeList(names: readonly string[]): string {
  return names.map((n, i) => (i === 0 ? n : unitInSentence(n))).join(", ");
}

/** The địa danh of the date line: the unit's proper name without its kind ("Phường Tây Hồ" → "Tây Hồ"). */
export function placeName(unitName: string): string {
  const trimmed = unitName.replace(/^(UBND|Ủy ban nhân dân)\s+/iu, "").trim();
  const kind = unitKind(trimmed);
  return kind ? trimmed.slice(kind.length).trim() : trimmed;
}

/**
 * The issuing body's name spelled out for the document header: "UBND Phường Tây Hồ" → "Ủy ban nhân dân\nPhường Tây
 * Hồ" (NĐ 30 writes "ỦY BAN NHÂN DÂN" in full on the header, the abbreviation only in ký hiệu).
 */
export function agencyHeader(agencyName: string): string {
  const match = /^(UBND|Ủy ban nhân dân)\s+(.+)$/iu.exec(agencyName.trim());
  return match ? `Ủy ban nhân dân\n${match[2]}` : agencyName.trim();
}

/** Whether the issuing body is a people's committee (a collective that signs "TM. ỦY BAN NHÂN DÂN"). */
export function isPeoplesCommittee(agencyName: string): boolean {
  return /^(UBND|Ủy ban nhân dân)(\s|$)/iu.test(agencyName.trim());
}

export type SignerForm = "chair" | "deputy" | "acting" | "other";

/** The signer's post read from their title: Chủ tịch, Phó Chủ tịch (ký thay), Quyền (Q.) Chủ tịch, or another. */
export function signerForm(signerTitle: string): SignerForm {
  const title = signerTitle.trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
  if (/^(q\.|quyền) ?chủ tịch$/u.test(title)) return "acting";
  if (/^phó chủ tịch$/u.test(title)) return "deputy";
  if (/^chủ tịch$/u.test(title)) return "chair";
  return "other";
}

/**
 * The signature block of a document of a people's committee (NĐ 30, Điều 13 and Phụ lục I): the chair signs
 * "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", a vice-chair "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", an acting
 * chair "TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH". Another body, or another post, signs with its title alone ("KT." for a
 * deputy). `authority` lines go above `title`; everything in capitals.
 */
export function signatureBlock(
  agencyName: string,
  signerTitle: string,
): { authority: string; title: string } {
  const collective = isPeoplesCommittee(agencyName) ? ["TM. ỦY BAN NHÂN DÂN"] : [];
  const form = signerForm(signerTitle);
  switch (form) {
    case "chair":
      return { authority: collective.join("\n"), title: "CHỦ TỊCH" };
    case "deputy":
      return { authority: [...collective, "KT. CHỦ TỊCH"].join("\n"), title: "PHÓ CHỦ TỊCH" };
    case "acting":
      return { authority: collective.join("\n"), title: "Q. CHỦ TỊCH" };
    case "other":
      return { authority: "", title: signerTitle.trim().toLocaleUpperCase("vi") };
  }
}

/** The form of address for a household head: "ông", "bà", or "ông/bà" when the sex is not recorded. */
export function honorific(sex: "male" | "female" | null | undefined): string {
  return sex === "male" ? "ông" : sex === "female" ? "bà" : "ông/bà";
}

/** "Gia đình ông Nguyễn Văn An", "Gia đình bà Lê Thị Hoa", "Gia đình ông/bà …" when the sex is not recorded. */
export function householdHolder(headName: string, sex: "male" | "female" | null | undefined): string {
  return `Gia đình ${honorific(sex)} ${headName}`;
}
