/** The clan registry (dòng họ) of a commune: request and response schemas shared by server and web. */
import { z } from "zod";

export const clan = z.object({
  id: z.number(),
  communeId: z.number(),
  name: z.string(),
  headName: z.string(),
  /** The member households (not archived) the caller may read. */
  householdIds: z.array(z.number()),
  archivedAt: z.string().nullable(),
});
export type Clan = z.infer<typeof clan>;

export const clanInput = z.object({
  communeId: z.number().int().positive(),
  name: z.string().trim().min(1, "Nhập tên dòng họ").max(200),
  headName: z.string().trim().min(1, "Nhập họ tên trưởng họ").max(200),
});
export type ClanInput = z.infer<typeof clanInput>;

export const clanUpdate = clanInput.omit({ communeId: true }).partial();
export type ClanUpdate = z.infer<typeof clanUpdate>;

export const clanHouseholdsRequest = z.object({
  householdIds: z.array(z.number().int().positive()).max(5000, "Tối đa 5.000 hộ"),
});

export const clanListResponse = z.object({ clans: z.array(clan), total: z.number() });
