/**
 * The recipients of an award round from Excel or CSV: the file replaces the draft's list, all or nothing. A dry run
 * does the same writes and rolls them back (lib/import-transaction.ts), so it meets the same refusals. Columns typed
 * in TCVN3 or VNI are converted to Unicode first (one decision per column, as the registry import does). Each
 * refused cell is named by its row and column; a pupil twice in the sheet (same name, birth year and school), a
 * place or a household of another commune, a zero, negative or too large amount, a bad birth year are refused.
 */
import type { RowError } from "../../../shared/api";
import type { AwardImportReport } from "../../../shared/fund-award";
import { foldText } from "../../../shared/text";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { unitInSentence } from "../../documents/nd30-names";
import { AppError } from "../../errors";
import { inImportTransaction } from "../../lib/import-transaction";
import { recordsToUnicode } from "../../lib/legacy-detect";
import { readTable } from "../../lib/spreadsheet";
import { communeVillages, type Village } from "../../registry/units";
import {
  AWARD_MAX_ROWS,
  awardColumns,
  columnLabel,
  isMinor,
  type ParsedRecipient,
  personKey,
  readRecipient,
  textColumns,
} from "./award-cells";
import { approvalsFor, auditRound, lockRound, requireOpenDraft } from "./award-rounds.service";
import { recipientListHash } from "./award-verify";
import { fromDatabase } from "./ledger";
import { formatDong, maxAmount } from "./money";

export type ImportFile = { bytes: Uint8Array; name: string };

type Commune = { id: number; name: string };
type Placed = ParsedRecipient & { householdId: number | null; village: Village | null };

/** The communes a recipient may live in: the fund's own, or those of the province for a provincial fund. */
async function communesOf(tx: Db, unitId: number) {
  const unit = await tx
    .selectFrom("admin_units")
    .select(["id", "name", "level"])
    .where("id", "=", unitId)
    .executeTakeFirstOrThrow();
  const list: Commune[] =
    unit.level === "commune"
      ? [{ id: unit.id, name: unit.name }]
      : await tx
          .selectFrom("admin_units as u")
          .innerJoin("admin_unit_paths as p", "p.descendant_id", "u.id")
          .select(["u.id", "u.name"])
          .where("p.ancestor_id", "=", unit.id)
          .where("u.level", "=", "commune")
          .where("u.valid_to", "is", null)
          .execute();
  const byName = new Map<string, Commune>();
  for (const c of list) {
    byName.set(foldText(c.name), c);
    byName.set(foldText(c.name.replace(/^(Xã|Phường|Thị trấn|Đặc khu)\s+/u, "")), c);
  }
  return { unit, byName, single: unit.level === "commune" ? list[0]! : null };
}

/** Places each recipient in a commune, a village and a household of the fund's unit, or names why not. */
async function placeRecipients(tx: Db, unitId: number, parsed: ParsedRecipient[], errors: RowError[]) {
  const { unit, byName, single } = await communesOf(tx, unitId);
  const villages = new Map<number, Map<string, Village>>();
  const households = new Map<number, Map<string, { id: number; village_id: number }>>();
  const placed: Placed[] = [];
  const fail = (line: number, key: string, message: string) =>
    errors.push({ row: line, column: columnLabel(key), message });
  for (const r of parsed) {
    let commune: Commune | null = single;
    if (r.communeText !== "") {
      commune = byName.get(foldText(r.communeText)) ?? null;
      if (!commune) {
        fail(
          r.line,
          "commune",
          single
            ? `Người nhận ở “${r.communeText}”, không thuộc ${unitInSentence(unit.name)}: quỹ chỉ trao cho người của đơn vị mình`
            : `Không có xã, phường “${r.communeText}” trong ${unitInSentence(unit.name)}`,
        );
        continue;
      }
    }
    const item: Placed = { ...r, householdId: null, village: null };
    if ((r.villageText !== "" || r.householdCode) && !commune) {
      fail(r.line, "commune", "Ghi xã, phường của người nhận để tìm thôn, tổ dân phố và mã hộ");
      continue;
    }
    if (commune && r.villageText !== "") {
      if (!villages.has(commune.id)) villages.set(commune.id, await communeVillages(tx, commune.id));
      item.village = villages.get(commune.id)!.get(foldText(r.villageText)) ?? null;
      if (!item.village) {
        fail(
          r.line,
          "village",
          `Không có thôn, tổ dân phố “${r.villageText}” trong ${unitInSentence(commune.name)}: người nhận phải ở trong đơn vị của quỹ`,
        );
        continue;
      }
    }
    if (commune && r.householdCode) {
      if (!households.has(commune.id)) {
        const rows = await tx
          .selectFrom("households")
          .select(["id", "code", "village_id"])
          .where("commune_id", "=", commune.id)
          .where("archived_at", "is", null)
          .execute();
        households.set(commune.id, new Map(rows.map((h) => [h.code.toLowerCase(), h])));
      }
      const home = households.get(commune.id)!.get(r.householdCode.toLowerCase());
      if (!home) {
        fail(r.line, "household", `Không có hộ mã ${r.householdCode} trong ${unitInSentence(commune.name)}`);
        continue;
      }
      if (item.village && item.village.id !== home.village_id) {
        fail(r.line, "village", `Hộ mã ${r.householdCode} không ở “${r.villageText}”`);
        continue;
      }
      if (!item.village) {
        const village = await tx
          .selectFrom("admin_units")
          .select(["id", "code", "name"])
          .where("id", "=", home.village_id)
          .executeTakeFirstOrThrow();
        item.village = village;
      }
      item.householdId = home.id;
    }
    placed.push(item);
  }
  return placed;
}

