/** The learning-needs surveys' and the centres' yearly plans' API (/needs-surveys, /centres/{id}/plans/{year}). */
import type { CentrePlan, PlanItemInput, PlanProgress } from "../../shared/centre-plan";
import type {
  NeedsSurvey,
  SurveyImportReport,
  SurveyResponse,
  SurveyResponseInput,
  SurveyResults,
} from "../../shared/needs-survey";
import { BASE, request } from "./client";

export type { CentrePlan, NeedsSurvey, PlanItemInput, PlanProgress, SurveyResponse, SurveyResults };

const plan = (centreId: number, year: number) => `/centres/${centreId}/plans/${year}`;

export const surveyApi = {
  list: (unitId: number, year: number) =>
    request<{ surveys: NeedsSurvey[] }>("GET", "/needs-surveys", { query: { unitId, year } }).then(
      (r) => r.surveys,
    ),
  create: (body: { communeId: number; year: number; title: string }) =>
    request<{ survey: NeedsSurvey }>("POST", "/needs-surveys", { body }).then((r) => r.survey),
  update: (id: number, body: { title?: string; status?: "open" | "closed"; version: number }) =>
    request<{ survey: NeedsSurvey }>("PATCH", `/needs-surveys/${id}`, { body }).then((r) => r.survey),
  responses: (id: number) =>
    request<{ responses: SurveyResponse[] }>("GET", `/needs-surveys/${id}/responses`).then(
      (r) => r.responses,
    ),
  addResponse: (id: number, body: SurveyResponseInput) =>
    request<{ response: SurveyResponse }>("POST", `/needs-surveys/${id}/responses`, { body }).then(
      (r) => r.response,
    ),
  updateResponse: (id: number, body: SurveyResponseInput & { version: number }) =>
    request<{ response: SurveyResponse }>("PATCH", `/survey-responses/${id}`, { body }).then(
      (r) => r.response,
    ),
  deleteResponse: (id: number, version: number) =>
    request<unknown>("DELETE", `/survey-responses/${id}`, { query: { version } }),
  results: (id: number) => request<SurveyResults>("GET", `/needs-surveys/${id}/results`),
  importFile: (id: number, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<SurveyImportReport>("POST", `/needs-surveys/${id}/responses/import`, {
      query: { dryRun: dryRun ? 1 : 0 },
      form,
    });
  },
  templateUrl: `${BASE}/needs-surveys/template.xlsx`,
};

export const planApi = {
  get: (centreId: number, year: number) =>
    request<{ plan: CentrePlan }>("GET", plan(centreId, year)).then((r) => r.plan),
  save: (
    centreId: number,
    year: number,
    body: { note?: string | null; items: PlanItemInput[]; version?: number },
  ) => request<{ plan: CentrePlan }>("PUT", plan(centreId, year), { body }).then((r) => r.plan),
  approve: (centreId: number, year: number, version: number) =>
    request<{ plan: CentrePlan }>("POST", `${plan(centreId, year)}/approve`, { body: { version } }).then(
      (r) => r.plan,
    ),
  reopen: (centreId: number, year: number, version: number, reason: string) =>
    request<{ plan: CentrePlan }>("POST", `${plan(centreId, year)}/reopen`, {
      body: { version, reason },
    }).then((r) => r.plan),
  progress: (centreId: number, year: number) =>
    request<PlanProgress>("GET", `${plan(centreId, year)}/progress`),
};
