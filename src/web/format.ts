/** Date helpers. API dates are 'YYYY-MM-DD' strings; shown as dd/mm/yyyy. */

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Today's date in Vietnam (UTC+7, no daylight saving) as 'YYYY-MM-DD', whatever the computer's time zone: the date
 * the server checks against (territory/dates.ts), so a form's default date is never "tomorrow" or "yesterday" to
 * the server on a laptop set to another zone.
 */
export function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' (other strings are returned unchanged). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** ISO timestamp → 'dd/mm/yyyy HH:mm' in local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** An integer number of đồng with dots between thousands: 1500000 → "1.500.000" (no floating point involved). */
export function groupDigits(amount: number): string {
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return amount < 0 ? `-${digits}` : digits;
}

/** An amount of money as shown everywhere: 1500000 → "1.500.000 đ". */
export function formatMoney(amount: number): string {
  return `${groupDigits(amount)} đ`;
}

/** What a user typed into an amount field, as an integer number of đồng (every non-digit dropped), or null. */
export function parseMoney(text: string | undefined): number | null {
  const digits = (text ?? "").replace(/\D/g, "");
  return digits ? Number(digits) : null;
}
