/**
 * A learning centre's organisation through the 2025 commune merge: two old wards' centres with their classes, the
 * new ward's centre founded by decision, a merger decision naming both old centres; the old centres archived
 * `merged`, their decisions and classes readable from a grant on the new ward only, refused to another province.
 * Bad input refused in Vietnamese naming the field, nothing written.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { signedInUser } from "../helpers/users";

const founding = (signedOn: string, issuer: string, signerTitle = "Chủ tịch") => ({
  kind: "founding",
  number: `${signedOn.slice(5, 7)}/QĐ-UBND`,
  signedOn,
  signerName: "Nguyễn Văn Hà",
  signerTitle,
  issuer,
  summary: "Thành lập Trung tâm học tập cộng đồng",
});

describeEachEngine("learning centres: decisions, staff, history across the 2025 merge", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let hanoi: ApiClient;
  let ward: number;
  let buoi: number;
  let xuanLa: number;
  const centre: Record<string, number> = {};
  const activity: Record<string, number> = {};

  const count = async (table: "centre_decisions" | "centre_successions" | "centre_staff") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const addCentre = async (client: ApiClient, communeId: number, name: string) => {
    const made = await client.post("/api/v1/centres", { communeId, name });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body.centre.id as number;
  };
  const decide = (client: ApiClient, id: number, body: object) =>
    client.post(`/api/v1/centres/${id}/decisions`, body);

  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    hanoi = await t.as("hanoi");
    ward = await t.unitId("00103");
    buoi = await t.unitId("00109", { old: true });
    xuanLa = await t.unitId("00103", { old: true, level: "commune" });
  });
  afterAll(() => t.close());

  it("keeps the old wards' centres, their founding decisions and classes", async () => {
    for (const [key, commune, name] of [
      ["buoi", buoi, "Trung tâm học tập cộng đồng phường Bưởi"],
      ["xuanLa", xuanLa, "Trung tâm học tập cộng đồng phường Xuân La"],
    ] as const) {
      centre[key] = await addCentre(tayho, commune, name);
      const made = await decide(tayho, centre[key]!, founding("2010-05-10", "UBND quận Tây Hồ"));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.decision.signature).toEqual({ authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" });
      const item = await tayho.get(`/api/v1/centres/${centre[key]}`);
      expect(item.body.centre.foundedOn).toBe("2010-05-10");
      const talk = await tayho.post("/api/v1/activities", {
        communeId: commune,
        title: `Chuyên đề pháp luật ${key}`,
        centreId: centre[key],
        activityKind: "talk",
        topic: "law",
        startsOn: "2023-03-15",
      });
      expect(talk.status, JSON.stringify(talk.body)).toBe(201);
      activity[key] = talk.body.activity.id;
    }
  });

  it("founds the new ward's centre by decision, signed for the committee by a vice-chair", async () => {
    centre.tayho = await addCentre(tayho, ward, "Trung tâm học tập cộng đồng phường Tây Hồ");
    const made = await decide(
      tayho,
      centre.tayho,
      founding("2025-07-15", "UBND phường Tây Hồ", "Phó Chủ tịch"),
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.decision.signature).toEqual({
      authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
      title: "PHÓ CHỦ TỊCH",
    });
    const again = await decide(tayho, centre.tayho, founding("2025-07-20", "UBND phường Tây Hồ"));
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/đã có quyết định thành lập số 07\/QĐ-UBND/);
  });

  it("refuses bad decisions in Vietnamese naming the field, writing nothing", async () => {
    const other = await addCentre(
      hanoi,
      await t.unitId("00004"),
      "Trung tâm học tập cộng đồng phường Ba Đình",
    );
    const base = { ...founding("2025-08-20", "UBND phường Tây Hồ"), kind: "merger" };
    const before = await count("centre_decisions");
    const cases: [ApiClient, object, string, RegExp][] = [
      [
        tayho,
        { ...base, kind: "appointment", signedOn: "2025-07-01" },
        "signedOn",
        /trước ngày thành lập trung tâm \(15\/07\/2025\)/,
      ],
      [tayho, { ...base, predecessorIds: [centre.tayho] }, "predecessorIds", /chính nó/],
      [tayho, { ...base, predecessorIds: [] }, "predecessorIds", /ít nhất một trung tâm/],
      [
        tayho,
        { ...base, kind: "other", predecessorIds: [centre.buoi] },
        "predecessorIds",
        /Chỉ quyết định sáp nhập/,
      ],
      [tayho, { ...base, signedOn: "2025-02-30" }, "signedOn", /không có trong lịch/],
      [tayho, { ...base, kind: "other", signedOn: "2099-01-01" }, "signedOn", /sau hôm nay/],
      [tayho, { ...base, kind: "other", effectiveOn: "2025-08-01" }, "effectiveOn", /trước ngày ký/],
      [tayho, { ...base, kind: "sometime" }, "kind", /Loại quyết định/],
      [tayho, { ...base, number: " " }, "number", /số, ký hiệu/],
      [tayho, { ...base, predecessorIds: [other] }, "predecessorIds", /Không tìm thấy trung tâm/],
      [hanoi, { ...base, predecessorIds: [other] }, "predecessorIds", /không phải Phường Tây Hồ/],
    ];
    for (const [client, body, field, message] of cases) {
      const refused = await decide(client, centre.tayho!, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      const fields = refused.body.error.details.fields;
      expect(`${refused.body.error.message} ${Object.values(fields).join(" ")}`).toMatch(message);
      expect(Object.keys(fields).join()).toContain(field);
    }
    expect(await count("centre_decisions")).toBe(before);
    expect((await tayho.get(`/api/v1/centres/${centre.buoi}`)).body.centre.archivedAt).toBeNull();
  });

  it("merges both old centres into the new one and archives them `merged`", async () => {
    const merged = await decide(tayho, centre.tayho!, {
      ...founding("2025-08-20", "UBND phường Tây Hồ"),
      kind: "merger",
      number: "120/QĐ-UBND",
      effectiveOn: "2025-09-01",
      summary: "Sáp nhập Trung tâm học tập cộng đồng phường Bưởi và phường Xuân La",
      predecessorIds: [centre.buoi, centre.xuanLa],
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);
    expect(merged.body.decision.predecessors.map((p: { id: number }) => p.id).sort()).toEqual(
      [centre.buoi, centre.xuanLa].sort(),
    );
    for (const id of [centre.buoi, centre.xuanLa]) {
      const old = await tayho.get(`/api/v1/centres/${id}`);
      expect(old.body.centre).toMatchObject({ archivedReason: "merged" });
      expect(old.body.centre.archivedAt).not.toBeNull();
    }
    const successions = await t.db.selectFrom("centre_successions").selectAll().execute();
    expect(
      successions.map((s) => [s.commune_id, s.successor_id, s.predecessor_commune_id].map(Number)),
    ).toEqual(
      expect.arrayContaining([
        [ward, centre.tayho, buoi],
        [ward, centre.tayho, xuanLa],
      ]),
    );

    const before = await count("centre_decisions");
    const twice = await decide(tayho, centre.tayho!, {
      ...founding("2025-08-25", "UBND phường Tây Hồ"),
      kind: "merger",
      predecessorIds: [centre.buoi],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toMatch(/phường Bưởi đã được sáp nhập vào trung tâm khác/);
    const late = await decide(tayho, centre.buoi!, {
      ...founding("2025-09-10", "UBND phường Tây Hồ"),
      kind: "other",
    });
    expect(late.status).toBe(422);
    expect(late.body.error.message).toMatch(/ngày ký không được sau ngày đó/);
    const dissolveMerged = await decide(tayho, centre.buoi!, {
      ...founding("2025-06-10", "UBND quận Tây Hồ"),
      kind: "dissolution",
    });
    expect(dissolveMerged.status).toBe(422);
    expect(await count("centre_decisions")).toBe(before);
  });

  it("dissolves a centre once: a second dissolution is refused", async () => {
    const club = await addCentre(tayho, ward, "Trung tâm Văn hóa – Thể thao và Học tập cộng đồng Tây Hồ");
    expect((await decide(tayho, club, founding("2025-07-20", "UBND phường Tây Hồ"))).status).toBe(201);
    const dissolution = { ...founding("2025-10-01", "UBND phường Tây Hồ"), kind: "dissolution" };
    const done = await decide(tayho, club, dissolution);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect((await tayho.get(`/api/v1/centres/${club}`)).body.centre.archivedReason).toBe("dissolved");
    const again = await decide(tayho, club, dissolution);
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/đã giải thể/);
  });

  it("sets the board and staff as a whole list, one director, the replaced kept in the history", async () => {
    const decisions = (await tayho.get(`/api/v1/centres/${centre.tayho}/decisions`)).body.decisions;
    const appointment = decisions[0].id;
    const board = [
      {
        role: "director",
        fullName: "Lê Văn Bình",
        post: "Phó Chủ tịch UBND phường",
        since: "2025-07-15",
        decisionId: appointment,
      },
      { role: "deputy_director", fullName: "Trần Thị Hòa", post: "Chủ tịch Hội Khuyến học phường" },
      { role: "teacher", fullName: "Phạm Thúy Hằng", post: "Giáo viên Trường THCS Chu Văn An" },
    ];
    const staffCount = await count("centre_staff");
    const two = await tayho.request("PUT", `/api/v1/centres/${centre.tayho}/staff`, {
      staff: [...board, { role: "director", fullName: "Ngô Văn Khỏe" }],
    });
    expect(two.status).toBe(422);
    expect(two.body.error.details.fields.staff).toMatch(/chỉ có một giám đốc/);
    const foreign = await tayho.request("PUT", `/api/v1/centres/${centre.tayho}/staff`, {
      staff: [{ ...board[0], decisionId: decisions.length + 9999 }],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details.fields).toHaveProperty(["staff.0.decisionId"]);
    expect(await count("centre_staff")).toBe(staffCount);

    const set = await tayho.request("PUT", `/api/v1/centres/${centre.tayho}/staff`, { staff: board });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.staff.map((s: { role: string }) => s.role)).toEqual([
      "director",
      "deputy_director",
      "teacher",
    ]);
    const ids = set.body.staff.map((s: { id: number }) => s.id);
    const changed = await tayho.request("PUT", `/api/v1/centres/${centre.tayho}/staff`, {
      staff: [board[0], board[1], { role: "reporter", fullName: "Đỗ Minh Tâm", post: "Bí thư Đoàn phường" }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.staff.map((s: { id: number }) => s.id).slice(0, 2)).toEqual(ids.slice(0, 2));
    const history = (await tayho.get(`/api/v1/centres/${centre.tayho}/history`)).body;
    const teacher = history.staff.find((s: { fullName: string }) => s.fullName === "Phạm Thúy Hằng");
    expect(teacher.removedAt).not.toBeNull();
    expect(history.staff.filter((s: { removedAt: string | null }) => !s.removedAt)).toHaveLength(3);
  });

  it("reads the old centres' history and classes from a grant on the new ward only; another province is refused", async () => {
    const viewer = await signedInUser(t, hanoi, { username: "xem.tayho", role: "viewer", unitId: ward });
    const history = await viewer.get(`/api/v1/centres/${centre.tayho}/history`);
    expect(history.status).toBe(200);
    expect(
      history.body.predecessors.map((p: { centre: { communeId: number } }) => p.centre.communeId).sort(),
    ).toEqual([buoi, xuanLa].sort());
    expect(history.body.predecessors[0]).toMatchObject({
      depth: 1,
      via: centre.tayho,
      decision: { number: "120/QĐ-UBND" },
    });
    const old = await viewer.get(`/api/v1/centres/${centre.buoi}/history`);
    expect(old.status).toBe(200);
    expect(old.body.centre).toMatchObject({ archivedReason: "merged", communeName: "Phường Bưởi" });
    expect(old.body.decisions.map((d: { kind: string }) => d.kind)).toEqual(["founding"]);
    expect(old.body.successors).toEqual([
      expect.objectContaining({
        centre: expect.objectContaining({ id: centre.tayho }),
        depth: 1,
        via: centre.buoi,
      }),
    ]);
    const classes = await viewer.get(`/api/v1/activities?unitId=${buoi}&centreId=${centre.buoi}&archived=0`);
    expect(classes.status).toBe(200);
    expect(classes.body.activities.map((a: { id: number }) => a.id)).toEqual([activity.buoi]);
    const none = await viewer.get(`/api/v1/activities?unitId=${buoi}&centreId=${centre.xuanLa}`);
    expect(none.body.activities).toEqual([]);
    const write = await decide(viewer, centre.tayho!, {
      ...founding("2025-09-02", "UBND phường Tây Hồ"),
      kind: "other",
    });
    expect(write.status).toBe(403);

    const hcm = await t.as("hcm");
    for (const path of [
      `/centres/${centre.buoi}/history`,
      `/centres/${centre.tayho}/decisions`,
      `/centres/${centre.tayho}/staff`,
    ])
      expect((await hcm.get(`/api/v1${path}`)).status).toBe(404);
    const outside = await decide(hcm, centre.tayho!, {
      ...founding("2025-09-02", "UBND phường Tây Hồ"),
      kind: "other",
    });
    expect(outside.status).toBe(404);
  });

  it("names the centre's commune: one commune's shard, another commune's centre not found", async () => {
    // Ba Đình: a commune Hà Nội reads, which is not the centre's.
    const badinh = await t.unitId("00004");
    const missing = (await hanoi.get("/api/v1/centres/999999999/decisions")).body.error.message;
    for (const path of ["decisions", "staff", "history"]) {
      const url = `/api/v1/centres/${centre.tayho}/${path}`;
      expect((await hanoi.get(`${url}?communeId=${ward}`)).status, path).toBe(200);
      const other = await hanoi.get(`${url}?communeId=${badinh}`);
      expect(other.status, path).toBe(404);
      expect(other.body.error.message).toBe(missing);
    }
    // The history of an old ward's centre, named with its own commune, still follows the merger into the new ward.
    const old = await hanoi.get(`/api/v1/centres/${centre.buoi}/history?communeId=${buoi}`);
    expect(old.body.successors.map((s: { centre: { id: number } }) => s.centre.id)).toEqual([centre.tayho]);

    const decisions = await count("centre_decisions");
    const staff = (await tayho.get(`/api/v1/centres/${centre.tayho}/staff`)).body.staff;
    const list = staff.map((s: Record<string, unknown>) => ({
      role: s.role,
      fullName: s.fullName,
      post: s.post,
      since: s.since,
      decisionId: s.decisionId,
    }));
    const body = { ...founding("2025-09-05", "UBND phường Tây Hồ"), kind: "other", number: "130/QĐ-UBND" };
    const staffUrl = `/api/v1/centres/${centre.tayho}/staff`;
    expect((await tayho.request("PUT", `${staffUrl}?communeId=${badinh}`, { staff: [] })).status).toBe(404);
    expect(
      (await tayho.post(`/api/v1/centres/${centre.tayho}/decisions?communeId=${badinh}`, body)).status,
    ).toBe(404);
    expect(await count("centre_decisions")).toBe(decisions);
    expect((await tayho.get(staffUrl)).body.staff).toEqual(staff);
    const kept = await tayho.request("PUT", `${staffUrl}?communeId=${ward}`, { staff: list });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.staff).toEqual(staff);
    const made = await tayho.post(`/api/v1/centres/${centre.tayho}/decisions?communeId=${ward}`, body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(await count("centre_decisions")).toBe(decisions + 1);
  });
});
