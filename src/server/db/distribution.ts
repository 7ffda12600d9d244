/**
 * How every table of the schema would be placed on a Citus cluster (issue 13, point 7; docs/SCALE-OUT.md). One list:
 * `test/api/distribution.test.ts` fails on a table of the database that is not in it (or in it but not in the
 * database), and checks the keys each class needs (`distribution-check.ts`). docs/SCALE-OUT.md's table of the
 * classes is checked against this list by the same test.
 *
 * - `commune`: large, hash-distributed by `commune_id`, all in one colocation group (a commune's households,
 *   registrations, members, fund ledger… on one shard). Primary key and every unique key include `commune_id`;
 *   a foreign key to another such table carries `commune_id` on both sides.
 * - `province`: large, distributed by `province_id` in a colocation group of their own (the audit log: an action
 *   at a province or the nation has no commune).
 * - `reference`: small, read by every commune's queries, copied to every node (territory, users and grants, criteria
 *   sets, targets, templates, deadlines, the privacy settings). Foreign keys only to other reference tables.
 * - `local`: kept on the coordinator only: sign-in state and bookkeeping that no commune's query joins.
 */
export const distribution = {
  commune: [
    // registries (the registry kinds' tables)
    "households",
    "citizens",
    "clans",
    "organizations",
    // the titles' cycle
    "registrations",
    "evidence",
    "reviews",
    "decisions",
    // statistics counters kept per commune (the province and nation figures are sums of these rows)
    "title_totals",
    "title_counters",
    "title_commune_counters",
    "title_commune_totals",
    "year_closures",
    "year_totals",
    "association_counters",
    "association_commune_counters",
    "fund_counters",
    "fund_commune_counters",
    "centre_counters",
    "commendation_counters",
    // Hội Khuyến học
    "chapters",
    "chapter_officers",
    "members",
    "membership_periods",
    "chapter_dues",
    "dues_payments",
    "household_coverage",
    // funds and their ledger (a provincial fund's rows are keyed by the province's id in commune_id)
    "funds",
    "fund_accounts",
    "fund_transactions",
    "fund_entries",
    "fund_periods",
    "fund_donors",
    "fund_receipts",
    "fund_disbursements",
    "fund_disbursement_approvals",
    "fund_disclosures",
    "fund_beneficiaries",
    "fund_award_rounds",
    "fund_award_recipients",
    "fund_award_round_approvals",
    "fund_award_pseudonymisations",
    // learning centres: organisation, activities, sessions and attendance, plans, surveys, certificates
    "learning_centres",
    "centre_activities",
    "centre_decisions",
    "centre_staff",
    "centre_successions",
    "activity_sessions",
    "activity_learners",
    "attendance_marks",
    "activity_certificates",
    "needs_surveys",
    "survey_responses",
    "centre_plans",
    "centre_plan_items",
    // commendations (a province's rules are keyed by the province's id in commune_id)
    "commendations",
    "commendation_rules",
    // reports' submissions
    "reports",
    "report_sections",
    "report_comments",
    "report_comment_resolutions",
    "report_refreshes",
    // personal data: consents, data subjects' requests, the processing log
    "consents",
    "data_subject_requests",
    "processing_log",
  ],
  // The province level of the titles' counters and totals (striped rows, migrations 0051, 0052) lives with the province's audit rows.
  province: ["audit_log", "title_province_counters", "title_province_totals"],
  reference: [
    "admin_units",
    "admin_unit_paths",
    "unit_successions",
    "app_users",
    "role_grants",
    "rubrics",
    "target_bases",
    "targets",
    "report_templates",
    "programme_deadlines",
    "public_holidays",
    "privacy_retention",
    "data_breaches",
  ],
  // The nation's striped counter and total rows: on one server a trigger keeps them; on Citus the nation is the sum of the
  // province rows instead (docs/SCALE-OUT.md), so they stay on the coordinator and are not kept there.
  local: [
    "schema_migrations",
    "sessions",
    "login_attempts",
    "login_throttles",
    "privacy_retention_runs",
    "title_nation_counters",
    "title_nation_totals",
  ],
} as const satisfies Record<string, readonly string[]>;

export type DistributionClass = keyof typeof distribution;

/** The distribution column of a distributed class. */
export const distributionColumn = { commune: "commune_id", province: "province_id" } as const;

/** The class of a table, or undefined for a table nobody classified. */
export function classOf(table: string): DistributionClass | undefined {
  for (const [name, tables] of Object.entries(distribution) as [DistributionClass, readonly string[]][])
    if (tables.includes(table)) return name;
  return undefined;
}
