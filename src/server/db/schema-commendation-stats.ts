/** Kysely table types of the commendations' counters (migration 0033; written by its triggers only). */

export type CommendationCounterTable = {
  commune_id: number;
  year: number;
  /** `total`, `collective`, `individual`, `form:<form>`, `level:<level>`. */
  metric: string;
  province_id: number;
  value: number;
};

export type CommendationStatsTables = {
  commendation_counters: CommendationCounterTable;
};