export async function importAwardRecipients(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  file: ImportFile,
  dryRun: boolean,
  communeId?: number,
): Promise<AwardImportReport> {
  const report: AwardImportReport = {
    dryRun,
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    converted: {},
    amount: 0,
    minors: 0,
    replaced: 0,
  };
  const errors = report.errors;
  try {
    await inImportTransaction(db, actor, { dryRun, errors }, async (tx) => {
      const { fund, row } = await lockRound(tx, actor, fundId, roundId, "fund", communeId);
      await requireOpenDraft(tx, row, "nhập danh sách");
      // The file is read only once the caller may write here: nothing about it is reported to anyone else.
      const records = await readTable(file.bytes, file.name, awardColumns, { maxRows: AWARD_MAX_ROWS });
      report.total = records.length;
      if (records.length === 0)
        throw new AppError("validation", "Tệp không có người nhận nào dưới dòng tiêu đề", {
          rows: [{ row: 1, message: "Không có dòng dữ liệu" }],
        });
      recordsToUnicode(records, textColumns, report.converted);
      const parsed: ParsedRecipient[] = [];
      const seen = new Map<string, number>();
      for (const { line, values } of records) {
        const read = readRecipient(line, values, row.school_year);
        if ("errors" in read) {
          for (const e of read.errors) errors.push({ row: line, ...e });
          continue;
        }
        const key = personKey(read.recipient);
        const earlier = seen.get(key);
        if (earlier !== undefined)
          errors.push({
            row: line,
            column: columnLabel("fullName"),
            message: `Trùng với dòng ${earlier}: cùng họ tên, năm sinh và trường`,
          });
        else seen.set(key, line);
        parsed.push(read.recipient);
      }
      const placed = await placeRecipients(tx, fund.commune_id, parsed, errors);
      let total = 0;
      for (const r of placed) {
        total += r.amount;
        if (total > maxAmount) {
          errors.push({
            row: r.line,
            column: columnLabel("amount"),
            message: `Tổng số tiền của danh sách đến dòng này (${formatDong(total)} đồng) vượt quá 10^15 đồng`,
          });
          break;
        }
      }
      errors.sort((a, b) => a.row - b.row);
      if (errors.length > 0) return;
      report.amount = total;
      report.minors = placed.filter((r) => isMinor(r, row.school_year)).length;
      report.replaced = await writeList(tx, fund.commune_id, fund.id, row, placed);
      report.created = placed.length;
      const list = placed.map((r, i) => ({
        line: i + 1,
        kind: r.kind,
        fullName: r.fullName,
        sex: r.sex,
        birthYear: r.birthYear,
        school: r.school,
        class: r.class,
        householdCode: r.householdCode,
        village: r.village?.name ?? null,
        amount: r.amount,
      }));
      await tx
        .updateTable("fund_award_rounds")
        .set({
          recipient_count: placed.length,
          total,
          list_hash: recipientListHash(list),
          list_by: actor.userId,
          list_by_name: actor.name,
          list_at: new Date(),
          approvals_needed: approvalsFor(fund, total),
        })
        .where("commune_id", "=", fund.commune_id)
        .where("id", "=", row.id)
        .execute();
      await auditRound(
        tx,
        actor,
        fund,
        row.id,
        "import",
        { recipientCount: row.recipient_count, total: row.total, listHash: row.list_hash },
        { file: file.name },
      );
    });
  } catch (error) {
    throw fromDatabase(error);
  }
  if (errors.length > 0) Object.assign(report, { created: 0, replaced: 0, amount: 0, minors: 0 });
  return report;
}

/** Replaces the draft's list: the rows in the file's order, numbered 1, 2, 3… for the signature list. */
async function writeList(
  tx: Db,
  communeId: number,
  fundId: number,
  round: { id: number; school_year: number },
  placed: Placed[],
): Promise<number> {
  const removed = await tx
    .deleteFrom("fund_award_recipients")
    .where("commune_id", "=", communeId)
    .where("round_id", "=", round.id)
    .executeTakeFirst();
  for (let start = 0; start < placed.length; start += 500)
    await tx
      .insertInto("fund_award_recipients")
      .values(
        placed.slice(start, start + 500).map((r, i) => ({
          commune_id: communeId,
          fund_id: fundId,
          round_id: round.id,
          line: start + i + 1,
          kind: r.kind,
          full_name: r.fullName,
          sex: r.sex,
          birth_year: r.birthYear,
          school: r.school,
          class: r.class,
          household_id: r.householdId,
          household_code: r.householdCode,
          village_id: r.village?.id ?? null,
          village_name: r.village?.name ?? null,
          amount: r.amount,
          note: r.note,
          as_of_year: round.school_year,
        })),
      )
      .execute();
  return Number(removed.numDeletedRows);
}
