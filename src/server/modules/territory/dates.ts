import type { IsoDate } from "../../db/schema";

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(day: IsoDate, days: number): IsoDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Today in Vietnam (UTC+7, no daylight saving), whatever the server's time zone: the date every service, the
 * database (hieuhoc_today(), migration 0018) and the demo calendar agree on.
 */
export function today(): IsoDate {
  return vietnamTime(new Date()).slice(0, 10);
}

/** A moment as Vietnam's wall clock, "YYYY-MM-DDTHH:MM" (UTC+7), whatever the server's time zone. */
export function vietnamTime(at: Date | string): string {
  return new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}
