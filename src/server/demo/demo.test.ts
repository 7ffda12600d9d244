/**
 * The lived-in demo: years of registrations, score sheets, meetings, decisions and certificates in the demo wards,
 * made through the product's services as the demo users, following the calendar. Loaded once per engine, on
 * 30 November of the current year (late in the cycle: most groups decided, the last one still at work).
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../test/helpers/api";
import { describeEachEngine, freshDatabase } from "../../../test/helpers/db";
import { minorIn } from "../../shared/fund-disbursement";
import { createApp } from "../app";
import { readConfig } from "../config";
import type { Connection } from "../db/connection";
import { verifyFunds } from "../modules/fund/verify";
import { verifyCounters } from "../modules/stats/stats.service";
import { todayIso } from "../registry/rules";
import { demoPassword, loadDemo } from "./demo";
import { demoFundName } from "./demo-fund";
import { firstDemoYear } from "./demo-plan";

const year = new Date().getFullYear();
const today = `${year}-11-30`;
/** The services refuse dates after the real today: the Hội stops there when it comes before the demo's today. */
const hoiUntil = [today, todayIso()].sort()[0]!;

describeEachEngine("lived-in demo", (engine) => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  const lines: string[] = [];
  const as = (username: string) => new ApiClient(app).login(username, demoPassword);
  const ward = async (code: string, old = false) =>
    Number(
      (
        await connection.db
          .selectFrom("admin_units")
          .select("id")
          .where("level", "=", "commune")
          .where("code", "=", code)
          .where("valid_to", old ? "is not" : "is", null)
          .executeTakeFirstOrThrow()
      ).id,
    );

  beforeAll(async () => {
    connection = await freshDatabase(engine);
    const loaded = await loadDemo(connection.db, {
      ifEmpty: true,
      history: true,
      pool: connection.pool,
      today,
      log: (line) => lines.push(line),
    });
    expect(loaded).toBe(true);
    app = createApp(connection.db, { ...readConfig({}), logLevel: "silent" });
  }, 600_000);
  afterAll(() => connection.close());

  it("prints a progress line per ward and year, and one for the Hội", () => {
    for (let y = firstDemoYear; y <= year; y++)
      expect(lines.some((l) => l.includes(`Phường Tây Hồ ${y}:`))).toBe(true);
    expect(lines.filter((l) => l.includes("Hội Khuyến học:"))).toHaveLength(1);
  });

  it("submits last year's annual reports of the demo wards; Hà Nội accepted Tây Hồ's", async () => {
    expect(lines.filter((l) => l.startsWith("Báo cáo năm"))).toHaveLength(1);
    const hanoi = await as("hanoi");
    const province = Number(
      (
        await connection.db
          .selectFrom("admin_units")
          .select("id")
          .where("level", "=", "province")
          .where("code", "=", "01")
          .where("valid_to", "is", null)
          .executeTakeFirstOrThrow()
      ).id,
    );
    const status = await hanoi.get(
      `/api/v1/report-status?unitId=${province}&level=commune&kind=year&from=${year - 1}-01-01&to=${year - 1}-12-31`,
    );
    expect(status.status).toBe(200);
    const tayhoId = await ward("00103");
    const tayho = status.body.units.find((u: any) => u.unitId === tayhoId);
    expect(tayho).toMatchObject({ status: "accepted", version: 1 });
    const docx = await hanoi.get(`/api/v1/reports/${tayho.reportId}/document.docx`);
    expect(docx.status).toBe(200);
  });

  it("records commendations in the wards through the service and proposes by the wards' rules", async () => {
    expect(lines.filter((l) => l.includes("Khen thưởng:"))).toHaveLength(1);
    const officer = await as("tayho");
    const tayho = await ward("00103");
    const listed = (await officer.get(`/api/v1/commendations?unitId=${tayho}`)).body.commendations as any[];
    expect(new Set(listed.map((c) => c.subject?.kind))).toEqual(
      new Set(["household", "clan", "member", "centre"]),
    );
    expect(listed.filter((c) => c.form === "commune_commendation").length).toBeGreaterThanOrEqual(2);
    // The dashboard's "Khen thưởng" counts them (counters of migration 0033), year by year.
    const latest = Math.max(...listed.map((c) => c.year));
    const figures = (await officer.get(`/api/v1/stats/commendations?unitId=${tayho}&year=${latest}`)).body
      .figures;
    expect(figures.total).toBe(listed.filter((c) => c.year === latest).length);
    const audit = await connection.db
      .selectFrom("audit_log")
      .select("actor_name")
      .where("entity", "=", "commendation")
      .execute();
    expect(audit.length).toBe(
      await connection.db
        .selectFrom("commendations")
        .select("id")
        .execute()
        .then((r) => r.length),
    );
    // The Hội's rule (five years) has candidates from 2026; the three-year rule its first ones in 2027.
    const proposals = (
      await (await as("hkh.tayho")).get(`/api/v1/units/${tayho}/commendation-proposals?year=${year}`)
    ).body;
    expect(proposals.rules.map((r: any) => r.kind)).toEqual(["consecutive_title", "membership_years"]);
    expect(proposals.candidates.length).toBeGreaterThan(0);
    expect(proposals.candidates.every((c: any) => /^Hội viên Hội Khuyến học \d+ năm/.test(c.reason))).toBe(
      true,
    );
  });

  it("gives each demo ward's centre a year of classes and talks with sessions, some with named learners", async () => {
    for (const code of ["00103", "07069"]) {
      const id = await ward(code);
      const centre = await connection.db
        .selectFrom("learning_centres")
        .select("id")
        .where("commune_id", "=", id)
        .where("code", "=", "01")
        .executeTakeFirst();
      expect(centre, code).toBeDefined();
      const activities = await connection.db
        .selectFrom("centre_activities")
        .select(["id", "attendance_mode", "topic", "starts_on"])
        .where("commune_id", "=", id)
        .execute();
      expect(activities.length, code).toBeGreaterThanOrEqual(8);
      expect(new Set(activities.map((a) => a.topic)).size).toBeGreaterThanOrEqual(5);
      expect(activities.some((a) => a.attendance_mode === "named")).toBe(true);
      expect(activities.some((a) => a.starts_on.startsWith(String(year)))).toBe(true);
      const marks = await connection.db
        .selectFrom("attendance_marks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("commune_id", "=", id)
        .executeTakeFirstOrThrow();
      expect(Number(marks.n), code).toBeGreaterThan(0);
    }
    const teacher = await as("giaovien.tayho");
    const stats = await teacher.get(`/api/v1/stats/centres?unitId=${await ward("00103")}&year=${year}`);
    expect(stats.body.figures.centres).toBeGreaterThanOrEqual(1);
    expect(stats.body.figures.sessions).toBeGreaterThan(0);
    expect(stats.body.figures.attendees).toBeGreaterThan(stats.body.figures.women);
    expect(lines.filter((l) => / lớp, chuyên đề; \d+ buổi, \d+ lượt người$/.test(l))).toHaveLength(2);
  });

  it("prints one progress line for Tây Hồ's fund", () => {
    expect(lines.filter((l) => l.includes(`${demoFundName}:`))).toHaveLength(1);
  });

  /** The fund's published years, in order. */
  const disclosures = (fundId: number) =>
    connection.db
      .selectFrom("fund_disclosures")
      .select(["year", "snapshot"])
      .where("fund_id", "=", fundId)
      .orderBy("year")
      .execute();
  const demoFund = () =>
    connection.db
      .selectFrom("funds")
      .select(["id", "commune_id"])
      .where("name", "=", demoFundName)
      .executeTakeFirstOrThrow();

  it("keeps Tây Hồ's fund since 2021 in a ledger that verifies, assets equal to purposes", async () => {
    const fund = await demoFund();
    const result = await verifyFunds(connection.db, { fundId: fund.id });
    expect(result.broken).toBeNull();
    expect(result.transactions).toBeGreaterThan(80);
    const treasurer = await as("thuquy.tayho");
    const detail = (await treasurer.get(`/api/v1/funds/${fund.id}`)).body.fund as {
      accounts: { class: string; kind: string; balance: number }[];
      closedYears: { year: number }[];
    };
    const total = (c: string) =>
      detail.accounts.filter((a) => a.class === c).reduce((sum, a) => sum + a.balance, 0);
    expect(total("asset")).toBeGreaterThan(0);
    expect(total("asset")).toBe(total("purpose"));
    expect(detail.accounts.map((a) => a.kind).sort()).toEqual(["bank", "cash", "restricted", "unrestricted"]);
    expect(detail.closedYears.map((y) => y.year)).toEqual(
      Array.from({ length: year - firstDemoYear }, (_, i) => firstDemoYear + i),
    );
    // Today's work: this school year's first-term prizes wait on the approver's to-do list.
    const todo = (await (await as("tayho.duyet")).get(`/api/v1/todo?year=${year}`)).body.items as any[];
    const waiting = todo.filter((i) => i.fund?.id === fund.id && i.step === "fund_approve");
    expect(waiting.map((i) => i.fund.waiting)).toContainEqual({ disbursements: 0, rounds: 1 });
  });

  it("never takes an account of the fund below zero, and spends the scholarship money on scholarships", async () => {
    const { rows } = await sql<{ kind: string; low: number; debits: number }>`
      SELECT kind, min(running)::float8 AS low, count(*) FILTER (WHERE side = 'debit')::int AS debits FROM (
        SELECT a.kind, e.side, sum(CASE WHEN (a.class = 'asset') = (e.side = 'debit') THEN e.amount ELSE -e.amount END)
          OVER (PARTITION BY a.id ORDER BY t.seq, e.id) AS running
        FROM fund_entries e
        JOIN fund_accounts a ON a.commune_id = e.commune_id AND a.id = e.account_id
        JOIN fund_transactions t ON t.commune_id = e.commune_id AND t.id = e.transaction_id
        WHERE a.fund_id = ${(await demoFund()).id}) x
      GROUP BY kind ORDER BY kind`.execute(connection.db);
    expect(rows.map((r) => r.kind)).toEqual(["bank", "cash", "restricted", "unrestricted"]);
    for (const r of rows) expect(r.low, r.kind).toBeGreaterThanOrEqual(0);
    const restricted = rows.find((r) => r.kind === "restricted")!;
    // Three scholarships a year (the reversed receipt was a gift to the general purpose).
    expect(restricted.debits).toBeGreaterThanOrEqual(3 * (year - firstDemoYear + 1));
  });

  it("publishes last year's accounts to the public, naming no minor; this year's are not out yet", async () => {
    const fund = await demoFund();
    const visitor = new ApiClient(app);
    const response = await visitor.get(`/api/v1/public/funds/${fund.id}/disclosures/${year - 1}`);
    expect(response.status).toBe(200);
    const disclosure = response.body.disclosure as {
      income: number;
      spending: number;
      receiptsByDonor: { donor: string }[];
      disbursements: { recipient: string; school: string | null; class: string | null }[];
    };
    expect(disclosure.income).toBeGreaterThan(0);
    expect(disclosure.spending).toBeGreaterThan(0);
    expect(disclosure.receiptsByDonor.map((r) => r.donor)).toContain("Nhà hảo tâm ẩn danh");
    // The families consented to be named (demo-consent.ts): persons other than the anonymous line appear.
    const families = await connection.db
      .selectFrom("consents")
      .select("subject_id")
      .where("purpose", "=", "public_disclosure_name")
      .execute();
    expect(families.length).toBeGreaterThan(0);
    expect(disclosure.receiptsByDonor.length).toBeGreaterThan(2);
    // The Hội's scholarship ceremony of that school year: one round, thirty pupils, paid once.
    expect(response.body.disclosure.awardRounds).toEqual([
      expect.objectContaining({ name: `Lễ trao học bổng năm học ${year - 1}–${year}`, recipients: 30 }),
    ]);
    const pupils = disclosure.disbursements.filter((d) => d.class !== null);
    expect(pupils.length).toBeGreaterThan(0);
    for (const p of pupils) expect(p.recipient).toMatch(/^(\p{Lu}\.)+$/u);
    const hidden = await connection.db
      .selectFrom("fund_disbursements")
      .select("beneficiary_name as name")
      .where("fund_id", "=", fund.id)
      .where("beneficiary_minor", "=", true)
      .union(
        connection.db
          .selectFrom("fund_award_recipients")
          .select("full_name as name")
          .where("fund_id", "=", fund.id)
          .where("minor", "=", true),
      )
      .union(
        connection.db
          .selectFrom("fund_receipts")
          .select("donor_name as name")
          .where("fund_id", "=", fund.id)
          .where("anonymous", "=", true),
      )
      .execute();
    expect(hidden.length).toBeGreaterThan(5);
    const published = await disclosures(fund.id);
    expect(published.map((p) => p.year)).toEqual(
      Array.from({ length: year - firstDemoYear }, (_, i) => firstDemoYear + i),
    );
    for (const text of [JSON.stringify(response.body), ...published.map((p) => JSON.stringify(p.snapshot))])
      for (const { name } of hidden) expect(text).not.toContain(name);
    expect((await visitor.get(`/api/v1/public/funds/${fund.id}/disclosures/${year}`)).status).toBe(404);
  });

  it("shows the fund on the dashboard: each published year's statistics are its disclosure's thu – chi – tồn", async () => {
    const fund = await demoFund();
    const officer = await as("tayho");
    const published = await disclosures(fund.id);
    expect(published.length).toBeGreaterThan(0);
    for (const { year: y, snapshot } of published) {
      const { income, spending, closingBalance } = snapshot as {
        income: number;
        spending: number;
        closingBalance: number;
      };
      const stats = await officer.get(`/api/v1/stats/fund?unitId=${fund.commune_id}&year=${y}`);
      expect(stats.status).toBe(200);
      expect(stats.body.figures, `${y}`).toMatchObject({
        raised: String(income),
        disbursed: String(spending),
        balance: String(closingBalance),
      });
      expect(stats.body.figures.byOwnerKind.association.balance).toBe(String(closingBalance));
      expect(stats.body.funds).toEqual([
        expect.objectContaining({ fund: expect.objectContaining({ id: fund.id }) }),
      ]);
    }
    // The last full year had the ceremony: thirty pupils of the round and the scholarships of the year.
    const last = (await officer.get(`/api/v1/stats/fund?unitId=${fund.commune_id}&year=${year - 1}`)).body;
    expect(last.figures.scholarships).toBeGreaterThan(30);
    expect(BigInt(last.figures.scholarshipAmount)).toBeGreaterThan(0n);
    const now = (await officer.get(`/api/v1/stats/fund?unitId=${fund.commune_id}&year=${year}`)).body;
    expect(BigInt(now.figures.balance)).toBeGreaterThan(0n);
  });

  it("dates nothing of the fund after today", async () => {
    const { rows } = await sql<{ latest: string }>`
      SELECT max(d)::text AS latest FROM (
        SELECT max(posted_on) AS d FROM fund_transactions UNION ALL SELECT max(received_on) FROM fund_receipts
        UNION ALL SELECT max(paid_on) FROM fund_disbursements UNION ALL SELECT max(posted_on) FROM fund_entries
        UNION ALL SELECT make_date(max(year), 12, 31) FROM fund_periods
        UNION ALL SELECT make_date(max(year), 12, 31) FROM fund_disclosures) x`.execute(connection.db);
    expect(rows[0]!.latest <= today).toBe(true);
    expect(rows[0]!.latest >= `${year}-06-01`).toBe(true);
  });

  it("records every write to the fund in the audit log, under the people who keep it", async () => {
    const { rows } = await sql<{ action: string; actor: string; n: number }>`
      SELECT action, actor_name AS actor, count(*)::int AS n FROM audit_log
      WHERE action LIKE 'fund.%' OR entity IN ('donor', 'beneficiary')
      GROUP BY action, actor_name ORDER BY action`.execute(connection.db);
    const by = (action: string) => rows.filter((r) => r.action === action);
    const count = async (
      table: "fund_receipts" | "fund_disbursements" | "fund_donors" | "fund_beneficiaries",
    ) =>
      Number(
        (
          await connection.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const treasurer = "Thủ quỹ Hội Khuyến học phường Tây Hồ";
    const approver = "Phó Chủ tịch UBND phường Tây Hồ";
    expect(by("create")).toEqual([
      {
        action: "create",
        actor: "Cán bộ phường Tây Hồ",
        n: (await count("fund_donors")) + (await count("fund_beneficiaries")),
      },
    ]);
    expect(by("fund.create")).toEqual([{ action: "fund.create", actor: treasurer, n: 1 }]);
    expect(by("fund.receipt")).toEqual([
      { action: "fund.receipt", actor: treasurer, n: await count("fund_receipts") },
    ]);
    expect(by("fund.reverse")).toEqual([{ action: "fund.reverse", actor: treasurer, n: 1 }]);
    expect(by("fund.transfer")[0]?.actor).toBe(treasurer);
    expect(by("fund.disbursement.propose")).toEqual([
      {
        action: "fund.disbursement.propose",
        actor: "Kế toán Hội Khuyến học phường Tây Hồ",
        n: await count("fund_disbursements"),
      },
    ]);
    const pending = await connection.db
      .selectFrom("fund_disbursements")
      .select("state")
      .where("state", "<>", "paid")
      .execute();
    expect(pending.map((p) => p.state)).toEqual(["proposed"]);
    const paid = (await count("fund_disbursements")) - 1;
    expect(by("fund.disbursement.approve")).toEqual([
      { action: "fund.disbursement.approve", actor: approver, n: paid },
    ]);
    expect(by("fund.disbursement.pay")).toEqual([
      { action: "fund.disbursement.pay", actor: treasurer, n: paid },
    ]);
    expect(by("fund.close_year")).toEqual([
      { action: "fund.close_year", actor: treasurer, n: year - firstDemoYear },
    ]);
    expect(by("fund.disclosure.publish")).toEqual([
      { action: "fund.disclosure.publish", actor: approver, n: year - firstDemoYear },
    ]);
  });

  it("keeps a few dozen beneficiaries in Tây Hồ's list; proposals name some of them, copying the list", async () => {
    const list = await connection.db
      .selectFrom("fund_beneficiaries")
      .select(["kind", "household_id", "birth_year"])
      .where("commune_id", "=", await ward("00103"))
      .execute();
    expect(list.length).toBeGreaterThanOrEqual(24);
    expect(list.length).toBeLessThanOrEqual(60);
    expect(new Set(list.map((b) => b.kind))).toEqual(new Set(["student", "teacher"]));
    expect(list.filter((b) => b.household_id !== null).length).toBeGreaterThan(3);
    const { rows } = await sql<{
      same: boolean;
      minor: boolean;
      kind: string;
      birth_year: number | null;
      state: string;
    }>`
      SELECT (d.beneficiary_kind, d.beneficiary_name, d.beneficiary_school, d.beneficiary_class)
          IS NOT DISTINCT FROM (b.kind, b.full_name, b.school, b.class) AS same,
        d.beneficiary_minor AS minor, b.kind, b.birth_year, d.state
      FROM fund_disbursements d JOIN fund_beneficiaries b ON b.commune_id = d.commune_id AND b.id = d.beneficiary_id`.execute(
      connection.db,
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["student", "teacher"]));
    expect(rows.some((r) => r.state === "proposed")).toBe(true);
    for (const r of rows) {
      expect(r.same).toBe(true);
      expect(r.minor).toBe(minorIn(year, { kind: r.kind, birthYear: r.birth_year }));
    }
  });

  it("shows Tây Hồ's households recognised in every year from 2021, at 55–85 %, continuous across the reform", async () => {
    const tayho = await as("tayho");
    const id = await ward("00103");
    const response = await tayho.get(
      `/api/v1/stats/series?unitId=${id}&title=learning_family&from=${firstDemoYear}&to=${year}`,
    );
    expect(response.status).toBe(200);
    const points = response.body.points as {
      year: number;
      estimated: boolean;
      figures: { total: number; recognized: number; recognizedRate: number };
    }[];
    expect(points.map((p) => p.year)).toEqual(
      Array.from({ length: year - firstDemoYear + 1 }, (_, i) => firstDemoYear + i),
    );
    for (const p of points) {
      expect(p.figures.recognizedRate, `${p.year}`).toBeGreaterThanOrEqual(55);
      expect(p.figures.recognizedRate, `${p.year}`).toBeLessThanOrEqual(85);
      // Every old group came into Tây Hồ with its own succession: nothing is split or estimated.
      expect(p.estimated, `${p.year}`).toBe(false);
    }
    for (let i = 1; i < points.length; i++)
      expect(
        Math.abs(points[i]!.figures.recognizedRate - points[i - 1]!.figures.recognizedRate),
      ).toBeLessThan(15);
  });

  it("records the years before 2025 on the old wards, with decisions of their own", async () => {
    const buoi = await ward("00109", true);
    const xuanLa = await ward("00103", true);
    for (const commune of [buoi, xuanLa]) {
      const { rows } = await sql<{ year: number; recognized: number }>`
        SELECT year, count(*)::int AS recognized FROM registrations
        WHERE commune_id = ${commune} AND title = 'learning_family' AND status = 'recognized'
        GROUP BY year ORDER BY year`.execute(connection.db);
      expect(rows.map((r) => r.year)).toEqual([2021, 2022, 2023, 2024]);
    }
    const hanoi = await as("hanoi");
    // Seen in the units of 2023, Phường Bưởi has its own figures.
    const rollup = await hanoi.get(`/api/v1/stats/rollup?unitId=${buoi}&year=2023&date=2023-12-31`);
    expect(rollup.status).toBe(200);
    expect(rollup.body.titles[0].figures.recognized).toBeGreaterThan(0);
  });

  it("leaves the current year open: forms to score, meetings to hold and a decision to sign", async () => {
    const tayho = await as("tayho");
    const items = (await tayho.get(`/api/v1/todo?year=${year}`)).body.items as {
      step: string;
      count: number;
    }[];
    expect(items.length).toBeGreaterThan(0);
    const steps = new Set(items.map((i) => i.step));
    expect(steps).toContain("self_assessment");
    expect(steps).toContain("review");
    const reviewer = await as("tayho.duyet");
    const signing = (await reviewer.get(`/api/v1/todo?year=${year}`)).body.items as { step: string }[];
    expect(signing.map((i) => i.step)).toContain("issue");
  });

  it("gives every recognised record a certificate from a decision issued by someone other than its drafter", async () => {
    const { rows } = await sql<{ missing: number; recognized: number; self: number }>`
      SELECT count(*) FILTER (WHERE r.certificate_code IS NULL OR d.status <> 'issued')::int AS missing,
        count(*)::int AS recognized,
        count(*) FILTER (WHERE d.issued_by = d.created_by)::int AS self
      FROM registrations r JOIN decisions d ON d.commune_id = r.commune_id AND d.id = r.decision_id
      WHERE r.status = 'recognized' AND r.title <> 'centre_rating'`.execute(connection.db);
    expect(rows[0]!.recognized).toBeGreaterThan(200);
    expect(rows[0]!.missing).toBe(0);
    expect(rows[0]!.self).toBe(0);
    const recognized = await connection.db
      .selectFrom("registrations")
      .select("id")
      .where("status", "=", "recognized")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const pdf = await (await as("tayho")).get(`/api/v1/registrations/${recognized.id}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(pdf.body as ArrayBuffer)
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
  });

  it("rates each demo ward's centre 01 for last year: a grade, issued by another person, no certificate", async () => {
    const { rows } = await sql<{
      ward: string;
      code: string;
      grade: string;
      certificate: string | null;
      self: boolean;
    }>`
      SELECT w.code AS ward, c.code, r.grade, r.certificate_code AS certificate, d.issued_by = d.created_by AS self
      FROM registrations r JOIN learning_centres c ON c.commune_id = r.commune_id AND c.id = r.subject_id
      JOIN admin_units w ON w.id = r.commune_id
      JOIN decisions d ON d.commune_id = r.commune_id AND d.id = r.decision_id AND d.status = 'issued'
      WHERE r.title = 'centre_rating' AND r.status = 'recognized' AND r.year = ${year - 1}
      ORDER BY w.code`.execute(connection.db);
    expect(rows).toEqual([
      { ward: "00103", code: "01", grade: "good", certificate: null, self: false },
      { ward: "07069", code: "01", grade: "fair", certificate: null, self: false },
    ]);
    const table = (
      await (
        await as("tayho")
      ).get(`/api/v1/stats/rollup?unitId=${await ward("00103")}&year=${year - 1}&title=centre_rating`)
    ).body.titles[0];
    expect(table.figures.rating).toMatchObject({ rated: 1, good: 1 });
  });

  it("has Hà Nội's own date for its wards' annual report, and who is late computed from the demo's data", async () => {
    expect(lines.filter((l) => l.startsWith("Lịch hạn:"))).toHaveLength(1);
    const province = await as("hanoi");
    const tayho = await ward("00103");
    const calendar = (await province.get(`/api/v1/deadlines?unitId=${tayho}&year=${year}`)).body.deadlines;
    expect(calendar.find((d: any) => d.key === "annual_report" && d.level === "commune")).toMatchObject({
      due: `${year}-11-30`,
      source: "province",
    });
    const table = (await province.get(`/api/v1/deadlines/status?year=${year - 1}`)).body;
    const own = table.communes.find((c: any) => c.unit.id === tayho).cells;
    // Last year's dossier, decisions, fund disclosure and annual report (submitted, accepted) are all in the demo.
    for (const key of ["tt25_dossier", "recognition", "fund_disclosure", "annual_report"])
      expect(own[key].status, key).toBe("done");
    expect(own.annual_report.due).toBe(`${year - 1}-11-30`);
  });

  it("was done by the demo users, not behind their backs", async () => {
    const { rows } = await sql<{ actor: string | null; n: number }>`
      SELECT actor_name AS actor, count(*)::int AS n FROM audit_log
      WHERE entity IN ('registration', 'review', 'decision') GROUP BY actor_name ORDER BY actor_name`.execute(
      connection.db,
    );
    const actors = rows.map((r) => r.actor);
    expect(actors).toContain("Cán bộ phường Tây Hồ");
    expect(actors).toContain("Phó Chủ tịch UBND phường Tây Hồ");
    expect(actors).not.toContain("hieuhoc (dòng lệnh)");
  });

  it("records the household heads' sex through the import, so certificates say ông or bà", async () => {
    const { rows } = await sql<{ sex: string | null; n: number }>`
      SELECT head_sex AS sex, count(*)::int AS n FROM households WHERE commune_id = ${await ward("00103")}
      GROUP BY head_sex ORDER BY head_sex`.execute(connection.db);
    expect(rows.map((r) => r.sex)).toEqual(["female", "male"]);
  });

  it("gives each demo ward this year's needs survey and its centre's approved plan, with work done", async () => {
    for (const [code, username] of [
      ["00103", "tayho"],
      ["07069", "maokhe"],
    ] as const) {
      const client = await as(username);
      const id = await ward(code);
      const [survey] = (await client.get(`/api/v1/needs-surveys?unitId=${id}&year=${year}`)).body.surveys;
      expect(survey.responseCount, code).toBeGreaterThanOrEqual(30);
      expect(survey.responseCount, code).toBeLessThanOrEqual(60);
      const answers = (await client.get(`/api/v1/needs-surveys/${survey.id}/responses`)).body
        .responses as any[];
      expect(new Set(answers.map((a) => a.villageId)).size, code).toBeGreaterThan(1);
      expect(new Set(answers.map((a) => a.ageGroup)).size, code).toBeGreaterThanOrEqual(3);
      expect(answers.filter((a) => a.householdId || a.citizenId).length, code).toBeGreaterThan(
        answers.length / 2,
      );
      const centre = (await client.get(`/api/v1/centres?unitId=${id}&q=01`)).body.centres.find(
        (c: any) => c.code === "01",
      );
      const plan = (await client.get(`/api/v1/centres/${centre.id}/plans/${year}`)).body.plan;
      expect(plan.status, code).toBe("approved");
      expect(plan.items.length, code).toBeGreaterThan(0);
      expect(plan.items.every((i: any) => i.demand > 0)).toBe(true);
      const progress = (await client.get(`/api/v1/centres/${centre.id}/plans/${year}/progress`)).body;
      expect(progress.total.doneCount, code).toBeGreaterThan(0);
    }
  });

  describe("the Hội Khuyến học", () => {
    const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
      Number((await query.execute(connection.db)).rows[0]!.n);

    it("has chapters of every kind, each with its committee, and a few hundred members in Tây Hồ", async () => {
      const tayho = await ward("00103");
      const { rows: chapters } = await sql<{ id: number; kind: string; officers: string[] }>`
        SELECT c.id, c.kind, array_agg(o.post ORDER BY o.post) AS officers FROM chapters c
        JOIN chapter_officers o ON o.commune_id = c.commune_id AND o.chapter_id = c.id AND o.removed_at IS NULL
        WHERE c.commune_id = ${tayho} GROUP BY c.id, c.kind`.execute(connection.db);
      expect(new Set(chapters.map((c) => c.kind))).toEqual(
        new Set(["village", "clan", "school", "agency", "enterprise", "committee"]),
      );
      expect(await count(sql`SELECT count(*) AS n FROM chapters WHERE commune_id = ${tayho}`)).toBe(
        chapters.length,
      );
      for (const c of chapters)
        expect(c.officers, `${c.id}`).toEqual(expect.arrayContaining(["chair", "vice_chair"]));
      // Re-elected committees keep the former one as history.
      expect(
        await count(sql`SELECT count(*) AS n FROM chapter_officers WHERE commune_id = ${tayho}
          AND removed_at IS NOT NULL`),
      ).toBeGreaterThan(0);
      const { rows } = await sql<{ code: string; members: number; women: number; collective: number }>`
        SELECT u.code, count(*)::int AS members, count(*) FILTER (WHERE m.sex = 'female')::int AS women,
          count(*) FILTER (WHERE m.member_kind = 'collective')::int AS collective
        FROM members m JOIN admin_units u ON u.id = m.commune_id GROUP BY u.code`.execute(connection.db);
      const by = new Map(rows.map((r) => [r.code, r]));
      expect(by.get("00103")!.members).toBeGreaterThanOrEqual(200);
      expect(by.get("00103")!.members).toBeLessThanOrEqual(400);
      expect(by.get("00103")!.women / by.get("00103")!.members).toBeGreaterThan(0.3);
      expect(by.get("00103")!.women / by.get("00103")!.members).toBeLessThan(0.7);
      expect(by.get("00103")!.collective).toBeGreaterThanOrEqual(2);
      expect(by.get("07069")!.members).toBeGreaterThanOrEqual(20);
      expect(by.get("07069")!.members).toBeLessThan(by.get("00103")!.members);
      const { rows: book } = await sql<{ left: number; reasons: number; moved: number; households: number }>`
        SELECT count(*) FILTER (WHERE left_on IS NOT NULL)::int AS left,
          count(DISTINCT left_reason)::int AS reasons,
          count(*) FILTER (WHERE chapter_since IS NOT NULL)::int AS moved,
          count(*) FILTER (WHERE household_id IS NOT NULL)::int AS households
        FROM members WHERE commune_id = ${tayho}`.execute(connection.db);
      expect(book[0]!.left).toBeGreaterThan(0);
      expect(book[0]!.reasons).toBeGreaterThan(1);
      expect(book[0]!.moved).toBeGreaterThan(0);
      expect(book[0]!.households).toBeGreaterThan(0);
      // A transfer leaves two periods: the first chapter's closed on the transfer day.
      expect(
        await count(sql`SELECT count(*) AS n FROM members m WHERE m.chapter_since IS NOT NULL
          AND (SELECT count(*) FROM membership_periods p WHERE p.commune_id = m.commune_id
            AND p.member_id = m.id) = 2`),
      ).toBe(await count(sql`SELECT count(*) AS n FROM members WHERE chapter_since IS NOT NULL`));
      // Adults only, and joined from 2021.
      expect(
        await count(sql`SELECT count(*) AS n FROM members WHERE member_kind = 'individual'
          AND (birth_year IS NULL OR extract(year FROM joined_on) - birth_year < 18 OR joined_on < '2021-01-01')`),
      ).toBe(0);
    });

    it("dates nothing after the demo's today", async () => {
      const { rows } = await sql<{ latest: string }>`SELECT greatest(
          (SELECT max(greatest(joined_on, left_on, chapter_since)) FROM members),
          (SELECT max(founded_on) FROM chapters),
          (SELECT max(term_from) FROM chapter_officers),
          (SELECT max(valid_from) FROM membership_periods),
          (SELECT max(paid_on) FROM dues_payments))::text AS latest`.execute(connection.db);
      expect(rows[0]!.latest <= hoiUntil).toBe(true);
      expect(rows[0]!.latest >= `${year - 1}-01-01`).toBe(true);
    });

    it("records dues only for years the member belonged to the paying chapter, collected by its committee", async () => {
      expect(await count(sql`SELECT count(*) AS n FROM dues_payments`)).toBeGreaterThan(200);
      const stray = await count(sql`SELECT count(*) AS n FROM dues_payments d
        JOIN members m ON m.commune_id = d.commune_id AND m.id = d.member_id
        WHERE d.year < extract(year FROM m.joined_on) OR d.year > extract(year FROM m.left_on)
          OR d.paid_on < m.joined_on OR d.paid_on >= m.left_on OR extract(year FROM d.paid_on) <> d.year
          OR NOT EXISTS (SELECT 1 FROM membership_periods p WHERE p.commune_id = d.commune_id
            AND p.member_id = d.member_id AND p.chapter_id = d.chapter_id
            AND p.valid_from <= d.paid_on AND (p.valid_to IS NULL OR p.valid_to > d.paid_on))
          OR NOT EXISTS (SELECT 1 FROM chapter_officers o WHERE o.commune_id = d.commune_id
            AND o.chapter_id = d.chapter_id AND o.full_name = d.collector)
          OR (d.amount <> 200000 AND d.amount <> (SELECT c.amount FROM chapter_dues c
            WHERE c.commune_id = d.commune_id AND c.chapter_id = d.chapter_id AND c.year = d.year))`);
      expect(stray).toBe(0);
      // Every chapter has its amount for each year it keeps dues here, 20 000 to 50 000 đồng.
      const { rows: amounts } = await sql<{ amount: number }>`SELECT amount::int FROM chapter_dues`.execute(
        connection.db,
      );
      for (const { amount } of amounts) expect(amount >= 20_000 && amount <= 50_000).toBe(true);
      expect(
        await count(sql`SELECT count(*) AS n FROM chapters c WHERE NOT EXISTS (SELECT 1 FROM chapter_dues d
          WHERE d.commune_id = c.commune_id AND d.chapter_id = c.id AND d.year = ${year})`),
      ).toBe(0);
      // Most members paid last year; this year, part of them so far.
      const { rows: shares } = await sql<{ year: number; share: number }>`
        SELECT y.year, (SELECT count(DISTINCT d.member_id) FROM dues_payments d WHERE d.year = y.year)::float
          / (SELECT count(*) FROM members m WHERE m.member_role <> 'honorary'
            AND extract(year FROM m.joined_on) <= y.year
            AND (m.left_on IS NULL OR extract(year FROM m.left_on) >= y.year)) AS share
        FROM (VALUES (${year - 1}::int), (${year}::int)) AS y(year) ORDER BY y.year`.execute(connection.db);
      expect(shares[0]!.share).toBeGreaterThan(0.75);
      expect(shares[1]!.share).toBeLessThan(shares[0]!.share);
      // Dues are collected from March to the summer (the Hội stops at the real today when that comes first).
      if (hoiUntil >= `${year}-09-01`) expect(shares[1]!.share).toBeGreaterThan(0.4);
    });

    it("shows a chapter secretary only their chapter's members, the Hội all of the ward's", async () => {
      const tayho = await ward("00103");
      const chapter = async (code: string) =>
        Number(
          (
            await connection.db
              .selectFrom("chapters")
              .select("id")
              .where("commune_id", "=", tayho)
              .where("code", "=", code)
              .executeTakeFirstOrThrow()
          ).id,
        );
      const own = await chapter("01");
      const secretary = await as("chihoi1.tayho");
      const listed = await secretary.get(`/api/v1/members?unitId=${tayho}&limit=500`);
      expect(listed.status).toBe(200);
      const items = listed.body.members as { chapterId: number; phone: string | null }[];
      expect(items.length).toBeGreaterThan(20);
      // Three members gave their phone to the chapter (demo-consent.ts); the others have none shown.
      expect(items.filter((m) => m.phone).length).toBe(3);
      expect(new Set(items.map((m) => m.chapterId))).toEqual(new Set([own]));
      expect(listed.body.total).toBe(
        await count(sql`SELECT count(*) AS n FROM members WHERE commune_id = ${tayho} AND chapter_id = ${own}
          AND archived_at IS NULL`),
      );
      const ownDues = await secretary.get(`/api/v1/chapters/${own}/dues?year=${year - 1}`);
      expect(ownDues.body.totals.paid).toBeGreaterThan(0);
      const otherDues = await secretary.get(`/api/v1/chapters/${await chapter("02")}/dues?year=${year - 1}`);
      // Another chapter's dues list is refused with the reason, not an empty list.
      expect(otherDues.status).toBe(403);
      const hoi = await as("hkh.tayho");
      expect((await hoi.get(`/api/v1/members?unitId=${tayho}`)).body.total).toBe(
        await count(sql`SELECT count(*) AS n FROM members WHERE commune_id = ${tayho}`),
      );
    });

    it("was written through the services, audited under the Hội's people", async () => {
      const { rows } = await sql<{ entity: string; action: string; actor: string; n: number }>`
        SELECT entity, action, actor_name AS actor, count(*)::int AS n FROM audit_log
        WHERE entity IN ('chapter', 'chapter_committee', 'chapter_dues', 'member', 'dues_payment')
        GROUP BY 1, 2, 3`.execute(connection.db);
      const audited = (entity: string, action: string, actor: string) =>
        rows.find((r) => r.entity === entity && r.action === action && r.actor === actor)?.n ?? 0;
      const hoi = "Chủ tịch Hội Khuyến học phường Tây Hồ";
      expect(audited("chapter", "create", hoi)).toBeGreaterThanOrEqual(6);
      expect(audited("chapter_committee", "update", hoi)).toBeGreaterThanOrEqual(6);
      expect(audited("chapter_dues", "update", hoi)).toBeGreaterThan(0);
      expect(audited("member", "import", hoi)).toBe(1);
      expect(audited("member", "create", hoi)).toBeGreaterThan(0);
      expect(audited("member", "update", hoi)).toBeGreaterThan(0);
      // The secretary records their chapter's current year.
      expect(audited("dues_payment", "create", "Thư ký Chi hội Khuyến học tổ dân phố số 1")).toBe(
        await count(sql`SELECT count(*) AS n FROM dues_payments d JOIN chapters c
          ON c.commune_id = d.commune_id AND c.id = d.chapter_id
          WHERE c.code = '01' AND c.commune_id = ${await ward("00103")} AND d.year = ${year}`),
      );
      expect(audited("chapter", "create", "Cán bộ phường Mạo Khê")).toBe(3);
      expect(rows.map((r) => r.actor)).not.toContain("hieuhoc (dòng lệnh)");
      const payments = rows.filter((r) => r.entity === "dues_payment").reduce((n, r) => n + r.n, 0);
      expect(payments).toBe(await count(sql`SELECT count(*) AS n FROM dues_payments`));
    });
  });

  it("keeps each demo ward's centre 01 with its founding decision and board; Tây Hồ's took in the old wards' two", async () => {
    for (const [code, username] of [
      ["00103", "tayho"],
      ["07069", "maokhe"],
    ] as const) {
      const officer = await as(username);
      const list = (await officer.get(`/api/v1/centres?unitId=${await ward(code)}&q=01`)).body.centres;
      expect(list).toHaveLength(1);
      const history = (await officer.get(`/api/v1/centres/${list[0].id}/history`)).body;
      expect(history.decisions[0]).toMatchObject({ kind: "founding", signature: { title: "CHỦ TỊCH" } });
      expect(list[0].foundedOn).toBe(history.decisions[0].signedOn);
      const board = history.staff.filter((s: { removedAt: string | null }) => !s.removedAt);
      const roles = board.map((s: { role: string }) => s.role);
      expect(roles).toEqual(["director", "deputy_director", "teacher", "reporter"]);
      expect(board[0].post).toMatch(/^Phó Chủ tịch UBND phường/);
      expect(board[1].post).toMatch(/^Chủ tịch Hội Khuyến học phường/);
      if (code !== "00103") continue;
      const merger = history.decisions.find((d: { kind: string }) => d.kind === "merger");
      expect(merger.signedOn).toMatch(/^2025-08-/);
      expect(history.predecessors.map((p: { centre: object }) => p.centre)).toEqual([
        expect.objectContaining({ communeName: "Phường Bưởi", archivedReason: "merged" }),
        expect.objectContaining({ communeName: "Phường Xuân La", archivedReason: "merged" }),
      ]);
    }
  });

  it("keeps the counters right: stats verify finds no difference", async () => {
    const { differences } = await verifyCounters(connection.db);
    expect(differences).toEqual([]);
  });

  it("loads only once: a second first start changes nothing", async () => {
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT (SELECT count(*) FROM registrations) + (SELECT count(*) FROM audit_log)
          + (SELECT count(*) FROM households) AS n`.execute(connection.db)
      ).rows[0]!.n;
    const before = await count();
    expect(
      await loadDemo(connection.db, { ifEmpty: true, history: true, pool: connection.pool, today }),
    ).toBe(false);
    expect(await count()).toBe(before);
  });
});
