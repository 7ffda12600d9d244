/**
 * Data-subject requests (issue 12, item 3): due dates in working days (a Friday's request is due on the Tuesday, a
 * holiday is skipped); a request without an identified person is refused in Vietnamese; "find everything" across
 * the registries; the copy as JSON and XLSX; the to-do list; and, the acceptance case, a deletion request for a
 * household head in an issued decision's annex pseudonymises them everywhere in the commune (households, citizens,
 * members, commendations, the audit log) in one transaction while every statistics counter stays equal to a
 * recount and to what it was.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyFunds } from "../../src/server/modules/fund/verify";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { sheetXlsx, upload } from "../helpers/award";
import { describeEachEngine } from "../helpers/db";
import { createTestFund, type FundFixture, fundPeople, sponsorScholarships } from "../helpers/fund";

describeEachEngine("data-subject requests", (engine) => {
  let t: TestApp;
  let officer: ApiClient; // unit admin of Hà Nội: administers Phường Tây Hồ
  let ward: number;
  let head: { id: number; head_name: string; village_id: number };
  const request = (extra: Record<string, unknown> = {}) => ({
    communeId: ward,
    personName: head.head_name,
    kind: "deletion",
    receivedOn: "2026-11-27",
    channel: "paper",
    ...extra,
  });

  beforeAll(async () => {
    t = await demoApp(engine);
    officer = await t.as("hanoi");
    ward = await t.unitId("00103");
    // A household of Tây Hồ recognised in an issued decision (its annex is frozen): the cycle through the API.
    const tayho = await t.as("tayho");
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0];
    head = (await tayho.get(`/api/v1/households?unitId=${village.id}`)).body.households[0];
    head = { id: head.id, head_name: (head as any).headName, village_id: village.id };
    const registered = await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: [{ kind: "household", id: head.id }],
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const [r] = (
      await tayho.get(`/api/v1/registrations?unitId=${village.id}&year=2025&title=learning_family`)
    ).body.registrations;
    const rubric = (await tayho.get(`/api/v1/rubrics/${r.rubric.id}`)).body.rubric;
    const scores: Record<string, number> = {};
    for (const criterion of rubric.definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints;
    await tayho.post(`/api/v1/registrations/${r.id}/assessment`, { scores, version: r.version });
    await tayho.post("/api/v1/reviews", {
      unitId: village.id,
      year: 2025,
      title: "learning_family",
      heldOn: "2025-12-10",
      participants: "Chi hội khuyến học, tổ trưởng",
      outcomes: [{ registrationId: r.id, proposed: true }],
    });
    const drafted = await tayho.post("/api/v1/decisions", {
      communeId: ward,
      year: 2025,
      title: "learning_family",
      number: "10/QĐ-UBND",
      signedOn: "2026-01-05",
      agencyName: "UBND Phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn Bình",
      registrationIds: [r.id],
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const issued = await (await t.as("tayho.duyet")).post(
      `/api/v1/decisions/${drafted.body.decision.id}/issue`,
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  });
  afterAll(() => t?.close());
  // One fund of the ward for the fund cases (a ward's fund names are unique).
  let wardFund: FundFixture | undefined;
  const theFund = async () => {
    wardFund ??= await createTestFund(officer, ward);
    return wardFund;
  };

  it("computes the due date in working days: Friday → Tuesday, holidays skipped", async () => {
    const friday = await officer.post("/api/v1/data-requests", request({ kind: "access" }));
    expect(friday.status, JSON.stringify(friday.body)).toBe(201);
    expect(friday.body.request).toMatchObject({ dueOn: "2026-12-01", status: "received" });
    // Wednesday 29/04/2026: 30/4 and 1/5 are seeded holidays, then the weekend.
    const april = await officer.post(
      "/api/v1/data-requests",
      request({ kind: "copy", receivedOn: "2026-04-29" }),
    );
    expect(april.body.request.dueOn).toBe("2026-05-05");
  });

  it("refuses a request without an identified person, in Vietnamese, writing nothing", async () => {
    const empty = await officer.post("/api/v1/data-requests", request({ personName: "  " }));
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.body)).toContain("Họ tên người yêu cầu");
    const created = await officer.post(
      "/api/v1/data-requests",
      request({ personName: "Người Không Có Trong Sổ", kind: "access" }),
    );
    const id = created.body.request.id;
    // Named with its commune (as the web does) the request is looked for there alone: under another, not found.
    const other = await t.unitId("00004");
    const one = (path: string, communeId: number) =>
      `/api/v1/data-requests/${id}${path}?communeId=${communeId}`;
    expect((await officer.get(one("", ward))).body.request.id).toBe(id);
    for (const path of ["", "/matches", "/copy.json", "/copy.xlsx"])
      expect((await officer.get(one(path, other))).status, path).toBe(404);
    const closing = { version: 1, status: "refused", refusalReason: "Không xác định được người yêu cầu" };
    expect((await officer.patch(one("", other), closing)).status).toBe(404);
    const link = { version: 1, records: [{ source: "household", id: 1 }] };
    expect((await officer.request("PUT", one("/records", other), link)).status).toBe(404);
    expect((await officer.post(one("/erase", other), { version: 1 })).status).toBe(404);
    const matches = await officer.get(one("/matches", ward));
    expect(matches.status).toBe(200);
    expect(matches.body.matches).toEqual([]);
    // A record of another commune cannot be linked; a request that is not a deletion erases nothing.
    const elsewhere = await t.db
      .selectFrom("households")
      .select("id")
      .where("commune_id", "<>", ward)
      .executeTakeFirstOrThrow();
    const foreign = await officer.request("PUT", `/api/v1/data-requests/${id}/records`, {
      version: 1,
      records: [{ source: "household", id: elsewhere.id }],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toContain("không có ở xã, phường của yêu cầu");
    const erase = await officer.post(`/api/v1/data-requests/${id}/erase`, { version: 1 });
    expect(erase.status).toBe(422);
    expect(erase.body.error.message).toContain("Chỉ yêu cầu xóa dữ liệu");
    const done = await officer.patch(`/api/v1/data-requests/${id}`, { version: 1, status: "done" });
    expect(done.status).toBe(422);
    expect(done.body.error.message).toContain("chưa xác định được người");
    const refused = await officer.patch(one("", ward), {
      version: 1,
      status: "refused",
      refusalReason: "Không xác định được người yêu cầu trong sổ của phường",
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.request.closedAt).not.toBeNull();
  });

  it("is for the commune's administrators only", async () => {
    const dataEntry = await t.as("tayho");
    const refused = await dataEntry.post("/api/v1/data-requests", request());
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("Quản trị đơn vị");
    const list = await dataEntry.get(`/api/v1/data-requests?unitId=${ward}`);
    expect(list.status).toBe(403);
  });

  it("pseudonymises a household head in an issued decision everywhere in the commune; counters unchanged", async () => {
    const name = head.head_name;
    // The same person as a citizen of the household and in a commendation.
    const citizen = await officer.post("/api/v1/citizens", {
      villageId: head.village_id,
      fullName: name,
      birthYear: 1970,
      householdId: head.id,
    });
    expect(citizen.status, JSON.stringify(citizen.body)).toBe(201);
    const commended = await officer.post("/api/v1/commendations", {
      communeId: ward,
      year: 2025,
      recipient: "individual",
      subjectName: name,
      form: "commune_commendation",
      level: "commune",
      decisionNumber: "9/QĐ-UBND",
      decisionDate: "2025-12-20",
    });
    expect(commended.status, JSON.stringify(commended.body)).toBe(201);

    // The yearly figures (registered, recognised, …) and what exists now, but the citizens' total: the citizen
    // row, which nothing holds, is archived (it leaves the list, a real removal, counted as such).
    const counters = async () =>
      (
        await sql<{
          t: string;
        }>`SELECT coalesce((SELECT json_agg(x ORDER BY x::text) FROM title_counters x)::text, '-')
          || coalesce((SELECT json_agg(x ORDER BY x::text) FROM title_totals x WHERE x.title <> 'learning_citizen')::text, '-')
          || coalesce((SELECT json_agg(x ORDER BY x::text) FROM association_counters x)::text, '-')
          || coalesce((SELECT json_agg(x ORDER BY x::text) FROM commendation_counters x)::text, '-')
          || coalesce((SELECT json_agg(x ORDER BY x::text) FROM centre_counters x)::text, '-') AS t`.execute(
          t.db,
        )
      ).rows[0]!.t;
    const citizens = async () =>
      Number(
        (
          await sql<{ n: number }>`SELECT coalesce(sum(total), 0) AS n FROM title_totals
            WHERE title = 'learning_citizen' AND commune_id = ${ward}`.execute(t.db)
        ).rows[0]!.n,
      );
    const citizensBefore = await citizens();
    const countersBefore = await counters();

    const created = await officer.post("/api/v1/data-requests", request());
    const id = created.body.request.id;
    // Diacritic-insensitive: the name without its marks finds the same records.
    const folded = name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D");
    const matches = (
      await officer.get(`/api/v1/data-requests/${id}/matches?name=${encodeURIComponent(folded)}`)
    ).body.matches as { source: string; id: number; name: string; hold: string | null }[];
    const household = matches.find((m) => m.source === "household" && m.id === head.id);
    expect(household?.hold).toContain("phụ lục quyết định số 10/QĐ-UBND");
    expect(matches.some((m) => m.source === "citizen" && m.id === citizen.body.citizen.id)).toBe(true);
    expect(matches.some((m) => m.source === "commendation")).toBe(true);
    expect(matches.some((m) => m.source === "registration")).toBe(true);
    const mine = matches.filter((m) => m.name === name || m.source === "registration");
    const linked = await officer.request("PUT", `/api/v1/data-requests/${id}/records`, {
      version: 1,
      records: mine.map(({ source, id }) => ({ source, id })),
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);

    const copy = await officer.get(`/api/v1/data-requests/${id}/copy.json?communeId=${ward}`);
    expect(copy.status).toBe(200);
    expect(copy.body.records.find((r: any) => r.source === "household").data.head_name).toBe(name);
    const xlsx = await officer.get(`/api/v1/data-requests/${id}/copy.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");

    const erased = await officer.post(`/api/v1/data-requests/${id}/erase`, {
      version: linked.body.request.version,
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const outcome: string = erased.body.request.outcome;
    expect(erased.body.request.status).toBe("done");
    expect(outcome).toContain("giữ lại dưới dạng bí danh vì có tên trong phụ lục quyết định");
    const pseudonym = /"(Ẩn danh [A-Z0-9]{6})"/.exec(outcome)?.[1];
    expect(pseudonym).toBeDefined();

    const household2 = await t.db
      .selectFrom("households")
      .select(["head_name", "archived_at", "phone", "address"])
      .where("id", "=", head.id)
      .executeTakeFirstOrThrow();
    expect(household2).toMatchObject({ head_name: pseudonym, archived_at: null, phone: null, address: null });
    const left = await sql<{ n: number }>`SELECT
        (SELECT count(*) FROM households WHERE commune_id = ${ward} AND head_name = ${name})
      + (SELECT count(*) FROM citizens WHERE commune_id = ${ward} AND full_name = ${name})
      + (SELECT count(*) FROM members WHERE commune_id = ${ward} AND full_name = ${name})
      + (SELECT count(*) FROM commendations WHERE commune_id = ${ward} AND subject_name = ${name})
      + (SELECT count(*) FROM audit_log a WHERE a.entity <> 'data_subject_request'
          AND a.unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${ward})
          AND (strpos(a.before::text, to_jsonb(${name}::text)::text) > 0
            OR strpos(a.after::text, to_jsonb(${name}::text)::text) > 0)) AS n`.execute(t.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
    // The citizen (nothing holds it) left the list; the audit keeps the steps, not the name.
    const citizenRow = await t.db
      .selectFrom("citizens")
      .select(["full_name", "archived_at"])
      .where("id", "=", citizen.body.citizen.id)
      .executeTakeFirstOrThrow();
    expect(citizenRow.full_name).toBe(pseudonym);
    expect(citizenRow.archived_at).not.toBeNull();

    // Statistics: the household still counts; the counters equal a recount and what they were.
    expect(countersBefore).toContain("learning_family");
    expect(await counters()).toBe(countersBefore);
    expect(await citizens()).toBe(citizensBefore - 1);
    const { differences } = await verifyCounters(t.db, { unitCode: "00103" });
    expect(differences).toEqual([]);
  });

  it("pseudonymises a donor on a posted receipt: only the names change, the ledger still verifies", async () => {
    const fund = await theFund();
    const receipt = await officer.post(`/api/v1/funds/${fund.id}/receipts`, {
      receivedOn: "2026-06-01",
      donorName: "Phạm Văn Thiện",
      donorKind: "person",
      donorAddress: "Tổ dân phố số 3",
      reason: "Ủng hộ quỹ khuyến học",
      amount: 500_000,
      assetAccountId: fund.cash,
      purposeAccountId: fund.general,
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    const created = await officer.post("/api/v1/data-requests", request({ personName: "Pham Van Thien" }));
    const id = created.body.request.id;
    const matches = (await officer.get(`/api/v1/data-requests/${id}/matches`)).body.matches as any[];
    const found = matches.find((m) => m.source === "receipt");
    expect(found.hold).toContain("sổ quỹ");
    const linked = await officer.request("PUT", `/api/v1/data-requests/${id}/records`, {
      version: 1,
      records: [{ source: "receipt", id: found.id }],
    });
    const erased = await officer.post(`/api/v1/data-requests/${id}/erase`, {
      version: linked.body.request.version,
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const row = await t.db
      .selectFrom("fund_receipts")
      .select(["donor_name", "donor_address", "amount"])
      .where("id", "=", found.id)
      .executeTakeFirstOrThrow();
    expect(row.donor_name).toMatch(/^Ẩn danh /);
    expect(row.donor_address).toBeNull();
    expect(Number(row.amount)).toBe(500_000);
    expect((await verifyFunds(t.db, { fundId: fund.id })).broken).toBeNull();
    // The exception is for the names only, and only with the flag the functions set.
    const attempt = (change: string) =>
      t.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('hieuhoc.pseudonymising', 'on', true)`.execute(tx);
        await sql.raw(change).execute(tx);
      });
    await expect(attempt(`UPDATE fund_receipts SET amount = 1 WHERE id = ${found.id}`)).rejects.toThrow(
      /không được sửa/,
    );
    await expect(t.db.updateTable("audit_log").set({ actor_name: "x" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.db.updateTable("fund_receipts").set({ donor_name: "Khác" }).where("id", "=", found.id).execute(),
    ).rejects.toThrow(/không được sửa/);
  });

  it("pseudonymises a pupil paid by a disbursement and listed in a paid award round, and their searches in the processing log; the fund still verifies", async () => {
    const pupil = "Đỗ Thị Hằng Nga";
    const parent = "Đỗ Văn Hùng";
    const fund = await theFund();
    const { keeper, cashier, approver } = await fundPeople(t);
    await sponsorScholarships(keeper, fund, "2026-08-20");
    // A disbursement to the pupil, received by her father (another person: his name stays).
    const proposed = await keeper.post(`/api/v1/funds/${fund.id}/disbursements`, {
      amount: 1_000_000,
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      beneficiaryKind: "student",
      beneficiaryName: pupil,
      beneficiaryMinor: true,
      beneficiarySchool: "Trường THCS Chu Văn An",
      beneficiaryClass: "7A",
      recipientName: parent,
      reason: "Học bổng học sinh nghèo vượt khó",
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const disbursement = proposed.body.disbursement.id;
    const dPath = (action: string) => `/api/v1/funds/${fund.id}/disbursements/${disbursement}/${action}`;
    expect((await approver.post(dPath("approve"))).status).toBe(200);
    const paid = await cashier.post(dPath("pay"), { paidOn: "2026-08-25" });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    // A paid award round of three pupils, the second one her.
    const village = (await t.db
      .selectFrom("admin_units")
      .select("name")
      .where("parent_id", "=", ward)
      .where("valid_to", "is", null)
      .orderBy("code")
      .executeTakeFirstOrThrow())!.name;
    const sheet = ["Lê Minh Châu", pupil, "Vũ Đức Hải"].map((name, i) => ({
      name,
      kind: "Học sinh",
      sex: i === 2 ? "Nam" : "Nữ",
      birth: "2014",
      school: "Trường THCS Bình Minh",
      class: "7A",
      household: "",
      village,
      amount: "1.000.000",
      dong: 1_000_000,
      minor: true,
    }));
    const base = `/api/v1/funds/${fund.id}/award-rounds`;
    const created = await keeper.post(base, {
      name: "Lễ trao học bổng năm học 2026–2027",
      schoolYear: "2026-2027",
      decisionNumber: "15/QĐ-HKH",
      decisionDate: "2026-09-01",
      purposeAccountId: fund.poor,
      assetAccountId: fund.cash,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const round = created.body.awardRound.id;
    const imported = await upload(
      keeper,
      `${base}/${round}/recipients/import?dryRun=0`,
      await sheetXlsx(sheet),
      "hoc-bong.xlsx",
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect((await approver.post(`${base}/${round}/approve`)).status).toBe(200);
    const roundPaid = await cashier.post(`${base}/${round}/pay`, { paidOn: "2026-09-05" });
    expect(roundPaid.status, JSON.stringify(roundPaid.body)).toBe(200);
    // Somebody searched the ward's households for her name (without marks): the processing log keeps the search.
    const tayho = await t.as("tayho");
    const villageId = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    expect((await tayho.get(`/api/v1/households?unitId=${villageId}&q=do%20thi%20hang%20nga`)).status).toBe(
      200,
    );
    const logged = () =>
      t.db
        .selectFrom("processing_log")
        .selectAll()
        .where("unit_id", "=", villageId)
        .where(sql<boolean>`filter ? 'q'`)
        .orderBy("id")
        .execute();
    const logBefore = await logged();
    expect(logBefore.map((r) => (r.filter as any).q)).toContain("do thi hang nga");
    const roundBefore = await t.db
      .selectFrom("fund_award_rounds")
      .selectAll()
      .where("id", "=", round)
      .executeTakeFirstOrThrow();
    const recipientsOf = () =>
      t.db
        .selectFrom("fund_award_recipients")
        .selectAll()
        .where("round_id", "=", round)
        .orderBy("line")
        .execute();
    const recipientsBefore = await recipientsOf();
    const disbursementOf = () =>
      t.db
        .selectFrom("fund_disbursements")
        .selectAll()
        .where("id", "=", disbursement)
        .executeTakeFirstOrThrow();
    const disbursementBefore = await disbursementOf();
    expect((await verifyFunds(t.db, { fundId: fund.id })).broken).toBeNull();

    const request2 = await officer.post("/api/v1/data-requests", request({ personName: pupil }));
    const id = request2.body.request.id;
    const matches = (await officer.get(`/api/v1/data-requests/${id}/matches`)).body.matches as any[];
    const mine = matches.filter((m) => m.source === "disbursement" || m.source === "award_recipient");
    expect(mine.map((m) => m.source).sort()).toEqual(["award_recipient", "disbursement"]);
    const linked = await officer.request("PUT", `/api/v1/data-requests/${id}/records`, {
      version: 1,
      records: mine.map(({ source, id }) => ({ source, id })),
    });
    const erased = await officer.post(`/api/v1/data-requests/${id}/erase`, {
      version: linked.body.request.version,
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const outcome: string = erased.body.request.outcome;
    const pseudonym = /"(Ẩn danh [A-Z0-9]{6})"/.exec(outcome)![1]!;
    expect(outcome).not.toContain("giữ nguyên, chỉ người giữ sổ quỹ");
    expect(outcome).toMatch(/disbursement \d+: giữ lại dưới dạng bí danh/);
    expect(outcome).toMatch(/award_recipient \d+: giữ lại dưới dạng bí danh/);
    expect(outcome).toContain("Nhật ký xử lý dữ liệu: 1 dòng");

    // The disbursement: only the pupil's name changed; the father's, the amount, the voucher stay.
    const { beneficiary_name, version: _v, ...rest } = await disbursementOf();
    const { beneficiary_name: nameBefore, version: _w, ...restBefore } = disbursementBefore;
    expect(nameBefore).toBe(pupil);
    expect(beneficiary_name).toBe(pseudonym);
    expect(rest).toEqual(restBefore);
    expect(rest.recipient_name).toBe(parent);
    // The round's list: only her line's name; the round itself (its sealed hash) untouched.
    const recipientsAfter = await recipientsOf();
    expect(recipientsAfter.map((r) => r.full_name)).toEqual(["Lê Minh Châu", pseudonym, "Vũ Đức Hải"]);
    expect(recipientsAfter.map(({ full_name, ...r }) => r)).toEqual(
      recipientsBefore.map(({ full_name, ...r }) => r),
    );
    expect(
      await t.db
        .selectFrom("fund_award_rounds")
        .selectAll()
        .where("id", "=", round)
        .executeTakeFirstOrThrow(),
    ).toEqual(roundBefore);
    const exception = await t.db
      .selectFrom("fund_award_pseudonymisations")
      .selectAll()
      .where("round_id", "=", round)
      .execute();
    expect(exception).toMatchObject([{ lines: [2], pseudonym, hash_before: roundBefore.list_hash }]);
    // The fund verifies (the exception is accepted), and only through the recorded exception.
    expect((await verifyFunds(t.db, { fundId: fund.id })).broken).toBeNull();
    const left = await sql<{ n: number }>`SELECT
        (SELECT count(*) FROM fund_disbursements WHERE commune_id = ${ward}
          AND (beneficiary_name = ${pupil} OR recipient_name = ${pupil}))
      + (SELECT count(*) FROM fund_award_recipients WHERE commune_id = ${ward} AND full_name = ${pupil})
      + (SELECT count(*) FROM audit_log WHERE strpos(before::text || coalesce(after::text, ''), ${pupil}) > 0
          AND entity <> 'data_subject_request') AS n`.execute(t.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
    // The processing log: the search text is the pseudonym; who, when, what and the rows listed are unchanged.
    const logAfter = await logged();
    expect(logAfter.map((r) => (r.filter as any).q)).not.toContain("do thi hang nga");
    expect(logAfter.map(({ filter, ...r }) => r)).toEqual(logBefore.map(({ filter, ...r }) => r));
    expect(logAfter.map((r) => ({ ...(r.filter as any), q: undefined }))).toEqual(
      logBefore.map((r) => ({ ...(r.filter as any), q: undefined })),
    );
    // Counters equal a recount (the fund's included).
    const { differences } = await verifyCounters(t.db, { unitCode: "00103" });
    expect(differences).toEqual([]);
    // The seals still refuse any other change, with or without the flag.
    const attempt = (change: string) =>
      t.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('hieuhoc.pseudonymising', 'on', true)`.execute(tx);
        await sql.raw(change).execute(tx);
      });
    await expect(
      attempt(`UPDATE fund_award_recipients SET amount = 1 WHERE round_id = ${round}`),
    ).rejects.toThrow(/Không sửa từng người nhận/);
    await expect(
      attempt(`UPDATE fund_disbursements SET amount = 1 WHERE id = ${disbursement}`),
    ).rejects.toThrow(/đã chi không được sửa/);
    await expect(attempt("UPDATE processing_log SET actor_name = 'x'")).rejects.toThrow(/append-only/);
    // The application's role may update disbursements and could set the flag itself: the exception is not its.
    const treasurer = await t.db
      .selectFrom("app_users")
      .select("id")
      .where("username", "=", "thuquy")
      .executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('role', 'hieuhoc_app', true), set_config('hieuhoc.user_id', ${String(treasurer.id)}, true),
          set_config('hieuhoc.pseudonymising', 'on', true)`.execute(tx);
        await sql`UPDATE fund_disbursements SET beneficiary_name = 'Khác' WHERE id = ${disbursement}`.execute(
          tx,
        );
      }),
    ).rejects.toThrow(/đã chi không được sửa/);
    await expect(
      t.db
        .updateTable("fund_award_recipients")
        .set({ full_name: "Khác" })
        .where("round_id", "=", round)
        .execute(),
    ).rejects.toThrow(/Không sửa từng người nhận/);
    // A name changed behind the functions' back breaks the verification.
    await t.db
      .transaction()
      .execute(async (tx) => {
        await sql`ALTER TABLE fund_award_recipients DISABLE TRIGGER fund_award_recipients_no_update`.execute(
          tx,
        );
        await sql`UPDATE fund_award_recipients SET full_name = 'Người Khác' WHERE round_id = ${round} AND line = 1`.execute(
          tx,
        );
        expect((await verifyFunds(tx, { fundId: fund.id })).broken?.reason).toContain(
          "đã bị thay đổi sau khi chi",
        );
        await sql`ALTER TABLE fund_award_recipients ENABLE TRIGGER fund_award_recipients_no_update`.execute(
          tx,
        );
        await sql`SELECT 1/0`.execute(tx); // roll back
      })
      .catch((e) => expect(String(e)).toContain("division by zero"));
  });

  it("shows the open requests on the to-do list with their due dates", async () => {
    const todo = await officer.get("/api/v1/todo?year=2026");
    const items = (todo.body.items as any[]).filter((i) => i.step === "data_request");
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.map((i) => i.due)).toContain("2026-12-01");
    expect(items[0].request.personName).toBeTruthy();
  });

  it("lets only a system administrator keep the holidays", async () => {
    const refused = await officer.post("/api/v1/public-holidays", { day: "2026-12-24", name: "Thử" });
    expect(refused.status).toBe(403);
    const admin = await t.as("quantri");
    const added = await admin.post("/api/v1/public-holidays", { day: "2026-12-24", name: "Ngày thử" });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const list = await officer.get("/api/v1/public-holidays?year=2026");
    expect(list.body.holidays.map((h: any) => h.day)).toContain("2026-12-24");
    expect((await admin.delete("/api/v1/public-holidays/2026-12-24")).status).toBe(200);
  });
});
