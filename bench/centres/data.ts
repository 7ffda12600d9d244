/**
 * The rows of the centres benchmark (bench/centres/run.ts), deterministic and valid by construction (they are
 * COPYed with every trigger off, foreign keys included): one centre per commune, 20 activities each (12 named with
 * 25 learners of 150 citizens of the commune, 8 by head count; starting years 2017–2026, activity a in 2017 + a % 10),
 * the sessions spread evenly over the communes, and one mark per learner of each named session. A named session's
 * counts are those the service would compute from its marks (attendees present, women and minorities from the
 * enrolment, elderly 60 or more in the session's year).
 */
import { topics } from "../../src/shared/registry/kinds/topics";
import { csvLine, hash01, headName } from "../national/data";
import type { Commune } from "../national/load";

export const activitiesPerCommune = 20;
export const namedPerCommune = 12;
export const learnersPerActivity = 25;
export const citizensPerCommune = 150;
const kinds = ["class", "talk", "club"] as const;

export type Plan = { communes: Commune[]; namedTotal: number; headTotal: number };

/** Sessions asked and marks asked: a named session carries `learnersPerActivity` marks, the rest are head counts. */
export function plan(communes: Commune[], sessions: number, marks: number): Plan {
  const namedTotal = Math.min(sessions, Math.round(marks / learnersPerActivity));
  return { communes, namedTotal, headTotal: sessions - namedTotal };
}

const share = (total: number, i: number, n: number) =>
  Math.floor((total * (i + 1)) / n) - Math.floor((total * i) / n);

/** Commune i's named and head-count sessions and the id of its first session (ids dense, commune after commune). */
export function sessionsOf(p: Plan, i: number) {
  const n = p.communes.length;
  return {
    named: share(p.namedTotal, i, n),
    head: share(p.headTotal, i, n),
    firstId: Math.floor((p.namedTotal * i) / n) + Math.floor((p.headTotal * i) / n) + 1,
  };
}

export const activityId = (i: number, a: number) => i * activitiesPerCommune + a + 1;
export const activityYear = (a: number) => 2017 + (a % 10);
export const citizenId = (i: number, k: number) => i * citizensPerCommune + k + 1;
/** The j-th learner (citizen index in the commune) of named activity a. */
export const learnerOf = (a: number, j: number) => (a * 13 + j) % citizensPerCommune;
const female = (i: number, k: number) => hash01(i, k, 1) < 0.55;
const minority = (i: number, k: number) => hash01(i, k, 2) < 0.15;
const birthYear = (i: number, k: number) => 1940 + Math.floor(hash01(i, k, 3) * 70);
const present = (i: number, s: number, j: number) => hash01(i, s, j, 4) < 0.85;

function heldOn(i: number, s: number, salt: number, year: number) {
  const day = Math.floor(hash01(i, s, salt, 5) * 334); // 1 January to 30 November
  return new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
}

export const centreColumns = ["commune_id", "id", "province_id", "code", "name", "founded_on"];
export function* centreLines(p: Plan) {
  for (const c of p.communes)
    yield csvLine([
      c.id,
      c.index + 1,
      c.provinceId,
      "TT01",
      `Trung tâm học tập cộng đồng ${c.name}`,
      `${2005 + (c.index % 15)}-09-05`,
    ]);
}

export const activityColumns = [
  "commune_id",
  "id",
  "province_id",
  "centre_id",
  "code",
  "title",
  "activity_kind",
  "topic",
  "starts_on",
  "ends_on",
  "attendance_mode",
  "class_size",
];
export function* activityLines(p: Plan) {
  for (const c of p.communes)
    for (let a = 0; a < activitiesPerCommune; a++) {
      const year = activityYear(a);
      const named = a < namedPerCommune;
      yield csvLine([
        c.id,
        activityId(c.index, a),
        c.provinceId,
        c.index + 1,
        `HD${String(a + 1).padStart(2, "0")}`,
        `${named ? "Lớp" : "Chuyên đề"} ${a + 1} năm ${year}`,
        kinds[a % 3]!,
        topics[a % topics.length]!,
        `${year}-01-01`,
        `${year}-12-31`,
        named ? "named" : "headcount",
        named ? 30 : null,
      ]);
    }
}

