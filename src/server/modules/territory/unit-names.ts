/** Official kinds of units, and how names in the national lists are turned into full names ("Phường Bưởi"). */
import { foldText } from "../../../shared/text";
import type { UnitLevel } from "../../db/schema";

export const unitKinds: Record<UnitLevel, readonly string[]> = {
  province: ["Tỉnh", "Thành phố"],
  district: ["Quận", "Huyện", "Thị xã", "Thành phố"],
  commune: ["Xã", "Phường", "Thị trấn", "Đặc khu"],
  village: ["Thôn", "Tổ dân phố", "Khu phố", "Ấp", "Bản", "Khu dân cư"],
};

export const levelNames: Record<UnitLevel, string> = {
  province: "tỉnh/thành phố",
  district: "quận/huyện",
  commune: "xã/phường",
  village: "thôn/tổ dân phố",
};

/** Code shapes of the national lists (QĐ 124/2004 and QĐ 19/2025): 2, 3 and 5 digits, leading zeros kept. */
export const codePattern: Record<Exclude<UnitLevel, "village">, RegExp> = {
  province: /^\d{2}$/,
  district: /^\d{3}$/,
  commune: /^\d{5}$/,
};
export const codeDigits = { province: 2, district: 3, commune: 5 } as const;

/** "Thị Xã" → "Thị xã": the lists spell some kinds in title case. Returns null for an unknown kind. */
export function canonicalKind(level: UnitLevel, kind: string): string | null {
  const folded = foldText(kind);
  return unitKinds[level].find((k) => foldText(k) === folded) ?? null;
}

/** Splits "Phường Hoàn Kiếm" into kind and name when the name starts with a kind of that level. */
export function kindFromName(level: UnitLevel, name: string): string | null {
  const folded = foldText(name);
  const kinds = [...unitKinds[level]].sort((a, b) => b.length - a.length);
  return kinds.find((k) => folded.startsWith(`${foldText(k)} `)) ?? null;
}

/** "Tây Hồ" + "Quận" → "Quận Tây Hồ"; a name that already starts with its kind is kept. */
export function fullName(kind: string, name: string): string {
  return foldText(name).startsWith(`${foldText(kind)} `) ? name : `${kind} ${name}`;
}
