/**
 * A named learner's attended hours as evidence of their Công dân học tập self-assessment, and the class's completion
 * certificates (docs/CENTRES.md, "Giờ học và giấy chứng nhận"): present at 3 sessions of 90 minutes → "4,5 giờ"
 * beside the learning item, absent marks not counted, never scored; another commune's reader refused; one page per
 * learner at 80% or more, read back with pdftotext and zbarimg, the public check naming no minor.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays, today } from "../../src/server/modules/territory/dates";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { pdfText } from "../helpers/fund";

const zbar = spawnSync("which", ["zbarimg"]).status === 0 && spawnSync("which", ["pdftoppm"]).status === 0;
const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-completion-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of every QR code on the PDF's pages (pdftoppm, zbarimg). */
function qrCodes(pdf: Uint8Array, name: string): string[] {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "110", file, path.join(dir, name)], { stdio: "ignore" });
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"))
    .flatMap((page) =>
      execFileSync("zbarimg", ["-q", "--raw", path.join(dir, page)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      })
        .split("\n")
        .filter(Boolean),
    );
}

describeEachEngine("learner evidence: attended hours and completion certificates", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let teacher: ApiClient;
  let activity: number;
  let other: number;
  const people: Record<string, number> = {};
  const day = today();
  const year = Number(day.slice(0, 4));
  // Four sessions of the year (a day of early January may hold several).
  const yearStart = `${year}-01-01`;
  const heldOn = (k: number) => (addDays(day, -k) < yearStart ? yearStart : addDays(day, -k));

  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    teacher = await t.as("giaovien.tayho");
    const ward = await t.unitId("00103");
    const centre = await tayho.post("/api/v1/centres", {
      communeId: ward,
      code: "01",
      name: "TTHTCĐ Tây Hồ",
    });
    expect(centre.status, JSON.stringify(centre.body)).toBe(201);
    const create = async (title: string, certificate: string) => {
      const made = await tayho.post("/api/v1/activities", {
        communeId: ward,
        centreId: centre.body.centre.id,
        title,
        topic: "computing",
        startsOn: yearStart,
        endsOn: addDays(day, 30),
        attendanceMode: "named",
        classSize: 30,
        certificate,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return made.body.activity.id as number;
    };
    activity = await create("Tin học cho người cao tuổi", "yes");
    other = await create("Câu lạc bộ đọc sách", "no");
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    for (const [key, fullName, birthYear] of [
      ["hoa", "Nguyễn Thị Hòa", 1958],
      ["khoe", "Trần Văn Khỏe", 1980],
      ["thuy", "Lê Thị Thúy", 1990],
      ["minor", "Phạm Minh An", year - 12],
    ] as const) {
      const made = await tayho.post("/api/v1/citizens", { villageId: village, fullName, birthYear });
      people[key] = made.body.citizen.id;
    }
    const learners = Object.values(people).map((citizenId) => ({ citizenId }));
    expect(
      (await teacher.request("PUT", `/api/v1/activities/${activity}/learners`, { learners })).status,
    ).toBe(200);
    // Hòa: present 3 of 4 (75 %); Khỏe: 1 of 4; Thúy and the minor: 4 of 4.
    for (let k = 0; k < 4; k++) {
      const made = await teacher.post(`/api/v1/activities/${activity}/sessions`, {
        clientKey: crypto.randomUUID(),
        heldOn: heldOn(k),
        minutes: 90,
        marks: [
          { citizenId: people.hoa, present: k < 3 },
          { citizenId: people.khoe, present: k === 0 },
          { citizenId: people.thuy, present: true },
          { citizenId: people.minor, present: true },
        ],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it("shows the citizen's hours beside the learning item, as evidence only; another commune is refused", async () => {
    const title = "learning_citizen";
    const registered = await tayho.post("/api/v1/registrations", {
      year,
      title,
      subjects: [{ kind: "citizen", id: people.hoa }],
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const ward = await t.unitId("00103");
    const list = await tayho.get(`/api/v1/registrations?unitId=${ward}&year=${year}&title=${title}`);
    const registration = list.body.registrations.find((r: any) => r.subject.id === people.hoa);
    const response = await tayho.get(`/api/v1/registrations/${registration.id}/suggestions`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { suggestions } = response.body;
    expect(suggestions.map((s: any) => s.itemKey)).toEqual(["tc1.2"]);
    const [s] = suggestions;
    expect(s).toMatchObject({ met: null, points: null, noteOnly: true });
    expect(s.sources).toEqual([
      "Tin học cho người cao tuổi (Tin học, TTHTCĐ Tây Hồ): có mặt 3 buổi, 4,5 giờ",
    ]);
    expect(s.note).toContain("4,5 giờ");

    const maokhe = await t.as("maokhe");
    expect([403, 404]).toContain(
      (await maokhe.get(`/api/v1/registrations/${registration.id}/suggestions`)).status,
    );
  });

  it("prints one certificate per learner at 80 % of the sessions, with a QR code the public check answers", async () => {
    // Named with the activity's commune (as the web does); under another commune the class is not found.
    const ward = await t.unitId("00103");
    const pdf = `/api/v1/activities/${activity}/certificates.pdf`;
    const elsewhere = await teacher.get(`${pdf}?communeId=${await t.unitId("00004")}`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.message).toMatch(/^Không tìm thấy lớp học, chuyên đề/);
    expect(await t.db.selectFrom("activity_certificates").select("code").execute()).toEqual([]);
    const response = await teacher.get(`${pdf}?communeId=${ward}`);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(response.body as ArrayBuffer);
    const text = pdfText(bytes);
    if (text !== null) {
      expect(text).toContain("Lê Thị Thúy");
      expect(text).toContain("Phạm Minh An");
      expect(text).toContain("6 giờ học");
      expect(text).not.toContain("Nguyễn Thị Hòa");
      expect(text).not.toContain("Trần Văn Khỏe");
      expect(text).toContain("GIÁM ĐỐC");
    }
    // Printing again keeps the codes.
    const rows = await t.db.selectFrom("activity_certificates").select(["citizen_id", "code"]).execute();
    expect(rows).toHaveLength(2);
    await teacher.get(`/api/v1/activities/${activity}/certificates.pdf`);
    expect(await t.db.selectFrom("activity_certificates").select(["citizen_id", "code"]).execute()).toEqual(
      rows,
    );

    const codes = new Map(rows.map((r) => [Number(r.citizen_id), r.code]));
    if (zbar) {
      const urls = qrCodes(bytes, `completion-${engine}`);
      expect(urls).toHaveLength(2);
      for (const url of urls) expect(url).toMatch(/\/xac-minh\/[A-Z0-9]+$/);
      const fromQr = urls.map((u) => u.split("/").pop());
      expect(fromQr.sort()).toEqual([...codes.values()].sort());
    }
    const anonymous = t.anonymous();
    const adult = await anonymous.get(`/api/v1/public/completion-certificates/${codes.get(people.thuy!)}`);
    expect(adult.status).toBe(200);
    expect(adult.body.certificate).toMatchObject({
      holderName: "Lê Thị Thúy",
      activity: "Tin học cho người cao tuổi",
      centre: "TTHTCĐ Tây Hồ",
      valid: true,
    });
    const minor = await anonymous.get(`/api/v1/public/completion-certificates/${codes.get(people.minor!)}`);
    expect(minor.body.certificate.holderName).toBeNull();
    expect(JSON.stringify(minor.body)).not.toContain("Phạm");
    expect((await anonymous.get("/api/v1/public/completion-certificates/ZZZZZZZZ")).status).toBe(404);
  });

  it("refuses a class without certificates, other communes and roles without attendance", async () => {
    const none = await teacher.get(`/api/v1/activities/${other}/certificates.pdf`);
    expect(none.status).toBe(422);
    expect(none.body.error.message).toMatch(/không cấp giấy chứng nhận/);
    expect((await (await t.as("maokhe")).get(`/api/v1/activities/${activity}/certificates.pdf`)).status).toBe(
      404,
    );
    expect(
      (await (await t.as("tayho.duyet")).get(`/api/v1/activities/${activity}/certificates.pdf`)).status,
    ).toBe(403);
  });
});
