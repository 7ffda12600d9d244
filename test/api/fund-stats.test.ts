/**
 * Issue 9, point 8: the funds' statistics. Six funds of the four kinds of keeper in two wards of Hà Nội and one of
 * the city itself, over three years (2024–2026): receipts in money and in kind, a transfer, disbursements paid,
 * rejected and voided, a receipt reversed the same year and a pupil's scholarship reversed the next year, an award
 * round paid. Every figure the API gives (counters, migration 0023) is checked against a model of what the test did
 * and against a recount straight from the ledger's entries; the province's row is the sum of its wards and its own
 * funds; the CSV and XLSX totals are the figures; `stats verify` finds an altered counter and `rebuild` mends it.
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rebuildCounters, verifyCounters } from "../../src/server/modules/stats/stats.service";
import type { FundAmounts, FundFigures, FundOwnerKind } from "../../src/shared/fund-stats";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { addUser } from "../helpers/fund";

type Fund = {
  id: number;
  unit: number;
  kind: FundOwnerKind;
  cash: number;
  goods: number;
  bank: number;
  purpose: number;
};
/** One posting as the model sees it: the assets' movement and what it counts as. */
type Posting = {
  fund: Fund;
  on: string;
  moved: number;
  counts: "raised" | "disbursed" | "transfer";
  inKind: boolean;
  pupils: number;
  pupilAmount: number;
  transactionId: number;
};

const years = [2024, 2025, 2026];
const owners: FundOwnerKind[] = ["association", "chapter", "clan", "school"];

