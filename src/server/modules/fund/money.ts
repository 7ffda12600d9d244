/**
 * Money: integer đồng. Amounts are checked to be safe integers no larger than 10^15 đồng (so a sum of many still
 * stays exact below 2^53); no floating-point arithmetic is ever applied to them.
 */
import { doReadNumber, ReadingConfig } from "read-vietnamese-number";

export const maxAmount = 1_000_000_000_000_000;

/** 1005000 → "1.005.000" (the Vietnamese thousands separator). */
export function formatDong(amount: number): string {
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return amount < 0 ? `-${digits}` : digits;
}

const reading = new ReadingConfig();
reading.units = [[], ["nghìn"], ["triệu"], ["tỷ"]];
reading.unit = ["đồng"];

/** 1005000 → "Một triệu không trăm lẻ năm nghìn đồng" (the amount in words on a voucher). */
export function amountInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`not an amount: ${amount}`);
  const words = doReadNumber(String(amount), reading);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
