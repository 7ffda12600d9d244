/** Kysely types of a plan's targets (migration 0048): the plan version a local target's basis comes from. */
export type PlanTargetTables = { target_bases: { report_id: number | null } };
