/**
 * The beneficiaries list (registry kind `beneficiaries`, table fund_beneficiaries) as the fund uses it: the rule
 * the registry checks on every row, and the snapshot a proposal takes of a row of the list (its kind, name, school
 * and class, and whether it is a minor in the proposal's year).
 */
import { minorIn } from "../../../shared/fund-disbursement";
import type { Db } from "../../db/connection";
import type { BeneficiaryKind } from "../../db/schema-fund";
import { AppError } from "../../errors";
import type { RowContext, RuleProblem } from "../../registry/rules";

/** A birth year is not in the future (the year's range is the field's own). */
export function beneficiaryRules({ values, today }: RowContext): RuleProblem | null {
  const birthYear = values.birthYear as number | null | undefined;
  if (birthYear && birthYear > Number(today.slice(0, 4)))
    return { key: "birthYear", message: `Năm sinh ${birthYear} chưa tới` };
  return null;
}

export type BeneficiarySnapshot = {
  kind: BeneficiaryKind;
  name: string;
  school: string | null;
  class: string | null;
  minor: boolean;
};

/**
 * The row `id` of the commune's list, not archived, as a proposal in `year` copies it; refused naming the field
 * when it is of another commune, archived, or not readable by the caller (row-level security hides it).
 */
export async function listedBeneficiary(
  tx: Db,
  communeId: number,
  id: number,
  year: number,
): Promise<BeneficiarySnapshot> {
  const row = await tx
    .selectFrom("fund_beneficiaries")
    .select(["kind", "full_name", "birth_year", "school", "class"])
    .where("commune_id", "=", communeId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  if (!row) {
    const message =
      "Người nhận không có trong danh sách người nhận học bổng, hỗ trợ của xã, phường, hoặc đã lưu trữ";
    throw new AppError("validation", message, { fields: { beneficiaryId: message } });
  }
  return {
    kind: row.kind,
    name: row.full_name,
    school: row.school,
    class: row.class,
    minor: minorIn(year, {
      kind: row.kind,
      birthYear: row.birth_year === null ? null : Number(row.birth_year),
    }),
  };
}
