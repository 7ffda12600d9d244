/**
 * A copy of the person's data (the right to a copy, and what an access request shows): every linked record as the
 * database holds it, without internal columns (search keys, hashes, who created it), as JSON and as one XLSX sheet
 * of source / record / field / value. Read in the caller's transaction, under their scope.
 */
import { sql } from "kysely";
import {
  type DataRequest,
  type PersonSource,
  personSourceLabels,
  requestKindLabels,
} from "../../../shared/privacy-requests";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { XlsxCell, XlsxSheet } from "../../lib/xlsx-stream";
import { vietnamTime } from "../territory/dates";
import { readRequest } from "./requests.service";

const tables: Record<PersonSource, string> = {
  household: "households",
  citizen: "citizens",
  member: "members",
  donor: "fund_donors",
  beneficiary: "fund_beneficiaries",
  learner: "centre_activities",
  commendation: "commendations",
  receipt: "fund_receipts",
  disbursement: "fund_disbursements",
  award_recipient: "fund_award_recipients",
  survey_answer: "survey_responses",
  registration: "registrations",
};
/** Columns that are the system's, not the person's data. */
const internal = [
  "search_name",
  "province_id",
  "commune_id",
  "version",
  "hash",
  "prev_hash",
  "created_by",
  "registered_by",
  "proposed_by",
  "paid_by",
  "closed_by",
];

export type PersonCopy = {
  request: { id: number; kind: string; personName: string; receivedOn: string; commune: string };
  exportedAt: string;
  exportedBy: string;
  records: { source: PersonSource; label: string; id: number; data: Record<string, unknown> }[];
};

export async function personCopy(db: Db, actor: Actor, id: number, communeId?: number): Promise<PersonCopy> {
  return asActor(db, actor, async (tx) => {
    const request: DataRequest = await readRequest(tx, actor, id, false, communeId);
    const records: PersonCopy["records"] = [];
    for (const record of request.records) {
      const { rows } = await sql<{
        data: Record<string, unknown>;
      }>`SELECT to_jsonb(t) - ${sql.val(internal)}::text[]
        AS data FROM ${sql.table(tables[record.source])} t
        WHERE t.id = ${record.id} ${
          // Title registrations of a household may be kept by the commune it belonged to before 2025.
          record.source === "registration" ? sql`` : sql`AND t.commune_id = ${request.communeId}`
        }`.execute(tx);
      if (rows[0])
        records.push({
          source: record.source,
          label: personSourceLabels[record.source].vi,
          id: record.id,
          data: rows[0].data,
        });
    }
    return {
      request: {
        id: request.id,
        kind: requestKindLabels[request.kind].vi,
        personName: request.personName,
        receivedOn: request.receivedOn,
        commune: request.communeName,
      },
      exportedAt: new Date().toISOString(),
      exportedBy: actor.name,
      records,
    };
  });
}

const cell = (value: unknown): XlsxCell =>
  value === null || value === undefined
    ? null
    : typeof value === "number"
      ? value
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);

export function copySheet(copy: PersonCopy): { sheet: XlsxSheet; rows: XlsxCell[][] } {
  const sheet: XlsxSheet = {
    name: "Dữ liệu cá nhân",
    titleLines: [
      "BẢN SAO DỮ LIỆU CÁ NHÂN",
      `${copy.request.commune}: yêu cầu số ${copy.request.id} của ${copy.request.personName}`,
      `Xuất lúc ${vietnamTime(copy.exportedAt)} bởi ${copy.exportedBy}`,
    ],
    bordered: true,
    columns: [
      { header: "Nguồn", width: 32 },
      { header: "Số hồ sơ", width: 10, kind: "count" },
      { header: "Trường", width: 24 },
      { header: "Giá trị", width: 60 },
    ],
  };
  const rows: XlsxCell[][] = [];
  for (const record of copy.records)
    for (const [field, value] of Object.entries(record.data))
      rows.push([record.label, record.id, field, cell(value)]);
  return { sheet, rows };
}
