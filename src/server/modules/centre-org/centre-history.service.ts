/**
 * A centre's history: its decisions, its staff past and present, the centres merged into it (recursively, across
 * the communes merged in 2025) and the centre it went into. A grant on a 2025 commune reads its predecessors'
 * centres (their communes are in the caller's read roots); links to centres the caller does not read are left out.
 */
import { sql } from "kysely";
import type { CentreHistory, CentreLink } from "../../../shared/centre-org";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { centreDecisions, centreRefs, centreStaff, readableCentre } from "./centre-org.repo";

/** How far a chain of mergers is followed (a centre merged into one merged into one …). */
const maxDepth = 10;

type Step = {
  commune_id: number;
  id: number;
  via: number;
  decision_id: number;
  number: string;
  signed_on: string;
  depth: number;
};

/** The successions from a centre backwards (its predecessors) or forwards (its successors). */
async function chain(tx: Db, actor: Actor, centre: { communeId: number; id: number }, backwards: boolean) {
  // Backwards: this centre is the successor; the next step's successor is the predecessor found.
  const [from, fromCommune, to, toCommune] = backwards
    ? ["successor_id", "commune_id", "predecessor_id", "predecessor_commune_id"]
    : ["predecessor_id", "predecessor_commune_id", "successor_id", "commune_id"];
  const { rows } = await sql<Step>`WITH RECURSIVE steps AS (
      SELECT s.${sql.ref(toCommune)} AS commune_id, s.${sql.ref(to)} AS id, s.${sql.ref(from)} AS via,
        s.commune_id AS decision_commune, s.decision_id, 1 AS depth
      FROM centre_successions s
      WHERE s.${sql.ref(fromCommune)} = ${centre.communeId} AND s.${sql.ref(from)} = ${centre.id}
        AND ${unitInScope(actor, "read", "s.commune_id")}
      UNION ALL
      SELECT s.${sql.ref(toCommune)}, s.${sql.ref(to)}, s.${sql.ref(from)}, s.commune_id, s.decision_id, steps.depth + 1
      FROM centre_successions s
      JOIN steps ON s.${sql.ref(fromCommune)} = steps.commune_id AND s.${sql.ref(from)} = steps.id
      WHERE steps.depth < ${maxDepth} AND ${unitInScope(actor, "read", "s.commune_id")})
    SELECT steps.commune_id, steps.id, steps.via, steps.decision_id, d.number, d.signed_on, steps.depth
    FROM steps JOIN centre_decisions d ON d.commune_id = steps.decision_commune AND d.id = steps.decision_id
    ORDER BY steps.depth, d.signed_on, steps.id`.execute(tx);
  const refs = await centreRefs(
    tx,
    actor,
    rows.map((r) => Number(r.id)),
  );
  return rows.flatMap((r): CentreLink[] => {
    const ref = refs.get(Number(r.id));
    if (!ref) return [];
    return [
      {
        centre: ref,
        decision: { id: Number(r.decision_id), number: r.number, signedOn: r.signed_on },
        depth: Number(r.depth),
        via: Number(r.via),
      },
    ];
  });
}

/**
 * The history of a centre. Its commune, when given, names the first read (one shard); the successions are then
 * followed into whichever communes they lead (several shards by nature).
 */
export const centreHistory = (
  db: Db,
  actor: Actor,
  centreId: number,
  communeId?: number,
): Promise<CentreHistory> =>
  asActor(db, actor, async (tx) => {
    const centre = await readableCentre(tx, actor, centreId, communeId);
    return {
      centre,
      decisions: await centreDecisions(tx, actor, centre),
      staff: await centreStaff(tx, actor, centre, false),
      predecessors: await chain(tx, actor, centre, true),
      successors: await chain(tx, actor, centre, false),
    };
  });
