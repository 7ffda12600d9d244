import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { KindDeclaration } from "../shared/registry/declaration";
import { registryKinds } from "../shared/registry/kinds";
import type { Config } from "./config";
import type { Db } from "./db/connection";
import { AppError } from "./errors";
import type { AppEnv } from "./http/context";
import { errorResponse } from "./http/error-response";
import {
  bodyLimits,
  contextMiddleware,
  noStore,
  securityHeaders,
  sessionMiddleware,
} from "./http/middleware";
import { serveDocument } from "./http/openapi";
import { associationRoutes } from "./modules/association/association.routes";
import { duesRoutes } from "./modules/association/dues.routes";
import { associationListRoutes } from "./modules/association/lists.routes";
import { associationStatsRoutes } from "./modules/association/stats.routes";
import { attendanceRoutes } from "./modules/attendance/attendance.routes";
import { auditRoutes } from "./modules/audit/audit.routes";
import { authRoutes, healthRoutes } from "./modules/auth/auth.routes";
import { centreOrgRoutes } from "./modules/centre-org/centre-org.routes";
import { centrePlanRoutes } from "./modules/centre-plan/centre-plan.routes";
import { needsSurveyRoutes } from "./modules/centre-plan/needs-survey.routes";
import { commendationRoutes } from "./modules/commendations/commendations.routes";
import { commendationStatsRoutes } from "./modules/commendations/stats.routes";
import { consentRoutes } from "./modules/consent/consent.routes";
import { certificateRoutes } from "./modules/cycle/certificates.routes";
import { decisionRoutes } from "./modules/cycle/decisions.routes";
import { documentRoutes } from "./modules/cycle/documents.routes";
import { evaluationRoutes } from "./modules/cycle/evaluations.routes";
import { evidenceRoutes } from "./modules/cycle/evidence.routes";
import { registrationRoutes } from "./modules/cycle/registrations.routes";
import { tt25Routes } from "./modules/cycle/tt25.routes";
import { tt25PrefillRoutes } from "./modules/cycle/tt25-prefill.routes";
import { yearlyRoutes } from "./modules/cycle/yearly.routes";
import { deadlineRoutes } from "./modules/deadlines/deadlines.routes";
import { awardRoutes } from "./modules/fund/award.routes";
import { disbursementRoutes } from "./modules/fund/disbursement.routes";
import { disclosureRoutes } from "./modules/fund/disclosure.routes";
import { fundRoutes } from "./modules/fund/fund.routes";
import { fundStatsRoutes } from "./modules/fund/stats.routes";
import { voucherRoutes } from "./modules/fund/voucher.routes";
import { learnerEvidenceRoutes } from "./modules/learner-evidence/learner-evidence.routes";
import { listsRoutes } from "./modules/lists/lists.routes";
import { privacyRoutes } from "./modules/privacy/privacy.routes";
import { privacyRequestRoutes } from "./modules/privacy/requests.routes";
import { readlogRoutes } from "./modules/readlog/readlog.routes";
import { reportRoutes } from "./modules/reports/reports.routes";
import { reviewRoutes } from "./modules/reports/review.routes";
import { submissionRoutes } from "./modules/reports/submissions.routes";
import { rubricRoutes } from "./modules/rubrics/rubrics.routes";
import { statsRoutes } from "./modules/stats/stats.routes";
import { targetRoutes } from "./modules/stats/targets.routes";
import { yearCloseRoutes } from "./modules/stats/year-close.routes";
import { territoryRoutes } from "./modules/territory/territory.routes";
import { userRoutes } from "./modules/users/users.routes";
import { repoRoot } from "./paths";
import { registryRouter } from "./registry/routes";

/** The built web application (npm run build). */
export const webRoot = path.join(repoRoot, "dist/web");

export type AppOptions = {
  /** The registry kinds served (the platform's by default; a test adds its own). */
  registryKinds?: readonly KindDeclaration[];
};

export function createApp(db: Db, config: Config, options: AppOptions = {}) {
  const kinds = options.registryKinds ?? registryKinds;
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", contextMiddleware(db, config));
  app.use("*", securityHeaders);
  app.use("/api/*", noStore);
  app.use("/api/*", bodyLimits);
  app.use("/api/*", sessionMiddleware);

  const api = new OpenAPIHono<AppEnv>();
  for (const routes of [
    healthRoutes,
    authRoutes,
    territoryRoutes,
    userRoutes,
    auditRoutes,
    // Before the registry kinds: GET /members/search is not GET /members/{id}.
    associationListRoutes,
    ...kinds.map((kind) => registryRouter(kind, kinds)),
    associationRoutes,
    duesRoutes,
    associationStatsRoutes,
    fundStatsRoutes,
    registrationRoutes,
    decisionRoutes,
    certificateRoutes,
    yearlyRoutes,
    tt25Routes,
    evaluationRoutes,
    documentRoutes,
    listsRoutes,
    evidenceRoutes,
    tt25PrefillRoutes,
    learnerEvidenceRoutes,
    rubricRoutes,
    statsRoutes,
    yearCloseRoutes,
    targetRoutes,
    fundRoutes,
    disbursementRoutes,
    voucherRoutes,
    disclosureRoutes,
    commendationRoutes,
    commendationStatsRoutes,
    privacyRequestRoutes,
    awardRoutes,
    centreOrgRoutes,
    attendanceRoutes,
    needsSurveyRoutes,
    centrePlanRoutes,
    reportRoutes,
    privacyRoutes,
    readlogRoutes,
    consentRoutes,
    deadlineRoutes,
    submissionRoutes,
    reviewRoutes,
  ])
    api.route("/", routes);
  serveDocument(api, {
    title: "Hiếu Học API",
    description:
      "API của nền tảng xây dựng xã hội học tập. Lỗi có dạng { error: { code, message, details } }, message bằng tiếng Việt.",
  });
  app.route("/api/v1", api);
  app.all("/api/*", () => {
    throw new AppError("not_found", "Không có địa chỉ API này");
  });

  app.onError(errorResponse);

  if (existsSync(webRoot)) {
    app.use("/assets/*", serveStatic({ root: path.relative(process.cwd(), webRoot) }));
    app.use("*", serveStatic({ root: path.relative(process.cwd(), webRoot) }));
    const index = path.join(webRoot, "index.html");
    app.get("*", (c) => c.html(readFileSync(index, "utf8")));
  }
  return app;
}
