/**
 * The learning-needs surveys' and the centres' yearly plans' API (/needs-surveys, /centres/{id}/plans/{year}). A
 * call on one survey, answer or centre names its commune (`?communeId=`): the server looks there alone.
 */
import type { CentrePlan, PlanItemInput, PlanProgress } from "../../shared/centre-plan";
import type {
  NeedsSurvey,
  SurveyImportReport,
  SurveyResponse,
  SurveyResponseInput,
  SurveyResults,
} from "../../shared/needs-survey";
import { BASE, commune, type RowRef, request } from "./client";

export type { CentrePlan, NeedsSurvey, PlanItemInput, PlanProgress, SurveyResponse, SurveyResults };

const plan = (centre: RowRef, year: number) => `/centres/${centre.id}/plans/${year}`;

export const surveyApi = {
  list: (unitId: number, year: number) =>
    request<{ surveys: NeedsSurvey[] }>("GET", "/needs-surveys", { query: { unitId, year } }).then(
      (r) => r.surveys,
    ),
  create: (body: { communeId: number; year: number; title: string }) =>
    request<{ survey: NeedsSurvey }>("POST", "/needs-surveys", { body }).then((r) => r.survey),
  update: (survey: RowRef, body: { title?: string; status?: "open" | "closed"; version: number }) =>
    request<{ survey: NeedsSurvey }>("PATCH", `/needs-surveys/${survey.id}`, {
      query: commune(survey),
      body,
    }).then((r) => r.survey),
  responses: (survey: RowRef) =>
    request<{ responses: SurveyResponse[] }>("GET", `/needs-surveys/${survey.id}/responses`, {
      query: commune(survey),
    }).then((r) => r.responses),
  addResponse: (survey: RowRef, body: SurveyResponseInput) =>
    request<{ response: SurveyResponse }>("POST", `/needs-surveys/${survey.id}/responses`, {
      query: commune(survey),
      body,
    }).then((r) => r.response),
  /** An answer named with the commune of its survey. */
  updateResponse: (response: RowRef, body: SurveyResponseInput & { version: number }) =>
    request<{ response: SurveyResponse }>("PATCH", `/survey-responses/${response.id}`, {
      query: commune(response),
      body,
    }).then((r) => r.response),
  deleteResponse: (response: RowRef, version: number) =>
    request<unknown>("DELETE", `/survey-responses/${response.id}`, {
      query: { ...commune(response), version },
    }),
  results: (survey: RowRef) =>
    request<SurveyResults>("GET", `/needs-surveys/${survey.id}/results`, { query: commune(survey) }),
  importFile: (survey: RowRef, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<SurveyImportReport>("POST", `/needs-surveys/${survey.id}/responses/import`, {
      query: { ...commune(survey), dryRun: dryRun ? 1 : 0 },
      form,
    });
  },
  templateUrl: `${BASE}/needs-surveys/template.xlsx`,
};

export const planApi = {
  get: (centre: RowRef, year: number) =>
    request<{ plan: CentrePlan }>("GET", plan(centre, year), { query: commune(centre) }).then((r) => r.plan),
  save: (
    centre: RowRef,
    year: number,
    body: { note?: string | null; items: PlanItemInput[]; version?: number },
  ) =>
    request<{ plan: CentrePlan }>("PUT", plan(centre, year), { query: commune(centre), body }).then(
      (r) => r.plan,
    ),
  approve: (centre: RowRef, year: number, version: number) =>
    request<{ plan: CentrePlan }>("POST", `${plan(centre, year)}/approve`, {
      query: commune(centre),
      body: { version },
    }).then((r) => r.plan),
  reopen: (centre: RowRef, year: number, version: number, reason: string) =>
    request<{ plan: CentrePlan }>("POST", `${plan(centre, year)}/reopen`, {
      query: commune(centre),
      body: { version, reason },
    }).then((r) => r.plan),
  progress: (centre: RowRef, year: number) =>
    request<PlanProgress>("GET", `${plan(centre, year)}/progress`, { query: commune(centre) }),
};
