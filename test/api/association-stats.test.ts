/**
 * Issue 8, acceptance 2: a commune's Hội over six years (2020–2025): chapters founded and one dissolved, members
 * joining, transferring and leaving, some linked to their household, collective members, and a village merged into
 * another in the middle (01/07/2023). The figures the API gives (counters, migration 0019) are checked against a
 * model of what the test did and against a recount from the tables: per commune and per village at the end of each
 * year, the growth series, members per chapter on several dates, and `stats verify` finds no difference, also after
 * concurrent writes.
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

type Member = {
  id: number;
  version: number;
  village: number;
  sex: "male" | "female" | null;
  kind: "individual" | "collective";
  joinedOn: string;
  leftOn: string | null;
  household: number | null;
  /** [chapter, from] in order; each period ends where the next begins (or on leaving). */
  periods: [number, string][];
};

const MERGED_ON = "2023-07-01";
const years = [2020, 2021, 2022, 2023, 2024, 2025];

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}
const dateIn = (pick: (n: number) => number, year: number, afterMonth = 0) =>
  `${year}-${String(afterMonth + 1 + pick(11 - afterMonth)).padStart(2, "0")}-${String(1 + pick(28)).padStart(2, "0")}`;

describeEachEngine("Hội Khuyến học over six years: counters against a recount", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let ward: number;
  let villages: number[];
  const chapters: {
    id: number;
    village: number | null;
    kind: string;
    founded: string;
    dissolved: string | null;
  }[] = [];
  const members: Member[] = [];

  const active = (m: Member, on: string) => m.joinedOn <= on && (m.leftOn === null || m.leftOn > on);
  /** Where a member is counted on a date: their village, or the village it merged into. */
  const placeOn = (m: Member, on: string) =>
    m.village === villages[1] && on >= MERGED_ON ? villages[0]! : m.village;
  /** Households counted as having a member on a date: from their first member's joining to their last one's leaving. */
  const covered = (on: string) => {
    const byHousehold = new Map<number, Member[]>();
    for (const m of members)
      if (m.household) byHousehold.set(m.household, [...(byHousehold.get(m.household) ?? []), m]);
    return [...byHousehold.values()].filter(
      (list) =>
        list.some((m) => m.joinedOn <= on) &&
        (list.some((m) => m.leftOn === null) || list.some((m) => m.leftOn! > on)),
    ).length;
  };
  const chapterOn = (m: Member, on: string) => {
    if (!active(m, on)) return null;
    let current: number | null = null;
    for (const [chapter, from] of m.periods) if (from <= on) current = chapter;
    return current;
  };

  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    ward = await t.unitId("00103");
    villages = (await hanoi.get(`/api/v1/units/${ward}/children`)).body.units
      .filter((u: { level: string }) => u.level === "village")
      .map((u: { id: number }) => u.id)
      .slice(0, 3);
    expect(villages).toHaveLength(3);
  });
  afterAll(() => t.close());

  it("builds six years of the Hội and its figures match the model and a recount on every date", async () => {
    const pick = random(20251);
    const school = await hanoi.post("/api/v1/organizations", {
      unitId: ward,
      name: "Trường Tiểu học Nhật Tân",
      kind: "school",
    });
    expect(school.status, JSON.stringify(school.body)).toBe(201);
    const company = await hanoi.post("/api/v1/organizations", {
      unitId: ward,
      name: "Công ty Sơn Hà",
      kind: "enterprise",
    });
    const plan = [
      { unitId: villages[0]!, name: "Chi hội Khuyến học số 1", kind: "village", foundedOn: "2020-01-15" },
      { unitId: villages[1]!, name: "Chi hội Khuyến học số 2", kind: "village", foundedOn: "2020-03-01" },
      { unitId: villages[2]!, name: "Chi hội Khuyến học số 3", kind: "village", foundedOn: "2021-05-20" },
      {
        unitId: ward,
        name: "Chi hội Trường Tiểu học Nhật Tân",
        kind: "school",
        foundedOn: "2022-09-05",
        organizationId: school.body.organization.id,
      },
    ];
    for (const body of plan) {
      const created = await hanoi.post("/api/v1/chapters", body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      chapters.push({
        id: created.body.chapter.id,
        village: body.kind === "village" ? body.unitId : null,
        kind: body.kind,
        founded: body.foundedOn,
        dissolved: null,
      });
    }
    const households = await t.db
      .selectFrom("households")
      .select(["id", "village_id", "members"])
      .where("village_id", "in", villages)
      .orderBy("id")
      .execute();

    // 60 members over the six years: joined in any year, their village's chapter (or the school's), a household
    // for about half of them.
    for (let i = 0; i < 60; i++) {
      const village = villages[pick(3)]!;
      const own = chapters.filter((c) => c.village === village || (c.kind === "school" && pick(4) === 0));
      const chapter = own[own.length - 1]!;
      const joinYear = Math.max(Number(chapter.founded.slice(0, 4)), 2020 + pick(6));
      let joinedOn = dateIn(pick, joinYear);
      if (joinedOn < chapter.founded) joinedOn = chapter.founded;
      const sex = pick(2) === 0 ? "female" : "male";
      const home = households.filter((h) => Number(h.village_id) === village);
      const household = pick(2) === 0 && home.length ? Number(home[pick(home.length)]!.id) : null;
      const created = await hanoi.post("/api/v1/members", {
        unitId: village,
        chapterId: chapter.id,
        fullName: `Hội viên ${i + 1}`,
        sex,
        birthYear: 1950 + pick(40),
        joinedOn,
        ...(household ? { householdId: household } : {}),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      members.push({
        id: created.body.member.id,
        version: created.body.member.version,
        village,
        sex,
        kind: "individual",
        joinedOn,
        leftOn: null,
        household,
        periods: [[chapter.id, joinedOn]],
      });
    }
    for (const [i, org] of [school.body.organization, company.body.organization].entries()) {
      const joinedOn = `${2021 + i * 2}-06-01`;
      const created = await hanoi.post("/api/v1/members", {
        unitId: ward,
        chapterId: chapters[3]!.id,
        fullName: org.name,
        memberKind: "collective",
        organizationId: org.id,
        joinedOn: i === 0 ? "2022-09-05" : joinedOn,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const m = created.body.member;
      members.push({
        id: m.id,
        version: m.version,
        village: ward,
        sex: null,
        kind: "collective",
        joinedOn: m.joinedOn,
        leftOn: null,
        household: null,
        periods: [[chapters[3]!.id, m.joinedOn]],
      });
    }

    // Transfers: every fifth member moves to the next village chapter, some months after joining.
    for (const [i, m] of members.entries()) {
      if (i % 5 !== 0 || m.kind === "collective") continue;
      const target = chapters.find(
        (c) => c.kind === "village" && c.id !== m.periods[0]![0] && c.founded < "2025-01-01",
      )!;
      const since = `${Math.max(Number(m.joinedOn.slice(0, 4)) + 1, Number(target.founded.slice(0, 4)) + 1)}-02-10`;
      if (since > "2025-12-31") continue;
      const moved = await hanoi.patch(`/api/v1/members/${m.id}`, {
        chapterId: target.id,
        chapterSince: since,
        version: m.version,
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      m.version = moved.body.member.version;
      m.periods.push([target.id, since]);
    }

    // The village merge in the middle: village 2 into village 1; its chapter and members stay where they were.
    const second = (await hanoi.get(`/api/v1/units/${villages[1]}`)).body.unit;
    const merged = await hanoi.post(`/api/v1/units/${villages[1]}/merge`, {
      intoId: villages[0],
      date: MERGED_ON,
      version: second.version,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(204);

    // Leavings: every fourth member leaves some months after their last move.
    for (const [i, m] of members.entries()) {
      if (i % 4 !== 1) continue;
      const lastMove = m.periods[m.periods.length - 1]![1];
      const year = Number(lastMove.slice(0, 4)) + 1 + (i % 2);
      if (year > 2025) continue;
      const leftOn = dateIn(pick, year);
      const left = await hanoi.patch(`/api/v1/members/${m.id}`, {
        leftOn,
        leftReason: "moved",
        version: m.version,
      });
      expect(left.status, JSON.stringify(left.body)).toBe(200);
      m.version = left.body.member.version;
      m.leftOn = leftOn;
    }
    // The school's chapter is dissolved at the end of 2024: archived with its date.
    const school4 = (await hanoi.get(`/api/v1/chapters/${chapters[3]!.id}`)).body.chapter;
    const dissolved = await hanoi.patch(`/api/v1/chapters/${chapters[3]!.id}`, {
      dissolvedOn: "2024-12-20",
      version: school4.version,
    });
    expect(dissolved.status, JSON.stringify(dissolved.body)).toBe(200);
    chapters[3]!.dissolved = "2024-12-20";

    // The series: every year's end against the model.
    const series = await hanoi.get(`/api/v1/stats/association/series?unitId=${ward}&from=2020&to=2025`);
    expect(series.status, JSON.stringify(series.body)).toBe(200);
    for (const year of years) {
      const end = `${year}-12-31`;
      const individuals = members.filter((m) => m.kind === "individual");
      const expected = {
        members: individuals.filter((m) => active(m, end)).length,
        women: individuals.filter((m) => active(m, end) && m.sex === "female").length,
        collective: members.filter((m) => m.kind === "collective" && active(m, end)).length,
        joined: individuals.filter((m) => m.joinedOn.startsWith(`${year}-`)).length,
        left: individuals.filter((m) => m.leftOn?.startsWith(`${year}-`)).length,
        chapters: chapters.filter((c) => c.founded <= end && (c.dissolved === null || c.dissolved > end))
          .length,

        householdsWithMember: covered(end),
      };
      const point = series.body.points.find((p: { year: number }) => p.year === year);
      expect(point.figures, `end of ${year}`).toMatchObject(expected);

      // The same year's roll-up: the commune and its villages in force on 31/12 (village 2 inside village 1 after
      // the merge), the rows adding up to the commune.
      const rollup = await hanoi.get(`/api/v1/stats/association?unitId=${ward}&year=${year}`);
      expect(rollup.status).toBe(200);
      expect(rollup.body.figures).toMatchObject(expected);
      for (const village of villages) {
        const row = rollup.body.children.find((c: { unit: { id: number } }) => c.unit.id === village);
        if (village === villages[1] && end >= MERGED_ON) {
          expect(row, `village 2 is gone in ${year}`).toBeUndefined();
          continue;
        }
        const here = individuals.filter((m) => active(m, end) && placeOn(m, end) === village);
        expect(row.figures.members, `village ${village}, ${year}`).toBe(here.length);
      }
      const sum = rollup.body.children.reduce(
        (s: number, c: { figures: { members: number } }) => s + c.figures.members,
        0,
      );
      expect(sum + (rollup.body.own?.members ?? 0)).toBe(expected.members);
    }

    // The province reads the per-commune counters: the ward's row there is the ward's figure.
    const province = (
      await t.db
        .selectFrom("admin_units")
        .select("parent_id")
        .where("id", "=", ward)
        .executeTakeFirstOrThrow()
    ).parent_id!;
    for (const year of [2025, 2026]) {
      const wardFigures = (await hanoi.get(`/api/v1/stats/association?unitId=${ward}&year=${year}`)).body
        .figures;
      const above = (await hanoi.get(`/api/v1/stats/association?unitId=${province}&year=${year}`)).body;
      const row = above.children.find((c: { unit: { id: number } }) => c.unit.id === ward);
      expect(row.figures, `the ward in its province, ${year}`).toEqual(wardFigures);
    }

    // Members per chapter on several dates: the model, and a recount from the periods the tables keep.
    for (const on of ["2020-06-30", "2021-12-31", "2023-06-30", "2023-07-01", "2024-12-31", "2025-12-31"]) {
      const { rows } = await sql<{ chapter_id: string; n: number }>`
        SELECT chapter_id, count(*)::int AS n FROM membership_periods
        WHERE commune_id = ${ward} AND valid_from <= ${on}::date AND (valid_to IS NULL OR valid_to > ${on}::date)
        GROUP BY 1`.execute(t.db);
      const recount = Object.fromEntries(rows.map((r) => [Number(r.chapter_id), Number(r.n)]));
      const model: Record<number, number> = {};
      for (const m of members) {
        const chapter = chapterOn(m, on);
        if (chapter !== null) model[chapter] = (model[chapter] ?? 0) + 1;
      }
      expect(recount, `members per chapter on ${on}`).toEqual(model);
    }

    // Residents and households: the registry's, as recorded.
    const latest = await hanoi.get(`/api/v1/stats/association?unitId=${ward}&year=2025`);
    const { residents, households: householdCount } = await sql<{ residents: number; households: number }>`
      SELECT coalesce(sum(members), 0)::int AS residents, count(*)::int AS households FROM households
      WHERE commune_id = ${ward} AND archived_at IS NULL`
      .execute(t.db)
      .then((r) => r.rows[0]!);
    expect(latest.body.figures).toMatchObject({ residents, households: householdCount });
    expect(latest.body.figures.chaptersByKind).toMatchObject({ village: 3, school: 0 });

    // A local target for the Hội: "mỗi gia đình có một hội viên", the share of households with a member.
    const wrong = await hanoi.post("/api/v1/targets", {
      unitId: ward,
      title: "association",
      metric: "recognizedRate",
      year: 2025,
      value: 60,
      basis: { number: "12/KH-HKH", issuer: "Hội Khuyến học phường Tây Hồ" },
    });
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.body.error.details.fields)).toEqual(["metric"]);
    const goal = await hanoi.post("/api/v1/targets", {
      unitId: ward,
      title: "association",
      year: 2025,
      value: 60,
      basis: { number: "12/KH-HKH", issuer: "Hội Khuyến học phường Tây Hồ" },
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    expect(goal.body.target).toMatchObject({
      metric: "householdShare",
      indicator: "Hội Khuyến học: tỷ lệ hộ có hội viên",
    });
    const withTarget = (await hanoi.get(`/api/v1/stats/association?unitId=${ward}&year=2025`)).body;
    expect(withTarget.targets).toEqual([
      expect.objectContaining({
        metric: "householdShare",
        value: 60,
        source: "local",
        actual: withTarget.figures.householdShare,
        status:
          withTarget.figures.householdShare < 60
            ? "not_met"
            : withTarget.figures.householdShare === 60
              ? "met"
              : "exceeded",
      }),
    ]);

    // The same table as CSV (for Excel: BOM, ";", decimal comma) and as a workbook, total rows equal to the figures.
    const csv = await hanoi.get(`/api/v1/stats/association.csv?unitId=${ward}&year=2025`);
    expect(csv.status).toBe(200);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body).split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFĐơn vị;Chi hội;Hội viên;Nữ;Mới kết nạp;Ra hội;Hội viên tập thể;Hội viên/100 dân;Hộ có hội viên;Tỷ lệ hộ có hội viên (%)",
    );
    const f = latest.body.figures;
    expect(lines.at(-2)).toBe(
      [
        "Tổng cộng",
        f.chapters,
        f.members,
        f.women,
        f.joined,
        f.left,
        f.collective,
        String(f.membersPer100.toFixed(2)).replace(".", ","),
        f.householdsWithMember,
        String(f.householdShare.toFixed(2)).replace(".", ","),
      ].join(";"),
    );
    const xlsx = await hanoi.get(`/api/v1/stats/association.xlsx?unitId=${ward}&year=2025`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const values: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => values.push([1, 2, 3, 4].map((i) => row.getCell(i).text)));
    expect(values.at(-1)!.slice(1, 4)).toEqual(["Tổng cộng", String(f.chapters), String(f.members)]);

    // Concurrent writes (PostgreSQL runs them in parallel), then the counters agree with a recount.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        hanoi.post("/api/v1/members", {
          unitId: villages[2],
          chapterId: chapters[2]!.id,
          fullName: `Đồng thời ${i}`,
          joinedOn: "2025-03-03",
          sex: i % 2 ? "male" : "female",
        }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect((await verifyCounters(t.db)).differences).toEqual([]);
    const after = await hanoi.get(`/api/v1/stats/association?unitId=${ward}&year=2025`);
    expect(after.body.figures.members).toBe(latest.body.figures.members + 12);
    expect(after.body.figures.joined).toBe(latest.body.figures.joined + 12);

    // A counter out of step is found and named.
    await sql`UPDATE association_counters SET added = added + 1 WHERE commune_id = ${ward} AND unit_id = ${villages[0]} AND metric = 'women' AND year = 2024`.execute(
      t.db,
    );
    const found = (await verifyCounters(t.db)).differences;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ title: "association", measure: "women.added", year: 2024 });
  });
});
