/** Funds: creating one with its accounts and purposes, listing a unit's funds, one fund with its balances. */
import { sql } from "kysely";
import { refusal } from "../../../shared/capabilities";
import type { FundAccount, FundCreate, FundDetail, FundSummary } from "../../../shared/fund";
import { type Actor, asActor, type Permission, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { unitInSentence } from "../../documents/nd30-names";
import { AppError, forbidden, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { canOnUnit, unitContext } from "../territory/territory.repo";
import { balancesAt, type FundRef } from "./ledger";

/**
 * The fund, if the actor holds `permission` on its unit; otherwise 404 (403 when it can read but not act). With
 * `communeId` (the unit its rows are keyed by: the commune, or the province of a provincial fund; the web always
 * sends it) the fund is looked for there alone (one shard, docs/SCALE-OUT.md), and a fund of another unit is not
 * found.
 */
export async function fundInScope(
  tx: Db,
  actor: Actor,
  fundId: number,
  permission: Permission,
  communeId?: number,
) {
  let query = tx
    .selectFrom("funds")
    .selectAll()
    .where("id", "=", fundId)
    .where(unitInScope(actor, "read", "commune_id"));
  if (communeId !== undefined) query = query.where("commune_id", "=", communeId);
  const fund = await query.executeTakeFirst();
  if (!fund) throw notFound("Không tìm thấy quỹ");
  if (permission !== "read") {
    const can = await tx
      .selectFrom("funds")
      .select("id")
      .where("commune_id", "=", fund.commune_id)
      .where("id", "=", fundId)
      .where(unitInScope(actor, permission, "commune_id"))
      .executeTakeFirst();
    if (!can) throw forbidden(refusal(permission === "approve" ? "fund.approve" : "fund.keep"));
  }
  return fund;
}

export const refOf = (fund: { commune_id: number; id: number }): FundRef => ({
  communeId: fund.commune_id,
  fundId: fund.id,
});

export async function createFund(db: Db, actor: Actor, input: FundCreate): Promise<FundDetail> {
  return asActor(db, actor, async (tx) => {
    const unit = await tx
      .selectFrom("admin_units as u")
      .select(["u.id", "u.level", "u.name"])
      .where("u.id", "=", input.unitId)
      .where(unitInScope(actor, "fund", "u.id"))
      .executeTakeFirst();
    if (!unit) throw forbidden(refusal("fund.keep", "đơn vị này"));
    if (unit.level !== "commune" && unit.level !== "province")
      throw new AppError("validation", "Quỹ thuộc một xã, phường hoặc một tỉnh, thành phố", {
        fields: { unitId: "" },
      });
    let ownerName = input.ownerName?.trim() || `Hội Khuyến học ${unitInSentence(unit.name)}`;
    if (input.ownerKind === "clan" || input.ownerKind === "school") {
      if (input.ownerRefId === undefined || input.ownerRefId === null)
        throw new AppError("validation", "Chọn dòng họ hoặc trường giữ quỹ", { fields: { ownerRefId: "" } });
      const owner =
        input.ownerKind === "clan"
          ? await tx
              .selectFrom("clans")
              .select("name")
              .where("commune_id", "=", unit.id)
              .where("id", "=", input.ownerRefId)
              .where("archived_at", "is", null)
              .executeTakeFirst()
          : await tx
              .selectFrom("organizations")
              .select("name")
              .where("commune_id", "=", unit.id)
              .where("id", "=", input.ownerRefId)
              .where("kind", "=", "school")
              .where("archived_at", "is", null)
              .executeTakeFirst();
      if (!owner)
        throw new AppError(
          "validation",
          input.ownerKind === "clan"
            ? "Dòng họ không thuộc xã, phường này"
            : "Trường không thuộc xã, phường này",
          { fields: { ownerRefId: "" } },
        );
      ownerName = owner.name;
    }
    if (input.mode === "licensed" && (!input.licenceNumber || !input.licenceDate))
      throw new AppError("validation", "Quỹ có giấy phép cần số và ngày cấp giấy phép", {
        fields: { licenceNumber: "" },
      });
    const duplicate = await tx
      .selectFrom("funds")
      .select("id")
      .where("commune_id", "=", unit.id)
      .where("name", "=", input.name)
      .executeTakeFirst();
    if (duplicate)
      throw new AppError("validation", `Đơn vị đã có quỹ "${input.name}"`, { fields: { name: "" } });
    const province = await tx
      .selectFrom("admin_unit_paths")
      .select("ancestor_id")
      .where("descendant_id", "=", unit.id)
      .orderBy("depth", "desc")
      .executeTakeFirstOrThrow();
    const fund = await tx
      .insertInto("funds")
      .values({
        commune_id: unit.id,
        province_id: province.ancestor_id,
        name: input.name,
        owner_kind: input.ownerKind,
        owner_ref_id: input.ownerKind === "clan" || input.ownerKind === "school" ? input.ownerRefId! : null,
        owner_name: ownerName,
        mode: input.mode,
        licence_number: input.mode === "licensed" ? input.licenceNumber! : null,
        licence_date: input.mode === "licensed" ? input.licenceDate! : null,
        two_approvals_above: input.twoApprovalsAbove ?? null,
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const accounts = [
      ...(input.accounts.length > 0 ? input.accounts : [{ kind: "cash" as const, name: "Tiền mặt" }]),
      ...(input.purposes.length > 0
        ? input.purposes
        : [{ kind: "unrestricted" as const, name: "Quỹ chung (không hạn định mục đích)" }]),
    ];
    const names = new Set<string>();
    for (const a of accounts) {
      const key = `${a.kind === "unrestricted" || a.kind === "restricted" ? "p" : "a"}:${a.name}`;
      if (names.has(key))
        throw new AppError("validation", `Tên "${a.name}" lặp lại`, { fields: { accounts: "" } });
      names.add(key);
    }
    await tx
      .insertInto("fund_accounts")
      .values(
        accounts.map((a) => ({
          commune_id: unit.id,
          fund_id: fund.id,
          class:
            a.kind === "unrestricted" || a.kind === "restricted" ? ("purpose" as const) : ("asset" as const),
          kind: a.kind,
          name: a.name,
          bank_name: "bankName" in a ? (a.bankName ?? null) : null,
          account_number: "accountNumber" in a ? (a.accountNumber ?? null) : null,
          condition: "condition" in a ? (a.condition ?? null) : null,
        })),
      )
      .execute();
    const detail = await readFund(tx, actor, fund.id, today());
    await recordAudit(tx, actor, {
      action: "fund.create",
      entity: "fund",
      entityId: fund.id,
      unitId: unit.id,
      after: { name: detail.name, owner: detail.ownerName, mode: detail.mode, accounts: detail.accounts },
    });
    return detail;
  });
}

export async function listFunds(db: Db, actor: Actor, unitId: number): Promise<{ funds: FundSummary[] }> {
  return asActor(db, actor, async (tx) => {
    if (!(await canOnUnit(tx, actor, "read", unitId)))
      throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn");
    // A commune or a village below it: its commune's funds alone (one shard; docs/SCALE-OUT.md).
    const communeId = (await unitContext(tx, unitId))?.communeId ?? null;
    const rows = await tx
      .selectFrom("funds as f")
      .innerJoin("admin_units as u", "u.id", "f.commune_id")
      .select([
        "f.id",
        "f.name",
        "f.owner_kind",
        "f.owner_name",
        "f.mode",
        "f.head_seq",
        "u.id as unit_id",
        "u.name as unit_name",
      ])
      .select(
        sql<string>`(SELECT coalesce(sum(a.balance), 0) FROM fund_accounts a
          WHERE a.commune_id = f.commune_id AND a.fund_id = f.id AND a.class = 'asset')::text`.as("balance"),
      )
      .where(unitInScope(actor, "read", "f.commune_id"))
      .where(
        sql<boolean>`f.commune_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unitId})`,
      )
      .where((eb) => (communeId === null ? eb.lit(true) : eb("f.commune_id", "=", communeId)))
      .orderBy("u.name")
      .orderBy("f.name")
      .execute();
    return {
      funds: rows.map((r) => ({
        id: r.id,
        name: r.name,
        ownerKind: r.owner_kind,
        ownerName: r.owner_name,
        mode: r.mode,
        unit: { id: r.unit_id, name: r.unit_name },
        transactions: r.head_seq,
        balance: Number(r.balance),
      })),
    };
  });
}

export async function getFund(
  db: Db,
  actor: Actor,
  fundId: number,
  date?: IsoDate,
  communeId?: number,
): Promise<FundDetail> {
  return asActor(db, actor, (tx) => readFund(tx, actor, fundId, date ?? today(), communeId));
}

export async function readFund(
  tx: Db,
  actor: Actor,
  fundId: number,
  date: IsoDate,
  communeId?: number,
): Promise<FundDetail> {
  const fund = await fundInScope(tx, actor, fundId, "read", communeId);
  const unit = await tx
    .selectFrom("admin_units")
    .select(["id", "name"])
    .where("id", "=", fund.commune_id)
    .executeTakeFirstOrThrow();
  const accounts = await tx
    .selectFrom("fund_accounts")
    .selectAll()
    .where("commune_id", "=", fund.commune_id)
    .where("fund_id", "=", fund.id)
    .orderBy("class")
    .orderBy("id")
    .execute();
  const atDate = await balancesAt(tx, refOf(fund), date);
  const periods = await tx
    .selectFrom("fund_periods as p")
    .leftJoin("fund_disclosures as d", (j) =>
      j
        .onRef("d.commune_id", "=", "p.commune_id")
        .onRef("d.fund_id", "=", "p.fund_id")
        .onRef("d.year", "=", "p.year"),
    )
    .select(["p.year", "p.head_hash", "p.seal", "p.closed_by_name", "p.closed_at", "d.published_at"])
    .where("p.commune_id", "=", fund.commune_id)
    .where("p.fund_id", "=", fund.id)
    .orderBy("p.year")
    .execute();
  const toAccount = (a: (typeof accounts)[number]): FundAccount => ({
    id: a.id,
    class: a.class,
    kind: a.kind,
    name: a.name,
    bankName: a.bank_name,
    accountNumber: a.account_number,
    condition: a.condition,
    balance: a.balance,
    balanceAtDate: atDate.get(a.id) ?? 0,
  });
  return {
    id: fund.id,
    name: fund.name,
    unit,
    ownerKind: fund.owner_kind,
    ownerRefId: fund.owner_ref_id,
    ownerName: fund.owner_name,
    mode: fund.mode,
    licenceNumber: fund.licence_number,
    licenceDate: fund.licence_date,
    twoApprovalsAbove: fund.two_approvals_above,
    date,
    accounts: accounts.map(toAccount),
    chain: { seq: fund.head_seq, hash: fund.head_hash, lastPostedOn: fund.head_posted_on },
    closedYears: periods.map((p) => ({
      year: p.year,
      headHash: p.head_hash,
      seal: p.seal,
      closedBy: p.closed_by_name,
      closedAt: new Date(p.closed_at).toISOString(),
      publishedAt: p.published_at ? new Date(p.published_at).toISOString() : null,
    })),
    version: fund.version,
  };
}
