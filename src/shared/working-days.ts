/**
 * Working days (ngày làm việc): Monday to Friday, except the national public holidays an administrator keeps
 * (table public_holidays, migration 0041). A data subject's request is answered within 2 working days of its
 * receipt (Nghị định 356/2025/NĐ-CP): received on a Friday, due on the Tuesday; a holiday moves the day on.
 * Dates are ISO "YYYY-MM-DD" strings, computed in UTC so that no time zone shifts a day.
 */

/** The days a data subject's request must be answered within (NĐ 356/2025). */
export const requestAnswerWorkingDays = 2;

const dayOfWeek = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

function nextDay(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

export function isWorkingDay(iso: string, holidays: ReadonlySet<string>): boolean {
  const weekday = dayOfWeek(iso);
  return weekday !== 0 && weekday !== 6 && !holidays.has(iso);
}

/** The `count`-th working day after `from` (the day of receipt itself never counts). */
export function addWorkingDays(from: string, count: number, holidays: ReadonlySet<string>): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(dayOfWeek(from)))
    throw new Error(`addWorkingDays: not a date: ${from}`);
  let day = from;
  let left = count;
  // A year of holidays cannot hold more than ~30 days off: the loop ends well within a year.
  while (left > 0) {
    day = nextDay(day);
    if (isWorkingDay(day, holidays)) left--;
  }
  return day;
}
