import { sql } from "kysely";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";

/**
 * Province successions follow from the commune successions of the same date: an old province whose communes all
 * went into one new province is its `full` predecessor, otherwise a `partial` one. They let a grant on a 2025
 * province read its old provinces' history (districts included). Returns how many links were added.
 */
export async function deriveProvinceSuccessions(tx: Db, effectiveDate: IsoDate): Promise<number> {
  const result = await sql`
    WITH links AS (
      SELECT DISTINCT old_province.ancestor_id AS old_id, new_province.ancestor_id AS new_id
      FROM unit_successions s
      JOIN admin_unit_paths old_province ON old_province.descendant_id = s.predecessor_id
      JOIN admin_units op ON op.id = old_province.ancestor_id AND op.level = 'province'
      JOIN admin_unit_paths new_province ON new_province.descendant_id = s.successor_id
      JOIN admin_units np ON np.id = new_province.ancestor_id AND np.level = 'province'
      WHERE s.effective_date = ${effectiveDate}
    ), counted AS (
      SELECT old_id, new_id, count(*) OVER (PARTITION BY old_id) AS targets FROM links
    )
    INSERT INTO unit_successions (predecessor_id, successor_id, kind, coverage, effective_date, note)
    SELECT old_id, new_id, CASE WHEN targets = 1 THEN 'merge' ELSE 'split' END,
           CASE WHEN targets = 1 THEN 'full' ELSE 'partial' END, ${effectiveDate},
           'Suy ra từ danh sách xã, phường'
    FROM counted
    WHERE old_id <> new_id
    ON CONFLICT (predecessor_id, successor_id) DO NOTHING`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
