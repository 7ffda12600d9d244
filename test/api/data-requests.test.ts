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
import { describeEachEngine } from "../helpers/db";
import { createTestFund } from "../helpers/fund";

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
    const matches = await officer.get(`/api/v1/data-requests/${id}/matches`);
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
    const refused = await officer.patch(`/api/v1/data-requests/${id}`, {
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

    const copy = await officer.get(`/api/v1/data-requests/${id}/copy.json`);
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
    const fund = await createTestFund(officer, ward);
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
