/**
 * The operations of test/api/partition-pruning.test.ts: the product's commune-scoped reads, each through its real
 * service function on the capturing connection, as a commune user's page calls it (the ward Tây Hồ or one of its
 * villages as the unit). `at` is filled by the test's beforeAll; each operation reads it when it runs.
 */
import { type Actor, asActor } from "../../../src/server/auth/scope";
import type { Db } from "../../../src/server/db/connection";
import { AppError } from "../../../src/server/errors";
import { chapterSummary } from "../../../src/server/modules/association/chapter-summary.service";
import { chapterMembers } from "../../../src/server/modules/association/member-lists.service";
import { listSurveys } from "../../../src/server/modules/centre-plan/needs-survey.service";
import { planSummary } from "../../../src/server/modules/centre-plan/plan-progress";
import { listCommendations } from "../../../src/server/modules/commendations/commendations.service";
import { listRules, proposalList } from "../../../src/server/modules/commendations/rules.service";
import { commendationStats } from "../../../src/server/modules/commendations/stats.service";
import { listConsents } from "../../../src/server/modules/consent/consent.service";
import { listDecisions } from "../../../src/server/modules/cycle/decisions.service";
import { listRegistrations, loadRegistration } from "../../../src/server/modules/cycle/registrations.service";
import { listTransactions } from "../../../src/server/modules/fund/books.transactions";
import { publicDisclosure } from "../../../src/server/modules/fund/disclosure.service";
import { listFunds } from "../../../src/server/modules/fund/funds.service";
import { reviewMinutes } from "../../../src/server/modules/lists/review-minutes.service";
import { yearList } from "../../../src/server/modules/lists/year-lists.service";
import { previewReport } from "../../../src/server/modules/reports/reports.service";
import { listReports } from "../../../src/server/modules/reports/submissions.service";
import { rollup } from "../../../src/server/modules/stats/rollup";
import { series } from "../../../src/server/modules/stats/stats.service";
import { listItems } from "../../../src/server/registry/list";
import { getItem } from "../../../src/server/registry/service";
import { kindNamed } from "../../../src/shared/registry/kinds";

export type PruningContext = {
  /** The capturing connection. */
  logged: Db;
  /** The ward's officer (tayho) and a Hội admin of the ward. */
  actor: Actor;
  association: Actor;
  ids: {
    commune: number;
    village: number;
    household: number;
    chapter: number;
    member: number;
    registration: number;
    fund: number;
    reportTemplate: number;
    year: number;
    today: string;
  };
};

const households = kindNamed("households");
const members = kindNamed("members");
const centres = kindNamed("centres");

