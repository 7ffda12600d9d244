/**
 * Who the demo fund's awards go to: the ward's pupils (invented, one a year of age apart, so that every school year
 * has pupils in grades 1 to 9; one in two poor), four teachers taking turns for the teacher's prize, the two schools
 * and their principals. Each school year has two rounds: prizes at its end, scholarships at its start.
 */
import { formatDong } from "../modules/fund/money";
import { hash, people } from "./demo-names";

export type AssetKey = "cash" | "bank";
export type PurposeKey = "general" | "scholarship";

export type Award = {
  /** A pupil or a teacher; `other`: a school, for the prizes of a list of its pupils. */
  kind: "student" | "teacher" | "other";
  name: string;
  /** A pupil: the public disclosure shows initials, school and class only. */
  minor: boolean;
  school: string;
  class: string | null;
  /** A parent who received the money for a primary-school pupil; a school's principal. */
  recipientName: string | null;
  amount: number;
  /** Cash at the ceremony, or a bank transfer to a school. */
  asset: AssetKey;
  /** The round's reason unless given. */
  reason?: string;
};

export const primarySchool = "Trường Tiểu học Ánh Dương";
export const secondarySchool = "Trường THCS Bình Minh";

/** An amount between `min` and `max` in steps of `step` đồng. */
export const amountIn = (next: () => number, min: number, max: number, step: number) =>
  min + Math.floor(next() * ((max - min) / step + 1)) * step;

export type Pupil = {
  name: string;
  sex: "male" | "female";
  father: string;
  /** The grade in school year 2020–2021 (below 1: not at school yet). */
  firstGrade: number;
  section: string;
  poor: boolean;
};
export type SchoolPeople = {
  pupils: Pupil[];
  teachers: string[];
  principals: Record<string, string>;
  /** The Hội's chair, who signs the ceremony's decision. */
  chair: string;
};

/** The pupils up to `lastYear`'s school year, the teachers and principals; none named like someone in `taken`. */
export function schoolPeople(taken: Set<string>, lastYear: number): SchoolPeople {
  const teachers = people(hash("fund:teachers"), 12, 0.2)
    .map((t) => t.name)
    .filter((name) => !taken.has(name))
    .slice(0, 6);
  const others = new Set([...taken, ...teachers]);
  // The first pupil was in grade 9 in school year 2020–2021, each next one a grade lower.
  const count = lastYear - 2020 + 10;
  const fathers = people(hash("fund:fathers"), count, 1);
  const pupils = people(hash("fund:pupils"), count + others.size, 0.5)
    .filter((p) => !others.has(p.name))
    .slice(0, count)
    .map((p, i) => ({
      name: p.name,
      sex: p.sex,
      father: `${p.familyName}${fathers[i]!.name.slice(fathers[i]!.familyName.length)}`,
      firstGrade: 9 - i,
      section: "ABCD"[hash(`section:${p.name}`) % 4]!,
      poor: i % 2 === 0,
    }));
  const known = new Set([...others, ...pupils.map((p) => p.name)]);
  return {
    pupils,
    chair: people(hash("fund:chair"), 6, 0.6).find((p) => !known.has(p.name))!.name,
    teachers: teachers.slice(0, 4),
    principals: { [primarySchool]: teachers[4]!, [secondarySchool]: teachers[5]! },
  };
}

/** The school of the teacher `i` of the four who take turns for the teacher's prize (one year in four). */
export const teacherSchool = (i: number) => (i % 2 === 1 ? primarySchool : secondarySchool);

/** A pupil's grade and class in the school year starting in September of `schoolYear` (grade 1 to 9, or null). */
export function pupilClass(pupil: Pupil, schoolYear: number) {
  const grade = pupil.firstGrade + schoolYear - 2020;
  if (grade < 1 || grade > 9) return null;
  return { grade, school: grade <= 5 ? primarySchool : secondarySchool, class: `${grade}${pupil.section}` };
}

/** A pupil's award in the school year starting in September of `schoolYear`, if they are in grades 1 to 9. */
function pupilAward(pupil: Pupil, schoolYear: number, amounts: [number, number]): Award | null {
  const place = pupilClass(pupil, schoolYear);
  if (!place) return null;
  const { grade } = place;
  return {
    kind: "student",
    name: pupil.name,
    minor: true,
    school: place.school,
    class: place.class,
    recipientName: grade <= 5 ? pupil.father : null,
    amount: grade <= 5 ? amounts[0] : amounts[1],
    asset: "cash",
  };
}

