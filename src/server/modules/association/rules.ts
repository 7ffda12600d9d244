/**
 * The rules of the Hội Khuyến học's registry rows that cross fields: a chapter's kind and what it names, its
 * dates; a member's join date against the birth year and today, leaving before joining, a transfer's date.
 * Dates are ISO strings, so they compare as text.
 */
import type { RowContext, RuleProblem } from "../../registry/rules";

const dmy = (iso: string) => iso.split("-").reverse().join("/");
const organisationKinds = ["school", "agency", "enterprise", "committee"];

export function chapterRules({ values, unitLevel, today }: RowContext): RuleProblem | null {
  const { kind, clanId, organizationId, foundedOn, dissolvedOn } = values as Record<string, string | null>;
  if (kind === "village" && unitLevel !== "village")
    return { key: "unitId", message: "Chi hội thôn, tổ dân phố phải thuộc một thôn, tổ dân phố" };
  if (kind === "clan" && !clanId) return { key: "clanId", message: "Chọn dòng họ của chi hội dòng họ" };
  if (kind && organisationKinds.includes(kind) && !organizationId)
    return { key: "organizationId", message: "Chọn cơ quan, đơn vị của chi hội" };
  if (foundedOn && foundedOn > today)
    return { key: "foundedOn", message: "Ngày thành lập không được sau hôm nay" };
  if (dissolvedOn && foundedOn && dissolvedOn < foundedOn)
    return { key: "dissolvedOn", message: `Ngày giải thể trước ngày thành lập (${dmy(foundedOn)})` };
  return null;
}

export function memberRules({ values, given, before, today }: RowContext): RuleProblem | null {
  const v = values as Record<string, string | number | null>;
  const joinedOn = v.joinedOn as string | null;
  const birthYear = v.birthYear as number | null;
  const leftOn = v.leftOn as string | null;
  const chapterSince = v.chapterSince as string | null;
  if (joinedOn && joinedOn > today)
    return { key: "joinedOn", message: "Ngày vào hội không được sau hôm nay" };
  if (joinedOn && birthYear && Number(joinedOn.slice(0, 4)) < birthYear)
    return { key: "joinedOn", message: `Ngày vào hội (${dmy(joinedOn)}) trước năm sinh (${birthYear})` };
  if (leftOn && joinedOn && leftOn < joinedOn)
    return { key: "leftOn", message: `Ngày ra hội trước ngày vào hội (${dmy(joinedOn)})` };
  if (leftOn && leftOn > today) return { key: "leftOn", message: "Ngày ra hội không được sau hôm nay" };
  if (v.leftReason && !leftOn) return { key: "leftOn", message: "Ghi ngày ra hội cùng lý do ra hội" };
  if (chapterSince && joinedOn && chapterSince < joinedOn)
    return { key: "chapterSince", message: `Ngày chuyển đến chi hội trước ngày vào hội (${dmy(joinedOn)})` };
  if (chapterSince && chapterSince > today)
    return { key: "chapterSince", message: "Ngày chuyển đến chi hội không được sau hôm nay" };
  if (v.memberKind === "collective" && v.sex)
    return { key: "sex", message: "Hội viên tập thể không ghi giới tính" };
  if (before && before.chapterId !== v.chapterId) {
    if (before.leftOn) return { key: "chapterId", message: "Hội viên đã ra hội, không chuyển chi hội được" };
    const since = (before.chapterSince ?? before.joinedOn) as string;
    const on = given.has("chapterSince") && chapterSince ? chapterSince : today;
    if (on <= since)
      return {
        key: "chapterSince",
        message: `Ngày chuyển chi hội phải sau ngày vào chi hội hiện tại (${dmy(since)})`,
      };
  }
  return null;
}
