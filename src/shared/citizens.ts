/**
 * The citizen registry (Công dân học tập) of a commune: schemas shared by server and web. Personal data is kept to
 * the minimum: name, village, birth year and population group; no identity number, no phone.
 */
import { z } from "zod";
import { unitRef } from "./api";

export const populationGroups = ["farmer", "worker", "official", "other"] as const;
export type PopulationGroup = (typeof populationGroups)[number];
export const populationGroupLabels: Record<PopulationGroup, string> = {
  farmer: "Nông dân",
  worker: "Công nhân",
  official: "Cán bộ, công chức",
  other: "Khác",
};

export const birthYear = z.number().int().min(1900, "Năm sinh từ 1900").max(2100, "Năm sinh không hợp lệ");

export const citizen = z.object({
  id: z.number(),
  communeId: z.number(),
  village: unitRef,
  fullName: z.string(),
  birthYear: z.number().nullable(),
  group: z.enum(populationGroups),
  householdId: z.number().nullable(),
  archivedAt: z.string().nullable(),
});
export type Citizen = z.infer<typeof citizen>;

export const citizenInput = z.object({
  villageId: z.number().int().positive(),
  fullName: z.string().trim().min(1, "Nhập họ tên").max(200),
  birthYear: birthYear.nullable().optional(),
  group: z.enum(populationGroups).optional(),
  householdId: z.number().int().positive().nullable().optional(),
});
export type CitizenInput = z.infer<typeof citizenInput>;

export const citizenUpdate = citizenInput.partial();
export type CitizenUpdate = z.infer<typeof citizenUpdate>;

export const citizenListResponse = z.object({ citizens: z.array(citizen), total: z.number() });
