/**
 * One code path for a dry run and a real import: both run every statement of the import in one transaction, as the
 * caller; the dry run (and any run with a row error) is then rolled back, the real run committed. So a dry run
 * cannot answer "updated 3" for a file that the real run refuses: it meets the same refusals, row by row.
 *
 * A write that the service refuses (an AppError: a record already reviewed, out of scope…) is caught per row inside
 * a savepoint, named on its row, and the import goes on checking the next rows.
 */
import { sql } from "kysely";
import type { RowError } from "../../shared/api";
import { type Actor, asActor } from "../auth/scope";
import type { Db } from "../db/connection";
import { AppError } from "../errors";

class RollbackImport extends Error {}

/** Runs `work` in one transaction; commits only a real run without row errors. */
export async function inImportTransaction(
  db: Db,
  actor: Actor,
  options: { dryRun: boolean; errors: RowError[] },
  work: (tx: Db) => Promise<void>,
): Promise<void> {
  try {
    await asActor(db, actor, async (tx) => {
      await work(tx);
      if (options.dryRun || options.errors.length > 0) throw new RollbackImport();
    });
  } catch (error) {
    if (!(error instanceof RollbackImport)) throw error;
  }
}

/**
 * Runs the writes of one row in a savepoint. An AppError undoes that row's writes and comes back as the row's
 * error message; anything else is a fault and propagates (the whole import is then rolled back).
 */
export async function rowInSavepoint(tx: Db, write: () => Promise<void>): Promise<string | null> {
  await sql`SAVEPOINT import_row`.execute(tx);
  try {
    await write();
    await sql`RELEASE SAVEPOINT import_row`.execute(tx);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await sql`ROLLBACK TO SAVEPOINT import_row`.execute(tx);
    return error.message;
  }
}
