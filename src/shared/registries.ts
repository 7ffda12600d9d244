/** Registries of candidates for learning titles: request and response schemas shared by server and web. */
import { z } from "zod";
import { unitRef } from "./api";

export const householdCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z._/-]{1,30}$/, "Mã hộ gồm chữ không dấu, số, . _ / - (tối đa 30 ký tự)");
export const phone = z
  .string()
  .trim()
  .regex(/^[0-9 +.]{8,15}$/, "Số điện thoại không hợp lệ");

export const household = z.object({
  id: z.number(),
  communeId: z.number(),
  village: unitRef,
  code: z.string(),
  headName: z.string(),
  address: z.string().nullable(),
  members: z.number(),
  phone: z.string().nullable(),
  clanId: z.number().nullable(),
  archivedAt: z.string().nullable(),
  archivedReason: z.enum(["moved", "merged", "dissolved"]).nullable(),
});
export type Household = z.infer<typeof household>;

export const householdInput = z.object({
  villageId: z.number().int().positive(),
  code: householdCode.optional(),
  headName: z.string().trim().min(1, "Nhập họ tên chủ hộ").max(200),
  address: z.string().trim().max(300).nullable().optional(),
  members: z.number().int().min(1, "Số nhân khẩu ít nhất là 1").max(99, "Số nhân khẩu tối đa 99"),
  phone: phone.nullable().optional(),
  clanId: z.number().int().positive().nullable().optional(),
});
export type HouseholdInput = z.infer<typeof householdInput>;

export const householdUpdate = householdInput.partial();
export const archiveRequest = z.object({ reason: z.enum(["moved", "merged", "dissolved"]) });

export const householdListResponse = z.object({
  households: z.array(household),
  total: z.number(),
});
