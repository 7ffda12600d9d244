/**
 * The registry engine's reads of personal data, logged (server/registry/routes.ts calls these for every kind; the
 * kinds of shared/readlog.ts `personalKinds` are logged, the others pass through): the GET of one row, one page of
 * a list (one log row with the filter and the page's ids, not one per person) and the export (its ids, and the
 * footer line in the file).
 */
import { isPersonalKind } from "../../../shared/readlog";
import type { KindDeclaration } from "../../../shared/registry/declaration";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { exportItems } from "../../registry/export";
import type { Item } from "../../registry/rows";
import { unitOf } from "../../registry/service";
import { exportedByLine, logProcessing } from "./processing-log";

export async function logRegistryView(db: Db, actor: Actor, kind: KindDeclaration, item: Item) {
  if (!isPersonalKind(kind.name)) return;
  await logProcessing(db, actor, {
    action: "view",
    kind: kind.name,
    format: "json",
    recordIds: [item.id],
    unitId: unitOf(kind, item),
  });
}

/** One page of a list: the filter (unit, search, archived, paging, reference filters) and the rows shown. */
export async function logRegistryPage(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  filter: Record<string, unknown> & { unitId: number },
  page: Record<string, unknown>,
) {
  if (!isPersonalKind(kind.name)) return;
  const items = (page[kind.name] as Item[] | undefined) ?? [];
  const shown = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ""));
  await logProcessing(db, actor, {
    action: "list",
    kind: kind.name,
    format: "json",
    recordIds: items.map((item) => item.id),
    filter: shown,
    unitId: filter.unitId,
  });
}

/** The export of a unit's rows: written with the footer line of a personal kind, then logged with its ids. */
export async function exportLogged(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  unitId: number,
  kinds?: readonly KindDeclaration[],
): Promise<Buffer> {
  const personal = isPersonalKind(kind.name);
  const { bytes, ids } = await exportItems(
    db,
    actor,
    kind,
    unitId,
    kinds,
    personal ? exportedByLine(actor) : undefined,
  );
  if (personal)
    await logProcessing(db, actor, {
      action: "export",
      kind: kind.name,
      format: "xlsx",
      recordIds: ids,
      filter: { unitId },
      unitId,
    });
  return bytes;
}