export const citizenColumns = ["commune_id", "id", "province_id", "village_id", "full_name", "birth_year"];
export function* citizenLines(p: Plan) {
  for (const c of p.communes)
    for (let k = 0; k < citizensPerCommune; k++)
      yield csvLine([
        c.id,
        citizenId(c.index, k),
        c.provinceId,
        c.villages[k % c.villages.length]!.id,
        headName(3_000_000_000 + citizenId(c.index, k)),
        birthYear(c.index, k),
      ]);
}

export const learnerColumns = [
  "commune_id",
  "activity_id",
  "citizen_id",
  "province_id",
  "female",
  "minority",
];
export function* learnerLines(p: Plan) {
  for (const c of p.communes)
    for (let a = 0; a < namedPerCommune; a++)
      for (let j = 0; j < learnersPerActivity; j++) {
        const k = learnerOf(a, j);
        yield `${c.id},${activityId(c.index, a)},${citizenId(c.index, k)},${c.provinceId},${female(c.index, k)},${minority(c.index, k)}\n`;
      }
}

export const sessionColumns = [
  "commune_id",
  "id",
  "province_id",
  "activity_id",
  "client_key",
  "held_on",
  "minutes",
  "attendees",
  "women",
  "minorities",
  "elderly",
];
const clientKey = (id: number) => `00000000-0000-4000-8000-${id.toString(16).padStart(12, "0")}`;
export function* sessionLines(p: Plan) {
  for (const c of p.communes) {
    const { named, head, firstId } = sessionsOf(p, c.index);
    const i = c.index;
    for (let s = 0; s < named; s++) {
      const a = s % namedPerCommune;
      const year = activityYear(a);
      let attendees = 0;
      let women = 0;
      let minorities = 0;
      let elderly = 0;
      for (let j = 0; j < learnersPerActivity; j++) {
        if (!present(i, s, j)) continue;
        const k = learnerOf(a, j);
        attendees++;
        if (female(i, k)) women++;
        if (minority(i, k)) minorities++;
        if (year - birthYear(i, k) >= 60) elderly++;
      }
      const id = firstId + s;
      yield `${c.id},${id},${c.provinceId},${activityId(i, a)},${clientKey(id)},${heldOn(i, s, 1, year)},90,${attendees},${women},${minorities},${elderly}\n`;
    }
    for (let h = 0; h < head; h++) {
      const a = namedPerCommune + (h % (activitiesPerCommune - namedPerCommune));
      const attendees = 10 + Math.floor(hash01(i, h, 6) * 40);
      const id = firstId + named + h;
      yield `${c.id},${id},${c.provinceId},${activityId(i, a)},${clientKey(id)},${heldOn(i, h, 2, activityYear(a))},60,${attendees},${Math.floor(attendees * 0.55)},${Math.floor(attendees * 0.1)},${Math.floor(attendees * 0.2)}\n`;
    }
  }
}

export const markColumns = [
  "commune_id",
  "session_id",
  "citizen_id",
  "activity_id",
  "province_id",
  "present",
];
export function* markLines(p: Plan) {
  for (const c of p.communes) {
    const { named, firstId } = sessionsOf(p, c.index);
    for (let s = 0; s < named; s++) {
      const a = s % namedPerCommune;
      const head = `${c.id},${firstId + s},`;
      const tail = `,${activityId(c.index, a)},${c.provinceId},`;
      for (let j = 0; j < learnersPerActivity; j++)
        yield `${head}${citizenId(c.index, learnerOf(a, j))}${tail}${present(c.index, s, j)}\n`;
    }
  }
}
