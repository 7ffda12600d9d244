/**
 * The beneficiaries list (kind `beneficiaries`, issue 9 point 4): kept by the registry's writers like the donors,
 * imported with a row-by-row dry run, and named by a proposal, which copies the row's kind, name, school and class
 * (a snapshot) and takes the minor flag from the birth year. A beneficiary of another commune or archived is
 * refused naming `beneficiaryId`, with nothing written; a minor from the list is masked in the public disclosure.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { minorIn } from "../../src/shared/fund-disbursement";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { createTestFund, type FundFixture, fundPeople, sponsorScholarships } from "../helpers/fund";
import { expectExportImportsBack, uploadRegistry } from "../helpers/registry";

const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const year = thisYear - 2; // a past year, closed and published below

describeEachEngine("fund beneficiaries", (engine) => {
  let t: TestApp;
  let officer: ApiClient; // data entry of Tây Hồ: writes the registry
  let keeper: ApiClient; // treasurer: proposes
  let cashier: ApiClient; // second treasurer: pays
  let approver: ApiClient;
  let ward: number;
  let village: number;
  let fund: FundFixture;
  const listed: Record<string, any> = {};

  const add = async (body: Record<string, unknown>) => {
    const response = await officer.post("/api/v1/beneficiaries", { unitId: village, ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.beneficiary;
  };
  const propose = (body: Record<string, unknown>, client = keeper) =>
    client.post(`/api/v1/funds/${fund.id}/disbursements`, {
      amount: 1_000_000,
      assetAccountId: fund.cash,
      purposeAccountId: fund.poor,
      reason: "Học bổng học sinh nghèo vượt khó",
      ...body,
    });
  const disbursementCount = async () =>
    Number(
      (
        await t.db
          .selectFrom("fund_disbursements")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await demoApp(engine);
    const people = await fundPeople(t);
    ({ keeper, cashier, approver, ward } = people);
    officer = await t.as("tayho");
    village = (
      await t.db
        .selectFrom("admin_units")
        .select("id")
        .where("parent_id", "=", ward)
        .where("name", "=", "Tổ dân phố số 1")
        .executeTakeFirstOrThrow()
    ).id;
    fund = await createTestFund(keeper, ward);
    await sponsorScholarships(keeper, fund, `${year}-03-01`);
  });
  afterAll(() => t.close());

  it("keeps the list: add, find without tone marks, edit, archive; the treasurer reads, the registry's writers write", async () => {
    const household = (await officer.get(`/api/v1/households?unitId=${ward}&q=0001`)).body.households[0];
    listed.pupil = await add({
      fullName: "  Phạm   Minh Anh ",
      sex: "female",
      birthYear: 2013,
      school: "Trường THCS Chu Văn An",
      class: "7A",
      householdId: household.id,
      guardianPhone: "0912 345 678",
    });
    expect(listed.pupil).toMatchObject({
      code: "0001",
      fullName: "Phạm Minh Anh",
      kind: "student",
      unit: { id: village, name: "Tổ dân phố số 1" },
      householdId: household.id,
      archivedAt: null,
    });
    expect(listed.pupil).not.toHaveProperty("birthDate");
    const found = await keeper.get(`/api/v1/beneficiaries?unitId=${ward}&q=pham%20minh`);
    expect(found.status).toBe(200);
    expect(found.body.beneficiaries.map((b: any) => b.id)).toEqual([listed.pupil.id]);
    // The treasurer reads the list but does not write it (the registry's `write`, as for donors).
    const byKeeper = await keeper.post("/api/v1/beneficiaries", { unitId: village, fullName: "Người Thử" });
    expect(byKeeper.status).toBe(403);
    expect(byKeeper.body.error.message).toMatch(/Nhập liệu|Quản trị/);

    const future = await officer.post("/api/v1/beneficiaries", {
      unitId: village,
      fullName: "Trẻ Chưa Sinh",
      birthYear: thisYear + 1,
    });
    expect(future.status).toBe(422);
    expect(future.body.error.details.fields).toHaveProperty("birthYear");
    const elsewhere = (
      await (await t.as("hanoi")).get(`/api/v1/households?unitId=${await t.unitId("00091")}`)
    ).body.households[0];
    const foreignHome = await officer.post("/api/v1/beneficiaries", {
      unitId: village,
      fullName: "Nhà Khác",
      householdId: elsewhere.id,
    });
    expect(foreignHome.status).toBe(422);
    expect(foreignHome.body.error.details.fields).toHaveProperty("householdId");

    const edited = await officer.patch(`/api/v1/beneficiaries/${listed.pupil.id}`, {
      class: "7B",
      version: listed.pupil.version,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    listed.pupil = edited.body.beneficiary;
    expect(listed.pupil.class).toBe("7B");

    listed.gone = await add({ fullName: "Lê Văn Chuyển", birthYear: 2012, school: "Trường THCS Chu Văn An" });
    const archived = await officer.post(`/api/v1/beneficiaries/${listed.gone.id}/archive`, {
      reason: "moved",
    });
    expect(archived.status).toBe(204);
    expect((await officer.get(`/api/v1/beneficiaries/${listed.gone.id}`)).body.beneficiary).toMatchObject({
      archivedReason: "moved",
    });
  });

  it("imports a file: the dry run names the bad row in Vietnamese and writes nothing; the export imports back", async () => {
    const rows = [
      'Mã người nhận,Họ và tên,Đối tượng,Giới tính,Năm sinh,Trường,Lớp,"Thôn, tổ dân phố",Mã hộ',
      ",Nguyễn Thị Lan,Học sinh,Nữ,2016,Trường Tiểu học Quảng An,4A,Tổ dân phố số 2,",
      ",Trần Văn Bảo,Bộ đội,Nam,2011,Trường THCS Chu Văn An,9C,,0002",
      ",Đỗ Thị Hương,Giáo viên,Nữ,1985,Trường Tiểu học Quảng An,,,",
    ].join("\n");
    const before = (await officer.get(`/api/v1/beneficiaries?unitId=${ward}&limit=1`)).body.total;
    const dry = await uploadRegistry(officer, "beneficiaries", ward, rows, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: "Đối tượng",
        message: expect.stringContaining('"Bộ đội" không có'),
      }),
    ]);
    expect(dry.body.errors[0].message).toContain("Học sinh; Giáo viên; Gia đình; Dòng họ; Khác");
    expect((await officer.get(`/api/v1/beneficiaries?unitId=${ward}&limit=1`)).body.total).toBe(before);

    const fixed = rows.replace("Bộ đội", "HS");
    const imported = await uploadRegistry(officer, "beneficiaries", ward, fixed, false);
    expect(imported.body, JSON.stringify(imported.body)).toMatchObject({ errors: [], created: 3 });
    const bao = (await officer.get(`/api/v1/beneficiaries?unitId=${ward}&q=tran%20van%20bao`)).body
      .beneficiaries[0];
    const home = (await officer.get(`/api/v1/households?unitId=${ward}&q=0002`)).body.households[0];
    expect(bao).toMatchObject({ kind: "student", class: "9C", householdId: home.id });
    listed.teacher = (
      await officer.get(`/api/v1/beneficiaries?unitId=${ward}&q=do%20thi%20huong`)
    ).body.beneficiaries[0];
    expect(listed.teacher).toMatchObject({ kind: "teacher", birthYear: 1985, unit: { level: "commune" } });
    expect(await expectExportImportsBack(officer, "beneficiaries", ward)).toBe(before + 3);
  });

  it("proposes from the list: a snapshot of kind, name, school and class, a minor by the birth year", async () => {
    const count = await disbursementCount();
    const pupil = await propose({ beneficiaryId: listed.pupil.id, recipientName: "Phạm Văn Bố" });
    expect(pupil.status, JSON.stringify(pupil.body)).toBe(201);
    listed.pupilDisbursement = pupil.body.disbursement;
    expect(listed.pupilDisbursement).toMatchObject({
      beneficiaryId: listed.pupil.id,
      beneficiaryKind: "student",
      beneficiaryName: "Phạm Minh Anh",
      beneficiarySchool: "Trường THCS Chu Văn An",
      beneficiaryClass: "7B",
      beneficiaryMinor: true,
      recipientName: "Phạm Văn Bố",
    });
    // Typed fields beside the id are not taken: the row decides.
    const teacher = await propose({
      beneficiaryId: listed.teacher.id,
      beneficiaryName: "Tên Khác",
      beneficiaryKind: "student",
      reason: "Khen thưởng giáo viên dạy giỏi",
    });
    listed.teacherDisbursement = teacher.body.disbursement;
    expect(listed.teacherDisbursement).toMatchObject({
      beneficiaryKind: "teacher",
      beneficiaryName: "Đỗ Thị Hương",
      beneficiarySchool: "Trường Tiểu học Quảng An",
      beneficiaryClass: null,
      beneficiaryMinor: false,
    });
    // A pupil without a birth year is a minor; asking to mask an adult masks it, never the other way.
    const unknownAge = await add({
      fullName: "Vũ Minh Khôi",
      school: "Trường Tiểu học Quảng An",
      class: "2A",
    });
    expect(
      (await propose({ beneficiaryId: unknownAge.id, beneficiaryMinor: false })).body.disbursement
        .beneficiaryMinor,
    ).toBe(true);
    expect(
      (await propose({ beneficiaryId: listed.teacher.id, beneficiaryMinor: true })).body.disbursement
        .beneficiaryMinor,
    ).toBe(true);
    // Typed beneficiaries stay allowed.
    const typed = await propose({ beneficiaryKind: "family", beneficiaryName: "Gia đình ông Nguyễn Văn Tư" });
    expect(typed.body.disbursement).toMatchObject({ beneficiaryId: null, beneficiaryMinor: false });
    expect(await disbursementCount()).toBe(count + 5);

    // Editing the list later leaves the proposal as it was.
    const moved = await officer.patch(`/api/v1/beneficiaries/${listed.pupil.id}`, {
      school: "Trường THPT Tây Hồ",
      class: "10A",
      version: listed.pupil.version,
    });
    expect(moved.status).toBe(200);
    const list = (await keeper.get(`/api/v1/funds/${fund.id}/disbursements`)).body.disbursements;
    expect(list.find((d: any) => d.id === listed.pupilDisbursement.id)).toMatchObject({
      beneficiarySchool: "Trường THCS Chu Văn An",
      beneficiaryClass: "7B",
    });
    // Nor can the database change whom it was proposed for (a trigger, for the owner too).
    await expect(
      t.db
        .updateTable("fund_disbursements")
        .set({ beneficiary_id: listed.teacher.id })
        .where("id", "=", listed.pupilDisbursement.id)
        .execute(),
    ).rejects.toThrow(/người nhận của khoản chi đã đề xuất/);
    // Under 18 at some time of the year: born after the year − 19, as the award rounds count.
    expect(minorIn(thisYear, { kind: "teacher", birthYear: thisYear - 18 })).toBe(true);
    expect(minorIn(thisYear, { kind: "student", birthYear: thisYear - 19 })).toBe(false);
    expect(minorIn(thisYear, { kind: "family", birthYear: null })).toBe(false);
  });

  it("refuses a beneficiary of another commune or archived, naming beneficiaryId, writing nothing", async () => {
    const other = await t.unitId("00091");
    const hanoi = await t.as("hanoi"); // reads both communes and keeps the books there
    const stranger = await hanoi.post("/api/v1/beneficiaries", {
      unitId: other,
      fullName: "Hoàng Thị Ngoài",
      birthYear: 2014,
    });
    expect(stranger.status, JSON.stringify(stranger.body)).toBe(201);
    const before = await disbursementCount();
    const audits = async () =>
      Number(
        (
          await t.db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("entity", "=", "fund_disbursement")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditsBefore = await audits();
    for (const [client, id] of [
      [hanoi, stranger.body.beneficiary.id],
      [keeper, stranger.body.beneficiary.id],
      [keeper, listed.gone.id],
      [keeper, 999_999],
    ] as const) {
      const refused = await propose({ beneficiaryId: id }, client);
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error.message).toContain("không có trong danh sách người nhận");
      expect(Object.keys(refused.body.error.details.fields)).toEqual(["beneficiaryId"]);
    }
    const neither = await propose({});
    expect(neither.status).toBe(422);
    expect(Object.keys(neither.body.error.details.fields).sort()).toEqual([
      "beneficiaryKind",
      "beneficiaryName",
    ]);
    expect(await disbursementCount()).toBe(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it("masks a minor of the list in the public disclosure (JSON and CSV) and names the adult", async () => {
    const path = (d: any, action: string) => `/api/v1/funds/${fund.id}/disbursements/${d.id}/${action}`;
    for (const [d, on] of [
      [listed.pupilDisbursement, `${year}-09-05`],
      [listed.teacherDisbursement, `${year}-09-06`],
    ] as const) {
      expect((await approver.post(path(d, "approve"))).status).toBe(200);
      const paid = await cashier.post(path(d, "pay"), { paidOn: on });
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    }
    expect((await keeper.post(`/api/v1/funds/${fund.id}/periods/${year}/close`)).status).toBe(201);
    expect((await approver.post(`/api/v1/funds/${fund.id}/disclosures/${year}/publish`)).status).toBe(201);
    const visitor = t.anonymous();
    const json = await visitor.get(`/api/v1/public/funds/${fund.id}/disclosures/${year}`);
    expect(json.status).toBe(200);
    expect(json.body.disclosure.disbursements).toEqual([
      expect.objectContaining({
        voucher: `PC1/${year}`,
        recipient: "P.M.A.",
        school: "Trường THCS Chu Văn An",
        class: "7B",
      }),
      expect.objectContaining({ voucher: `PC2/${year}`, recipient: "Đỗ Thị Hương" }),
    ]);
    const csv = await visitor.get(`/api/v1/public/funds/${fund.id}/disclosures/${year}/disclosure.csv`);
    expect(csv.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body);
    expect(text.split("\r\n")).toContain(
      `Chi theo người nhận;PC1/${year};P.M.A.;Trường THCS Chu Văn An;7B;Học bổng học sinh nghèo;1000000`,
    );
    for (const body of [JSON.stringify(json.body), text]) {
      expect(body).not.toContain("Phạm Minh Anh");
      expect(body).not.toContain("Phạm Văn Bố");
      expect(body).not.toContain("0912");
    }
  });
});
