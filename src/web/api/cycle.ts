/** Criteria sets and the yearly cycle of a learning title: registration, assessment, review, decision. */
import type {
  Assessment,
  CarryForwardResult,
  CertificateCheck,
  Decision,
  DecisionRequest,
  EvidenceSummary,
  Registration,
  ReviewRequest,
  TodoItem,
} from "../../shared/cycle";
import type {
  Evaluation,
  LevelsEvaluation,
  PointsEvaluation,
  Rubric,
  StoredRubric,
  Title,
} from "../../shared/rubric";
import type { RegistrationStatus } from "../constants";
import { ApiRequestError, BASE, commune, type RowRef, request, withQuery } from "./client";

export type { Assessment, CarryForwardResult, StoredRubric, TodoItem };
/** A file or note attached to an item of a self-assessment. */
export type Evidence = EvidenceSummary;
export type ReviewBody = ReviewRequest;
export type DecisionBody = DecisionRequest;

/**
 * The part of a registration's `result` (the server's evaluation) that the pages read; rows stored by earlier
 * versions may lack fields, so every field is optional.
 */
export type EvaluationSummary = { scheme?: Evaluation["scheme"] } & Partial<
  Omit<PointsEvaluation, "scheme" | "criteria">
> &
  Partial<Omit<LevelsEvaluation, "scheme" | "levels">>;

export function assessmentOf(registration: Registration): Assessment {
  const value = registration.assessment;
  return value && typeof value === "object" ? (value as Assessment) : {};
}

export function resultOf(registration: Registration): EvaluationSummary | null {
  const value = registration.result;
  return value && typeof value === "object" ? (value as EvaluationSummary) : null;
}

export const cycleApi = {
  // Below one registration every call names its commune: the server looks there alone (one shard).
  evidence: (registration: RowRef) =>
    request<{ evidence: Evidence[] }>("GET", `/registrations/${registration.id}/evidence`, {
      query: commune(registration),
    }).then((r) => r.evidence),
  addEvidence: (registration: RowRef, body: { itemKey: string; note?: string; file: File }) => {
    const form = new FormData();
    form.append("itemKey", body.itemKey);
    if (body.note) form.append("note", body.note);
    form.append("file", body.file, body.file.name);
    return request<{ id: number }>("POST", `/registrations/${registration.id}/evidence`, {
      query: commune(registration),
      form,
    });
  },
  tt25Url: (
    registration: RowRef,
    document: "bao-cao-tu-danh-gia.docx" | "ban-tong-hop.docx",
    query: { date: string; signerName?: string; signerTitle?: string },
  ) =>
    withQuery(`${BASE}/registrations/${registration.id}/tt25/${document}`, {
      date: query.date,
      signerName: query.signerName?.trim(),
      signerTitle: query.signerTitle?.trim(),
      ...commune(registration),
    }),
  evidenceUrl: (registration: RowRef, evidenceId: number) =>
    withQuery(`${BASE}/registrations/${registration.id}/evidence/${evidenceId}`, commune(registration)),

  todo: (year: number) =>
    request<{ items: TodoItem[] }>("GET", "/todo", { query: { year } }).then((r) => r.items),
  carryForward: (unitId: number, body: { fromYear: number; toYear: number; title: Title }) =>
    request<CarryForwardResult>("POST", `/units/${unitId}/registrations/carry-forward`, { body }),

  rubrics: (title?: Title) =>
    request<{ rubrics: StoredRubric[] }>("GET", "/rubrics", { query: { title } }).then((r) => r.rubrics),
  rubric: (id: number) => request<{ rubric: StoredRubric }>("GET", `/rubrics/${id}`).then((r) => r.rubric),
  createRubricVersion: (provinceId: number | null, rubric: Rubric) =>
    request<{ rubric: StoredRubric }>("POST", "/rubrics", { body: { provinceId, rubric } }).then(
      (r) => r.rubric,
    ),
  confirmRubric: (id: number) =>
    request<{ rubric: StoredRubric }>("POST", `/rubrics/${id}/confirm`).then((r) => r.rubric),

  registrations: (params: { unitId: number; year: number; title?: Title; status?: RegistrationStatus }) =>
    request<{ registrations: Registration[] }>("GET", "/registrations", { query: params }).then(
      (r) => r.registrations,
    ),
  register: (body: { year: number; title: Title; subjects: { kind: string; id: number }[] }) =>
    request<{ created: number; skipped: number }>("POST", "/registrations", { body }),
  registration: (row: RowRef) =>
    request<{ registration: Registration }>("GET", `/registrations/${row.id}`, { query: commune(row) }).then(
      (r) => r.registration,
    ),
  /** `version`: the registration's version the sheet was opened at; a stale one answers 409. */
  assess: (row: RowRef, body: Assessment & { version: number }) =>
    request<{ registration: Registration }>("POST", `/registrations/${row.id}/assessment`, {
      query: commune(row),
      body,
    }).then((r) => r.registration),
  review: (body: ReviewBody) => request<{ id: number }>("POST", "/reviews", { body }),

  decisions: (params: { unitId: number; year?: number }) =>
    request<{ decisions: Decision[] }>("GET", "/decisions", { query: params }).then((r) => r.decisions),
  draftDecision: (body: DecisionBody) =>
    request<{ decision: Decision }>("POST", "/decisions", { body }).then((r) => r.decision),
  issueDecision: (decision: RowRef, version: number) =>
    request<{ decision: Decision }>("POST", `/decisions/${decision.id}/issue`, {
      query: commune(decision),
      body: { version },
    }).then((r) => r.decision),
  cancelDecision: (decision: RowRef, version: number) =>
    request<{ id: number; released: number }>("DELETE", `/decisions/${decision.id}`, {
      query: { ...commune(decision), version },
    }),
  decisionCertificatesUrl: (decision: RowRef) =>
    withQuery(`${BASE}/decisions/${decision.id}/certificates.pdf`, commune(decision)),
  decisionDocumentUrl: (decision: RowRef) =>
    withQuery(`${BASE}/decisions/${decision.id}/decision.docx`, commune(decision)),
  registrationCertificateUrl: (registration: RowRef) =>
    withQuery(`${BASE}/registrations/${registration.id}/certificate.pdf`, commune(registration)),

  /** The public check of a certificate code; null when there is no such certificate. */
  checkCertificate: (code: string) =>
    request<{ certificate: CertificateCheck }>("GET", `/public/certificates/${encodeURIComponent(code)}`, {
      quiet401: true,
    }).then(
      (r) => r.certificate,
      (err: unknown) => {
        if (err instanceof ApiRequestError && err.status === 404) return null;
        throw err;
      },
    ),
};
