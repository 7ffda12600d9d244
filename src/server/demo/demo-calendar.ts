/**
 * The demo follows the calendar: what has happened by today in each year's cycle (RULES.md §2.5: registration in
 * the first quarter, self-assessment, review meetings and decisions at the end of the year; the commune's own title
 * under TT 25/2023 is decided in the first quarter of the next year). Pure functions of the date, so a test can
 * ask what the demo looks like on any day.
 *
 * Groups (a residential group's households, or a ward's clans) do not move in step: a "lag" from 0 (the first
 * group) to 1 (the last) spreads their work over the autumn, so that late in the year most groups are decided
 * while the last one still has forms to score, a meeting to hold and a decision waiting to be signed.
 */
import { addDays } from "../modules/territory/dates";
import { reformYear } from "./demo-plan";

export type IsoDay = string;

const day = (year: number, month: number, dayOfMonth: number): IsoDay =>
  `${year}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;

const between = (from: IsoDay, to: IsoDay, share: number): IsoDay => {
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return addDays(from, Math.round(span * share));
};

/** A review meeting of a group and the decision that follows it (drafted, then signed by another person). */
export type Meeting = { heldOn: IsoDay; covers: IsoDay; draftedOn: IsoDay; signedOn: IsoDay };

export type GroupSchedule = {
  registeredOn: IsoDay;
  /** Self-assessments are spread evenly over this window, in the order of the subjects. */
  assessFrom: IsoDay;
  assessTo: IsoDay;
  meetings: Meeting[];
};

/**
 * The year's schedule of a group with the given lag (0..1): one review meeting when its forms are all in, or
 * `meetings` spread over the window (the last group of the current year, still at work). In the reform year the
 * new wards registered again after 1 July 2025, when they came into force.
 */
export function groupSchedule(year: number, lag: number, meetings: 1 | 3 = 1): GroupSchedule {
  const registeredOn =
    year === reformYear
      ? addDays(day(year, 7, 10), Math.round(20 * lag))
      : addDays(day(year, 1, 12), Math.round(60 * lag));
  const assessFrom = addDays(day(year, 9, 1), Math.round(40 * lag));
  const assessTo = addDays(day(year, 10, 20), Math.round(46 * lag));
  // Each meeting covers the forms in by then (a group meeting three times: half, three quarters, all); its
  // decision is drafted two days later and signed a week after that.
  const shares = meetings === 1 ? [1] : meetings === 3 ? [0.5, 0.75, 1] : [];
  const held = shares.map((share) => {
    const covers = between(assessFrom, assessTo, share);
    const heldOn = addDays(covers, 3);
    return { heldOn, covers, draftedOn: addDays(heldOn, 2), signedOn: addDays(heldOn, 8) };
  });
  return { registeredOn, assessFrom, assessTo, meetings: held };
}

/**
 * The commune's own title (Cộng đồng học tập cấp xã). Under TT 44/2014 (points) the district decided in December of
 * the year; under TT 25/2023 (levels) the dossier goes in before 28/02 and recognition comes before 31/03 of the
 * next year (RULES.md §1.2).
 */
export function communeSchedule(year: number, scheme: "points" | "levels"): GroupSchedule {
  const registeredOn = year === reformYear ? day(year, 7, 20) : day(year, 1, 20);
  if (scheme === "points") {
    const meeting = { covers: day(year, 11, 25), heldOn: day(year, 11, 28), draftedOn: day(year, 12, 10) };
    return {
      registeredOn,
      assessFrom: day(year, 11, 25),
      assessTo: day(year, 11, 25),
      meetings: [{ ...meeting, signedOn: day(year, 12, 18) }],
    };
  }
  const meeting = {
    covers: day(year + 1, 1, 20),
    heldOn: day(year + 1, 2, 10),
    draftedOn: day(year + 1, 3, 5),
  };
  return {
    registeredOn,
    assessFrom: day(year + 1, 1, 20),
    assessTo: day(year + 1, 1, 20),
    meetings: [{ ...meeting, signedOn: day(year + 1, 3, 20) }],
  };
}

/** The day the subject at `index` of `count` fills in its self-assessment. */
export function assessedOn(schedule: GroupSchedule, index: number, count: number): IsoDay {
  return between(schedule.assessFrom, schedule.assessTo, count <= 1 ? 0 : index / (count - 1));
}

/** The meeting that reviews a form filled in on `day`: the first one held after it. */
export function meetingFor(schedule: GroupSchedule, assessed: IsoDay): number {
  const index = schedule.meetings.findIndex((m) => assessed <= m.covers);
  return index < 0 ? schedule.meetings.length - 1 : index;
}

export const lagOf = (index: number, count: number) => (count <= 1 ? 0 : index / (count - 1));
