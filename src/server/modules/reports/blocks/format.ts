/** How the reports write figures: Vietnamese thousands dots, rates with a decimal comma, the "Toàn …" subject. */
import type { TargetProgress } from "../../../../shared/stats";
import { unitKind } from "../../../documents/nd30-names";
import { formatRate } from "../../stats/metrics";

/** 10800 → "10.800". */
export const count = (n: number): string => n.toLocaleString("vi-VN");

/** Integer đồng as digits (a string: sums may pass 2^53) → "1.005.000". */
export function money(amount: string): string {
  const negative = amount.startsWith("-");
  const digits = (negative ? amount.slice(1) : amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return negative ? `-${digits}` : digits;
}

/** A rate as a report writes it: 72 → "72", 72.5 → "72,5", 84.13 → "84,13"; none → "–". */
export function rate(value: number | null): string {
  if (value === null) return "–";
  return formatRate(value).replace(/,?0+$/, "");
}

/** "Toàn phường", "Toàn xã", "Toàn tỉnh", "Toàn thành phố" from the unit's official name. */
export function wholeArea(unitName: string): string {
  const kind = unitKind(unitName);
  return kind ? `Toàn ${kind.toLocaleLowerCase("vi")}` : "Toàn đơn vị";
}

const statusWords = { met: "đạt", exceeded: "vượt", not_met: "chưa đạt" } as const;

/** The target a figure is measured against: a local one first, then the national (the resolver's order). */
export function pickTarget(targets: readonly TargetProgress[], metric: TargetProgress["metric"]) {
  return targets.find((t) => t.metric === metric) ?? null;
}

/** "chỉ tiêu năm 2025: 70% (QĐ 387/QĐ-TTg …), đạt". */
export function targetPhrase(target: TargetProgress | null): string | null {
  if (!target) return null;
  const status = target.status ? `, ${statusWords[target.status]}` : "";
  return `chỉ tiêu năm ${target.targetYear}: ${rate(target.value)}% (${target.basis})${status}`;
}

/** "70 (2025)" for a table cell. */
export const targetCell = (target: TargetProgress | null): string =>
  target ? `${rate(target.value)} (${target.targetYear})` : "–";