/**
 * The end of school year `year - 1`–`year`: a teacher, each school's list of good pupils (one disbursement to the
 * school, by bank transfer, the list kept with the voucher) and, every other year, a pupil with a city prize.
 */
export function prizeRound(school: SchoolPeople, year: number, next: () => number) {
  const schoolYear = `${year - 1}–${year}`;
  const prize = school.pupils
    .filter((p) => !p.poor && year % 2 === 0)
    .sort((a, b) => hash(`${year}:${a.name}`) - hash(`${year}:${b.name}`))
    .map((p) => pupilAward(p, year - 1, [500_000, 1_000_000]))
    .find((a) => a !== null);
  const lists = [primarySchool, secondarySchool].map((name): Award => {
    const count = 12 + Math.floor(next() * 14);
    const each = name === primarySchool ? 200_000 : 300_000;
    return {
      kind: "other",
      name,
      minor: false,
      school: name,
      class: null,
      recipientName: school.principals[name]!,
      amount: count * each,
      asset: "bank",
      reason: `Khen thưởng ${count} học sinh giỏi năm học ${schoolYear}, mỗi em ${formatDong(each)} đồng (danh sách kèm theo)`,
    };
  });
  const teacher: Award = {
    kind: "teacher",
    name: school.teachers[year % 4]!,
    minor: false,
    school: teacherSchool(year % 4),
    class: null,
    recipientName: null,
    amount: 1_000_000,
    asset: "cash",
    reason: `Khen thưởng giáo viên dạy giỏi năm học ${schoolYear}`,
  };
  const city = prize
    ? [{ ...prize, reason: `Khen thưởng học sinh đạt giải cấp thành phố năm học ${schoolYear}` }]
    : [];
  return {
    reason: `Khen thưởng học sinh giỏi, giáo viên dạy giỏi năm học ${schoolYear}`,
    awards: [...city, teacher, ...lists],
  };
}

/** The start of school year `year`–`year + 1`: three poor pupils, the same children year after year. */
export function scholarshipRound(school: SchoolPeople, year: number) {
  const raise = year >= 2024 ? 500_000 : 0;
  return {
    reason: `Học bổng học sinh nghèo vượt khó năm học ${year}–${year + 1}`,
    awards: school.pupils
      .filter((p) => p.poor)
      .map((p) => pupilAward(p, year, [1_000_000 + raise, 1_500_000 + raise]))
      .filter((a): a is Award => a !== null)
      .slice(0, 3),
  };
}

/** Help for a poor pupil in a hard moment, proposed late in the current year. */
export function hardshipAward(school: SchoolPeople, year: number): Award {
  return school.pupils
    .filter((p) => p.poor)
    .map((p) => pupilAward(p, year, [1_000_000, 1_000_000]))
    .find((a) => a !== null)!;
}

/** A recipient of the ceremony, as the Hội's list has them (one row of the sheet). */
export type CeremonyRecipient = {
  name: string;
  sex: "Nam" | "Nữ";
  birthYear: number;
  school: string;
  class: string;
  household: string | null;
  village: string | null;
  amount: number;
};

/**
 * "Lễ trao học bổng năm học `year`–`year + 1`": thirty pupils of the ward proposed by the schools and the
 * residential groups (a few dozen scholarships, 500.000 đồng in primary school, 700.000 in lower secondary), each
 * from one of the ward's households; none named like someone in `taken`.
 */
export function ceremonyRecipients(
  taken: Set<string>,
  year: number,
  homes: { code: string; village: string }[],
): CeremonyRecipient[] {
  const pupils = people(hash(`fund:ceremony:${year}`), 60, 0.5).filter((p) => !taken.has(p.name));
  return pupils.slice(0, 30).map((p, i) => {
    const grade = (i % 9) + 1;
    const home = homes.length > 0 ? homes[i % homes.length]! : null;
    return {
      name: p.name,
      sex: p.sex === "male" ? "Nam" : "Nữ",
      birthYear: year - 5 - grade,
      school: grade <= 5 ? primarySchool : secondarySchool,
      class: `${grade}${"ABCD"[hash(`ceremony:${p.name}`) % 4]}`,
      household: home && i % 3 === 0 ? home.code : null,
      village: home && i % 3 !== 0 ? home.village : null,
      amount: grade <= 5 ? 500_000 : 700_000,
    };
  });
}
