/** The organisation registry (cơ quan, trường học, doanh nghiệp) of a commune: schemas shared by server and web. */
import { z } from "zod";
import { unitRef } from "./api";

export const organizationKinds = ["agency", "school", "enterprise", "other"] as const;
export type OrganizationKind = (typeof organizationKinds)[number];
export const organizationKindLabels: Record<OrganizationKind, string> = {
  agency: "Cơ quan",
  school: "Trường học",
  enterprise: "Doanh nghiệp",
  other: "Khác",
};

export const organizationCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z._/-]{1,30}$/, "Mã đơn vị gồm chữ không dấu, số, . _ / - (tối đa 30 ký tự)");

export const organization = z.object({
  id: z.number(),
  communeId: z.number(),
  /** The village, or the commune itself, the organisation belongs to. */
  unit: unitRef,
  code: z.string(),
  name: z.string(),
  kind: z.enum(organizationKinds),
  archivedAt: z.string().nullable(),
});
export type Organization = z.infer<typeof organization>;

export const organizationInput = z.object({
  unitId: z.number().int().positive(),
  code: organizationCode.optional(),
  name: z.string().trim().min(1, "Nhập tên cơ quan, đơn vị").max(300),
  kind: z.enum(organizationKinds),
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const organizationUpdate = organizationInput.partial();
export type OrganizationUpdate = z.infer<typeof organizationUpdate>;

export const organizationListResponse = z.object({
  organizations: z.array(organization),
  total: z.number(),
});
