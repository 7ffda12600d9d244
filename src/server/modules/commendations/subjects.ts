/**
 * The subject of a commendation: a row of one of the registry kinds (read through its declaration: table, title
 * column, unit column and read permission), found in the caller's scope, of the recording commune, not archived.
 */
import { sql } from "kysely";
import {
  type CommendationSubjectKind,
  subjectKindLabels,
  subjectRegistry,
} from "../../../shared/commendations";
import { registryKinds } from "../../../shared/registry/kinds";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { rowInScope } from "../../registry/access";

export function subjectSource(kind: CommendationSubjectKind) {
  const declaration = registryKinds.find((k) => k.name === subjectRegistry[kind]);
  if (!declaration) throw new Error(`commendations: no registry kind ${subjectRegistry[kind]}`);
  const title = declaration.fields[declaration.list.title] as { column: string };
  return { declaration, table: declaration.table, nameColumn: title.column };
}

const refused = (message: string) => new AppError("validation", message, { fields: { subject: message } });

/** The subject's name as the registry has it now; refused (naming `subject`) if elsewhere or archived. */
export async function subjectName(
  tx: Db,
  actor: Actor,
  subject: { kind: CommendationSubjectKind; id: number },
  communeId: number,
): Promise<string> {
  const { declaration, table, nameColumn } = subjectSource(subject.kind);
  const label = subjectKindLabels[subject.kind].vi.toLowerCase();
  const { rows } = await sql<{ commune_id: number; name: string; archived: boolean; commune: string }>`
    SELECT r.commune_id, r.${sql.ref(nameColumn)} AS name, r.archived_at IS NOT NULL AS archived, u.name AS commune
    FROM ${sql.table(table)} r JOIN admin_units u ON u.id = r.commune_id
    WHERE r.id = ${subject.id} AND ${rowInScope(actor, declaration, "read", "r")}`.execute(tx);
  const row = rows[0];
  if (!row) throw refused(`Đối tượng: không tìm thấy ${label} số ${subject.id} trong phạm vi của bạn`);
  if (Number(row.commune_id) !== communeId)
    throw refused(
      `Đối tượng: ${label} "${row.name}" thuộc ${row.commune}, không thuộc xã, phường ghi khen thưởng`,
    );
  if (row.archived) throw refused(`Đối tượng: ${label} "${row.name}" đã lưu trữ, không ghi khen thưởng được`);
  return row.name;
}
