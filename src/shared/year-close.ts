/**
 * Closing a year's figures (docs/STATISTICS.md, "Closing a year"): the requests and the status the API and the web
 * share. A commune closes its own year; a province (or any unit above communes) closes for the communes of its
 * subtree that may be closed. Closing freezes the totals (tổng số) the rates of that year divide by.
 */
import { z } from "zod";

export const yearCloseRequest = z.object({
  unitId: z.number().int().positive(),
  year: z.number().int().min(2000, "Năm từ 2000").max(2100, "Năm không hợp lệ"),
});
export type YearCloseRequest = z.infer<typeof yearCloseRequest>;

export const yearReopenRequest = yearCloseRequest.extend({
  reason: z
    .string({ message: "Nhập lý do mở lại số liệu năm (reason)" })
    .trim()
    .min(1, "Nhập lý do mở lại số liệu năm (reason)")
    .max(2000, "Lý do tối đa 2.000 ký tự"),
});
export type YearReopenRequest = z.infer<typeof yearReopenRequest>;

export type YearCloseCommune = {
  id: number;
  code: string;
  name: string;
  /** Recognition decisions of the year issued, and decisions of the year still drafts. */
  issuedDecisions: number;
  draftDecisions: number;
  /** The closure in force, or null when the year is open. */
  closure: { id: number; closedAt: string; closedByName: string } | null;
  /** Why the year cannot be closed yet (Vietnamese), or null when it can (or is closed). */
  blocker: string | null;
};

export type YearCloseEvent = {
  communeId: number;
  communeName: string;
  closedAt: string;
  closedByName: string;
  reopenedAt: string | null;
  reopenedByName: string | null;
  reopenReason: string | null;
};

export type YearCloseStatus = {
  unit: { id: number; code: string; name: string; level: string };
  year: number;
  /** closed: every commune listed is closed; partly: some; open: none. */
  state: "closed" | "partly" | "open";
  communes: YearCloseCommune[];
  /** Every closing and reopening of the year in the unit, newest first. */
  history: YearCloseEvent[];
  /** Whether the caller may close and reopen (capability stats.year.close on the unit). */
  canClose: boolean;
};