export function pruningOperations(at: PruningContext): [string, () => Promise<unknown>][] {
  const title = "learning_family" as const;
  return [
    // Registries, one row by id, the titles' figures, the fund's ledger.
    [
      "a commune's household list",
      () => listItems(at.logged, at.actor, households, { unitId: at.ids.commune }),
    ],
    [
      "a commune's household search",
      () => listItems(at.logged, at.actor, households, { unitId: at.ids.commune, q: "nguyen" }),
    ],
    [
      "one household by id and commune",
      () => getItem(at.logged, at.actor, households, at.ids.household, undefined, at.ids.commune),
    ],
    [
      "one member by id and commune",
      () => getItem(at.logged, at.association, members, at.ids.member, undefined, at.ids.commune),
    ],
    [
      "one registration by id and commune (GET /registrations/{id}?communeId=)",
      () =>
        asActor(at.logged, at.actor, (tx) =>
          loadRegistration(tx, at.actor, at.ids.registration, at.ids.commune),
        ),
    ],
    [
      "a commune's dashboard (titles)",
      () => rollup(at.logged, at.actor, { unitId: at.ids.commune, year: at.ids.year }),
    ],
    [
      "a commune's counters over the years",
      () =>
        series(at.logged, at.actor, {
          unitId: at.ids.commune,
          title,
          from: at.ids.year - 3,
          to: at.ids.year,
        }),
    ],
    ["a fund's ledger by the fund's id alone", () => listTransactions(at.logged, at.actor, at.ids.fund, {})],
    [
      "a fund's ledger",
      () => listTransactions(at.logged, at.actor, at.ids.fund, { communeId: at.ids.commune }),
    ],
    [
      "a fund's public disclosure with its commune (published or not)",
      () =>
        publicDisclosure(at.logged, at.ids.fund, at.ids.year, at.ids.commune).catch((error: unknown) => {
          if (!(error instanceof AppError)) throw error;
        }),
    ],
    [
      "one household by id alone (GET /households/{id})",
      () => getItem(at.logged, at.actor, households, at.ids.household),
    ],
    [
      "one registration by id alone (GET /registrations/{id})",
      () => asActor(at.logged, at.actor, (tx) => loadRegistration(tx, at.actor, at.ids.registration)),
    ],
    // The list routes with unitId, and the routes under /units/{id}/… that read distributed tables.
    [
      "a commune's registrations (GET /registrations?unitId&year)",
      () => listRegistrations(at.logged, at.actor, { unitId: at.ids.commune, year: at.ids.year }),
    ],
    [
      "a village's registrations (GET /registrations?unitId&year)",
      () => listRegistrations(at.logged, at.actor, { unitId: at.ids.village, year: at.ids.year }),
    ],
    [
      "a commune's decisions (GET /decisions?unitId)",
      () => listDecisions(at.logged, at.actor, { unitId: at.ids.commune }),
    ],
    [
      "a commune's review minutes (GET /units/{id}/review-minutes.docx)",
      () => reviewMinutes(at.logged, at.actor, at.ids.commune, { year: at.ids.year, title }),
    ],
    [
      "a commune's list of registered (GET /units/{id}/lists/registered.xlsx)",
      () => yearList(at.logged, at.actor, at.ids.commune, "registered.xlsx", { year: at.ids.year, title }),
    ],
    [
      "a village's list of recognised (GET /units/{id}/lists/recognized.xlsx)",
      () => yearList(at.logged, at.actor, at.ids.village, "recognized.xlsx", { year: at.ids.year, title }),
    ],
    [
      "a commune's commendations (GET /commendations?unitId)",
      () => listCommendations(at.logged, at.actor, { unitId: at.ids.commune }),
    ],
    [
      "a commune's commendation figures (GET /commendations/stats)",
      () => commendationStats(at.logged, at.actor, at.ids.commune, at.ids.year),
    ],
    [
      "a commune's commendation rules (GET /commendation-rules?unitId)",
      () => listRules(at.logged, at.actor, at.ids.commune),
    ],
    [
      "a commune's commendation proposals (GET /units/{id}/commendation-proposals)",
      () => proposalList(at.logged, at.actor, at.ids.commune, at.ids.year),
    ],
    [
      "a member's consents (GET /consents?kind&id&communeId)",
      () => listConsents(at.logged, at.association, "members", at.ids.member, at.ids.commune),
    ],
    [
      "a commune's chapter tree (GET /units/{id}/chapters/summary)",
      () => chapterSummary(at.logged, at.association, at.ids.commune, at.ids.today),
    ],
    [
      "a chapter's members (GET /chapters/{id}/members?communeId=)",
      () => chapterMembers(at.logged, at.association, at.ids.chapter, at.ids.today, at.ids.commune),
    ],
    [
      "a commune's centres (GET /centres?unitId)",
      () => listItems(at.logged, at.actor, centres, { unitId: at.ids.commune }),
    ],
    [
      "a commune's centre-plan summary (GET /units/{id}/centre-plans/summary)",
      () => planSummary(at.logged, at.actor, at.ids.commune, at.ids.year),
    ],
    [
      "a commune's needs surveys (GET /needs-surveys?unitId)",
      () => listSurveys(at.logged, at.actor, at.ids.commune, at.ids.year),
    ],
    ["a commune's funds (GET /funds?unitId)", () => listFunds(at.logged, at.actor, at.ids.commune)],
    [
      "a commune's saved reports (GET /units/{id}/reports)",
      () => listReports(at.logged, at.actor, at.ids.commune),
    ],
    [
      "a commune's report preview (POST /units/{id}/reports/preview)",
      () =>
        previewReport(at.logged, at.actor, at.ids.commune, {
          templateId: at.ids.reportTemplate,
          period: { from: `${at.ids.year}-01-01`, to: `${at.ids.year}-12-31` },
        }),
    ],
  ];
}