describeEachEngine("fund statistics: counters against a model and a recount of the ledger", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let keeper: ApiClient; // proposes and keeps the books
  let payer: ApiClient; // pays
  let approver: ApiClient;
  let province: number;
  let tayho: number;
  let badinh: number;
  const postings: Posting[] = [];

  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    province = await t.unitId("01", { level: "province" });
    tayho = await t.unitId("00103");
    badinh = await t.unitId("00004");
    await addUser(t, "tq.hn", "treasurer", province, "Nguyễn Thị Thủ Quỹ");
    await addUser(t, "kt.hn", "treasurer", province, "Trần Văn Kế Toán");
    await addUser(t, "duyet.hn", "reviewer", province, "Lê Văn Duyệt");
    keeper = await t.as("tq.hn");
    payer = await t.as("kt.hn");
    approver = await t.as("duyet.hn");
  }, 120_000);
  afterAll(() => t.close());

  async function fund(unitId: number, name: string, ownerKind: FundOwnerKind, ownerRefId?: number) {
    const created = await keeper.post("/api/v1/funds", {
      unitId,
      name,
      ownerKind,
      ownerRefId,
      ownerName: ownerKind === "chapter" ? "Chi hội Khuyến học tổ dân phố số 1" : undefined,
      mode: "association",
      accounts: [
        { kind: "cash", name: "Tiền mặt" },
        { kind: "bank", name: "Tiền gửi", bankName: "Agribank", accountNumber: "1500201234567" },
        { kind: "in_kind", name: "Hiện vật" },
      ],
      purposes: [{ kind: "unrestricted", name: "Quỹ chung" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const f = created.body.fund;
    const by = (n: string) => f.accounts.find((a: { name: string }) => a.name === n).id as number;
    return {
      id: f.id,
      unit: unitId,
      kind: ownerKind,
      cash: by("Tiền mặt"),
      bank: by("Tiền gửi"),
      goods: by("Hiện vật"),
      purpose: by("Quỹ chung"),
    };
  }

  const post = (p: Omit<Posting, "inKind" | "pupils" | "pupilAmount"> & Partial<Posting>) =>
    postings.push({ inKind: false, pupils: 0, pupilAmount: 0, ...p });

  async function receipt(f: Fund, on: string, amount: number, inKind = false) {
    const r = await keeper.post(`/api/v1/funds/${f.id}/receipts`, {
      receivedOn: on,
      donorName: "Nhà hảo tâm",
      donorKind: "person",
      reason: "Ủng hộ quỹ khuyến học",
      amount,
      assetAccountId: inKind ? f.goods : f.cash,
      purposeAccountId: f.purpose,
      ...(inKind ? { inKindDescription: "Sách giáo khoa" } : {}),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    post({
      fund: f,
      on,
      moved: amount,
      counts: "raised",
      inKind,
      transactionId: r.body.receipt.transactionId,
    });
    return r.body.receipt.transactionId as number;
  }

  /** Proposed, then paid, rejected or voided. */
  async function disbursement(
    f: Fund,
    on: string,
    amount: number,
    beneficiaryKind: "student" | "teacher" | "family",
    outcome: "paid" | "rejected" | "voided" = "paid",
  ) {
    const proposed = await keeper.post(`/api/v1/funds/${f.id}/disbursements`, {
      amount,
      assetAccountId: f.cash,
      purposeAccountId: f.purpose,
      beneficiaryKind,
      beneficiaryName: beneficiaryKind === "student" ? "Nguyễn Văn An" : "Trần Thị Bình",
      beneficiaryMinor: beneficiaryKind === "student",
      beneficiarySchool: beneficiaryKind === "student" ? "Trường THCS Chu Văn An" : null,
      reason: beneficiaryKind === "student" ? "Học bổng học sinh vượt khó" : "Khen thưởng",
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const path = `/api/v1/funds/${f.id}/disbursements/${proposed.body.disbursement.id}`;
    if (outcome === "rejected") {
      expect((await approver.post(`${path}/reject`, { reason: "Không đúng đối tượng" })).status).toBe(200);
      return null;
    }
    const approved = await approver.post(`${path}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    if (outcome === "voided") {
      expect((await keeper.post(`${path}/void`, { reason: "Người nhận đã chuyển đi" })).status).toBe(200);
      return null;
    }
    const paid = await payer.post(`${path}/pay`, { paidOn: on });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const student = beneficiaryKind === "student";
    const transactionId = paid.body.disbursement.transactionId as number;
    post({
      fund: f,
      on,
      moved: -amount,
      counts: "disbursed",
      pupils: student ? 1 : 0,
      pupilAmount: student ? amount : 0,
      transactionId,
    });
    return transactionId;
  }

  async function reverse(f: Fund, transactionId: number, on: string) {
    const reversed = await keeper.post(`/api/v1/funds/${f.id}/transactions/${transactionId}/reverse`, {
      postedOn: on,
      reason: "Ghi nhầm",
    });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201);
    const original = postings.find((p) => p.transactionId === transactionId)!;
    post({
      ...original,
      on,
      moved: -original.moved,
      pupils: -original.pupils,
      pupilAmount: -original.pupilAmount,
      transactionId: reversed.body.transaction.id,
    });
  }

  async function transfer(f: Fund, on: string, amount: number) {
    const moved = await keeper.post(`/api/v1/funds/${f.id}/transfers`, {
      postedOn: on,
      fromAccountId: f.cash,
      toAccountId: f.bank,
      amount,
      description: "Nộp tiền mặt vào ngân hàng",
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    post({ fund: f, on, moved: 0, counts: "transfer", transactionId: moved.body.transaction.id });
  }

  /** An award round of four pupils and a teacher, paid from the cash box. */
  async function round(f: Fund, on: string) {
    const base = `/api/v1/funds/${f.id}/award-rounds`;
    const created = await keeper.post(base, {
      name: "Lễ trao học bổng năm học 2025–2026",
      schoolYear: "2025-2026",
      decisionNumber: "7/QĐ-HKH",
      decisionDate: on,
      purposeAccountId: f.purpose,
      assetAccountId: f.cash,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.awardRound.id;
    const list = [
      ["Phạm Minh Anh", "Học sinh", "2014", "Trường Tiểu học Xuân La", "500.000"],
      ["Vũ Thu Hà", "Học sinh", "2012", "Trường THCS Xuân La", "700.000"],
      ["Đặng Văn Nam", "Học sinh", "2013", "Trường THCS Xuân La", "700.000"],
      ["Bùi Ngọc Lan", "Học sinh", "2016", "Trường Tiểu học Xuân La", "500.000"],
      ["Hoàng Thị Mai", "Giáo viên", "1980", "Trường THCS Xuân La", "1.000.000"],
    ];
    const csv = `Họ và tên,Đối tượng,Năm sinh,Trường,Số tiền\n${list.map((r) => r.map((c) => `"${c}"`).join(",")).join("\n")}\n`;
    const form = new FormData();
    form.append("file", new File([csv], "hoc-bong.csv"));
    const imported = await keeper.request("POST", `${base}/${id}/recipients/import?dryRun=0`, form);
    expect(imported.body, JSON.stringify(imported.body)).toMatchObject({ created: 5, errors: [] });
    expect((await approver.post(`${base}/${id}/approve`)).status).toBe(200);
    const paid = await payer.post(`${base}/${id}/pay`, { paidOn: on });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    post({
      fund: f,
      on,
      moved: -3_400_000,
      counts: "disbursed",
      pupils: 4,
      pupilAmount: 2_400_000,
      transactionId: paid.body.awardRound.transactionId,
    });
  }

  /** What the model says for the funds that pass `where`, in a year. */
  function model(where: (f: Fund) => boolean, year: number): FundFigures {
    const amounts = (only: (p: Posting) => boolean): FundAmounts => {
      const of = postings.filter((p) => where(p.fund) && only(p));
      const inYear = of.filter((p) => p.on.startsWith(`${year}-`));
      const sum = (list: Posting[], value: (p: Posting) => number) => list.reduce((s, p) => s + value(p), 0);
      return {
        raised: String(
          sum(
            inYear.filter((p) => p.counts === "raised"),
            (p) => p.moved,
          ),
        ),
        raisedInKind: String(
          sum(
            inYear.filter((p) => p.counts === "raised" && p.inKind),
            (p) => p.moved,
          ),
        ),
        disbursed: String(
          -sum(
            inYear.filter((p) => p.counts === "disbursed"),
            (p) => p.moved,
          ),
        ),
        scholarships: sum(inYear, (p) => p.pupils),
        scholarshipAmount: String(sum(inYear, (p) => p.pupilAmount)),
        balance: String(
          sum(
            of.filter((p) => p.on <= `${year}-12-31`),
            (p) => p.moved,
          ),
        ),
      };
    };
    return {
      ...amounts(() => true),
      byOwnerKind: Object.fromEntries(owners.map((k) => [k, amounts((p) => p.fund.kind === k)])) as Record<
        FundOwnerKind,
        FundAmounts
      >,
    };
  }

  /** The same figures recounted straight from the ledger (entries, transactions, accounts), not the counters. */
  async function recount(communeId: number, year: number) {
    const { rows } = await sql<{ raised: string; in_kind: string; disbursed: string; balance: string }>`
      SELECT
        coalesce(sum(CASE WHEN coalesce(o.kind, t.kind) = 'receipt' AND e.posted_on >= make_date(${year}, 1, 1)
          AND e.posted_on <= make_date(${year}, 12, 31) THEN d.moved END), 0)::text AS raised,
        coalesce(sum(CASE WHEN coalesce(o.kind, t.kind) = 'receipt' AND a.kind = 'in_kind'
          AND e.posted_on >= make_date(${year}, 1, 1) AND e.posted_on <= make_date(${year}, 12, 31)
          THEN d.moved END), 0)::text AS in_kind,
        coalesce(-sum(CASE WHEN coalesce(o.kind, t.kind) = 'disbursement'
          AND e.posted_on >= make_date(${year}, 1, 1) AND e.posted_on <= make_date(${year}, 12, 31)
          THEN d.moved END), 0)::text AS disbursed,
        coalesce(sum(CASE WHEN e.posted_on <= make_date(${year}, 12, 31) THEN d.moved END), 0)::text AS balance
      FROM fund_entries e
      JOIN fund_accounts a ON a.commune_id = e.commune_id AND a.id = e.account_id AND a.class = 'asset'
      JOIN fund_transactions t ON t.commune_id = e.commune_id AND t.id = e.transaction_id
      LEFT JOIN fund_transactions o ON o.commune_id = t.commune_id AND o.id = t.reverses_id
      CROSS JOIN LATERAL (SELECT CASE e.side WHEN 'debit' THEN e.amount ELSE -e.amount END AS moved) d
      WHERE e.commune_id = ${communeId}`.execute(t.db);
    const pupils = await sql<{ n: number; amount: string }>`
      WITH paid AS (
        SELECT d.commune_id, d.transaction_id, 1 AS n, d.amount FROM fund_disbursements d
        WHERE d.beneficiary_kind = 'student' AND d.transaction_id IS NOT NULL
        UNION ALL
        SELECT r.commune_id, r.transaction_id, count(*)::int, sum(x.amount) FROM fund_award_rounds r
        JOIN fund_award_recipients x ON x.commune_id = r.commune_id AND x.round_id = r.id AND x.kind = 'student'
        WHERE r.transaction_id IS NOT NULL GROUP BY 1, 2
      )
      SELECT coalesce(sum(CASE WHEN t.reverses_id IS NULL THEN p.n ELSE -p.n END), 0)::int AS n,
        coalesce(sum(CASE WHEN t.reverses_id IS NULL THEN p.amount ELSE -p.amount END), 0)::text AS amount
      FROM fund_transactions t JOIN paid p ON p.commune_id = t.commune_id
        AND p.transaction_id = coalesce(t.reverses_id, t.id)
      WHERE t.commune_id = ${communeId} AND extract(year FROM t.posted_on) = ${year}`.execute(t.db);
    const r = rows[0]!;
    const s = pupils.rows[0]!;
    return {
      raised: r.raised,
      raisedInKind: r.in_kind,
      disbursed: r.disbursed,
      scholarships: Number(s.n),
      scholarshipAmount: s.amount,
      balance: r.balance,
    };
  }

  const only = (figures: FundFigures): FundAmounts => {
    const { byOwnerKind: _, ...rest } = figures;
    return rest;
  };

  it("counts three years of six funds as the model and the ledger say", async () => {
    const clan = await hanoi.post("/api/v1/clans", {
      communeId: tayho,
      name: "Họ Nguyễn Đình",
      headName: "Nguyễn Đình Hải",
    });
    expect(clan.status, JSON.stringify(clan.body)).toBe(201);
    const schools = [];
    for (const name of ["Trường Tiểu học Ba Đình", "Trường THCS Ba Đình"]) {
      const school = await hanoi.post("/api/v1/organizations", { unitId: badinh, name, kind: "school" });
      expect(school.status, JSON.stringify(school.body)).toBe(201);
      schools.push(school.body.organization.id as number);
    }
    const hoi = await fund(tayho, "Quỹ Khuyến học phường Tây Hồ", "association");
    const ho = await fund(tayho, "Quỹ khuyến học họ Nguyễn Đình", "clan", clan.body.clan.id);
    const truong = await fund(badinh, "Quỹ khuyến học Trường Tiểu học Ba Đình", "school", schools[0]);
    const truong2 = await fund(badinh, "Quỹ khuyến học Trường THCS Ba Đình", "school", schools[1]);
    const chiHoi = await fund(badinh, "Quỹ chi hội tổ dân phố số 1", "chapter");
    const thanhPho = await fund(province, "Quỹ Khuyến học Thành phố Hà Nội", "association");

    // 2024
    await receipt(hoi, "2024-01-20", 12_000_000);
    await receipt(ho, "2024-02-10", 5_000_000);
    await receipt(truong, "2024-03-05", 8_000_000);
    await receipt(truong, "2024-03-06", 1_500_000, true);
    await receipt(thanhPho, "2024-04-01", 50_000_000);
    await disbursement(hoi, "2024-06-01", 2_000_000, "student");
    await disbursement(hoi, "2024-06-02", 1_000_000, "teacher");
    await disbursement(truong, "2024-09-05", 3_000_000, "student", "rejected");
    await transfer(hoi, "2024-12-28", 5_000_000);
    // 2025: a receipt typed wrong and reversed the same day, an award round, a pupil paid then reversed in 2026.
    const wrong = await receipt(hoi, "2025-01-15", 90_000_000);
    await reverse(hoi, wrong, "2025-01-15");
    await receipt(hoi, "2025-01-15", 9_000_000);
    await receipt(chiHoi, "2025-02-01", 3_000_000);
    await receipt(truong2, "2025-02-02", 4_000_000);
    await disbursement(chiHoi, "2025-05-10", 1_000_000, "family");
    await round(hoi, "2025-09-05");
    const paidTwice = await disbursement(truong, "2025-10-01", 1_200_000, "student");
    await disbursement(truong2, "2025-10-02", 800_000, "student", "voided");
    await disbursement(thanhPho, "2025-11-20", 10_000_000, "student");
    // 2026
    await reverse(truong, paidTwice!, "2026-01-10");
    await receipt(ho, "2026-02-01", 2_000_000, true);
    await disbursement(ho, "2026-03-01", 1_500_000, "student");
    // Parallel receipts into the two school funds of Ba Đình (the same per-commune counters).
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        keeper.post(`/api/v1/funds/${(i % 2 ? truong : truong2).id}/receipts`, {
          receivedOn: "2026-04-01",
          donorName: `Phụ huynh ${i + 1}`,
          donorKind: "person",
          reason: "Ủng hộ",
          amount: 100_000 * (i + 1),
          assetAccountId: (i % 2 ? truong : truong2).cash,
          purposeAccountId: (i % 2 ? truong : truong2).purpose,
        }),
      ),
    );
    for (const [i, r] of burst.entries()) {
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      post({
        fund: i % 2 ? truong : truong2,
        on: "2026-04-01",
        moved: 100_000 * (i + 1),
        counts: "raised",
        transactionId: r.body.receipt.transactionId,
      });
    }

    const inProvince = (f: Fund) => f.unit === province || f.unit === tayho || f.unit === badinh;
    for (const year of years) {
      // Each ward: the model, the recount of its ledger, its funds listed one by one.
      for (const ward of [tayho, badinh]) {
        const rollup = await hanoi.get(`/api/v1/stats/fund?unitId=${ward}&year=${year}`);
        expect(rollup.status, JSON.stringify(rollup.body)).toBe(200);
        expect(rollup.body.figures, `ward ${ward}, ${year}`).toEqual(model((f) => f.unit === ward, year));
        expect(only(rollup.body.figures), `ward ${ward}, ${year}: recount`).toEqual(
          await recount(ward, year),
        );
        expect(rollup.body.children).toEqual([]);
        for (const listed of rollup.body.funds) {
          const f = [hoi, ho, truong, truong2, chiHoi].find((x) => x.id === listed.fund.id)!;
          expect(listed.figures, `fund ${listed.fund.name}, ${year}`).toEqual(
            only(model((x) => x === f, year)),
          );
        }
      }
      // The province: its wards (Tây Hồ and Ba Đình with figures, the others zero) and its own fund.
      const above = await hanoi.get(`/api/v1/stats/fund?unitId=${province}&year=${year}`);
      expect(above.status).toBe(200);
      expect(above.body.figures, `province ${year}`).toEqual(model(inProvince, year));
      // The 2025 wards are the city's children from 01/07/2025 on; before, what their funds posted is in the city's
      // own row with the city's fund (as for the Hội's counters).
      const wards = year >= 2025 ? [tayho, badinh] : [];
      for (const ward of wards) {
        const row = above.body.children.find((c: { unit: { id: number } }) => c.unit.id === ward);
        expect(row.figures, `ward ${ward} in the province, ${year}`).toEqual(
          model((f) => f.unit === ward, year),
        );
      }
      const own = (f: Fund) => f.unit === province || !wards.includes(f.unit);
      expect(above.body.own, `the city's own row, ${year}`).toEqual(model(own, year));
      expect(above.body.funds.map((f: { fund: { id: number } }) => f.fund.id)).toEqual([thanhPho.id]);
      expect(above.body.funds[0].figures).toEqual(only(model((f) => f === thanhPho, year)));
      expect(only(model((f) => f === thanhPho, year))).toEqual(await recount(province, year));
      // The province's figure is the sum of its rows, as BigInt.
      const sum = (key: "raised" | "disbursed" | "balance" | "scholarshipAmount") =>
        String(
          [...above.body.children.map((c: { figures: FundFigures }) => c.figures), above.body.own].reduce(
            (s: bigint, f: FundFigures) => s + BigInt(f[key]),
            0n,
          ),
        );
      for (const key of ["raised", "disbursed", "balance", "scholarshipAmount"] as const)
        expect(sum(key), `${key}, ${year}`).toBe(above.body.figures[key]);
    }
    // Spot checks of the model itself (so that a wrong model cannot agree with a wrong counter).
    const tayho2025 = model((f) => f.unit === tayho, 2025);
    expect(tayho2025).toMatchObject({ raised: "9000000", disbursed: "3400000", scholarships: 4 });
    expect(tayho2025.balance).toBe(String(17_000_000 - 3_000_000 + 9_000_000 - 3_400_000));
    const badinh2026 = model((f) => f.unit === badinh, 2026);
    expect(badinh2026).toMatchObject({
      disbursed: "-1200000",
      scholarships: -1,
      scholarshipAmount: "-1200000",
    });
    expect(model((f) => f.unit === badinh, 2024)).toMatchObject({
      raised: "9500000",
      raisedInKind: "1500000",
    });

    // The series of the province over the three years.
    const series = await hanoi.get(`/api/v1/stats/fund/series?unitId=${province}&from=2024&to=2026`);
    expect(series.status).toBe(200);
    for (const point of series.body.points)
      expect(point.figures, `series ${point.year}`).toEqual(model(inProvince, point.year));

    // The nation, for the system administrator only.
    expect((await hanoi.get("/api/v1/stats/fund?year=2026")).status).toBe(404);
    const nation = (await (await t.as("quantri")).get("/api/v1/stats/fund?year=2026")).body;
    const hanoiRow = nation.children.find((c: { unit: { id: number } }) => c.unit.id === province);
    expect(hanoiRow.figures).toEqual(model(inProvince, 2026));

    // A ward officer sees their ward, not the other nor the city.
    const officer = await t.as("tayho");
    expect((await officer.get(`/api/v1/stats/fund?unitId=${tayho}&year=2025`)).status).toBe(200);
    expect((await officer.get(`/api/v1/stats/fund?unitId=${badinh}&year=2025`)).status).toBe(404);
    expect((await officer.get(`/api/v1/stats/fund?unitId=${province}&year=2025`)).status).toBe(404);
    expect((await t.anonymous().get(`/api/v1/stats/fund?unitId=${tayho}&year=2025`)).status).toBe(401);

    // CSV (BOM, ";", CRLF) and XLSX of the province: the total rows are the figures.
    const figures = model(inProvince, 2025);
    const csv = await hanoi.get(`/api/v1/stats/fund.csv?unitId=${province}&year=2025`);
    expect(csv.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body);
    expect(
      text.startsWith("\uFEFFĐơn vị;Thu trong năm (đồng);Trong đó hiện vật (đồng);Chi trong năm (đồng)"),
    ).toBe(true);
    const lines = text.split("\r\n");
    expect(lines[0]).toContain(";Quỹ dòng họ: Thu trong năm (đồng);");
    expect(lines.at(-1)).toBe("");
    const totalLine = lines.at(-2)!.split(";");
    expect(totalLine.slice(0, 7)).toEqual([
      "Tổng cộng",
      figures.raised,
      figures.raisedInKind,
      figures.disbursed,
      String(figures.scholarships),
      figures.scholarshipAmount,
      figures.balance,
    ]);
    expect(lines.some((l) => l.startsWith("Thành phố Hà Nội (cấp tỉnh);"))).toBe(true);
    const xlsx = await hanoi.get(`/api/v1/stats/fund.xlsx?unitId=${province}&year=2025`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const values: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => values.push([2, 3, 5, 6, 7, 8].map((i) => row.getCell(i).text)));
    expect(values.at(-1)).toEqual([
      "Tổng cộng",
      figures.raised,
      figures.disbursed,
      String(figures.scholarships),
      figures.scholarshipAmount,
      figures.balance,
    ]);
    // A ward's workbook lists its funds.
    const wardBook = new ExcelJS.Workbook();
    await wardBook.xlsx.load((await hanoi.get(`/api/v1/stats/fund.xlsx?unitId=${badinh}&year=2025`)).body);
    const labels: string[] = [];
    wardBook.worksheets[0]!.eachRow((row) => labels.push(row.getCell(2).text));
    expect(labels).toEqual(
      expect.arrayContaining(["Quỹ chi hội tổ dân phố số 1 (Chi hội Khuyến học tổ dân phố số 1)"]),
    );

    // The counters agree with the recount; an altered one is found and named, and rebuild mends it.
    expect((await verifyCounters(t.db)).differences).toEqual([]);
    await sql`UPDATE fund_counters SET amount = amount + 1 WHERE commune_id = ${tayho} AND fund_id = ${hoi.id}
      AND year = 2025 AND metric = 'raised'`.execute(t.db);
    await sql`UPDATE fund_commune_counters SET count = count - 1 WHERE commune_id = ${province}
      AND year = 2025 AND metric = 'scholarships'`.execute(t.db);
    const found = (await verifyCounters(t.db)).differences;
    expect(found).toEqual([
      expect.objectContaining({
        communeId: tayho,
        year: 2025,
        title: "fund",
        measure: `fund:${hoi.id}:raised.amount`,
        stored: "9000001",
        expected: "9000000",
      }),
      expect.objectContaining({
        communeId: province,
        year: 2025,
        title: "fund",
        measure: "commune:association:scholarships.count",
        stored: "0",
        expected: "1",
      }),
    ]);
    await rebuildCounters(t.db, { unitCode: "01" });
    expect((await verifyCounters(t.db)).differences).toEqual([]);
    const again = await hanoi.get(`/api/v1/stats/fund?unitId=${province}&year=2025`);
    expect(again.body.figures).toEqual(figures);
  });
});
