/**
 * The two downloads of a dashboard section kept per commune (the Hội, the funds, the commendations): its table as
 * CSV and as .xlsx (`GET /stats/<name>.csv|.xlsx?unitId=&year=`), each from the section's roll-up.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import {
  type createRouter,
  csvContent,
  csvResponse,
  requireActor,
  xlsxContent,
  xlsxResponse,
} from "../../http/context";
import type { XlsxCell, XlsxSheet } from "../../lib/xlsx-stream";
import { unitYearQuery } from "./stats.routes";

export function sectionDownloads<R>(
  router: ReturnType<typeof createRouter>,
  section: {
    name: string;
    tags: string[];
    summaries: { csv: string; xlsx: string };
    /** What the CSV's numbers are (the description of its content). */
    csvNote: string;
    rollup: (db: Db, actor: Actor, query: { unitId?: number; year: number }) => Promise<R>;
    csv: (result: R) => string;
    sheet: (result: R) => { sheet: XlsxSheet; rows: Iterable<XlsxCell[]> };
    fileName: (result: R, extension: string) => string;
  },
) {
  router.openapi(
    createRoute({
      method: "get",
      path: `/stats/${section.name}.csv`,
      tags: section.tags,
      summary: section.summaries.csv,
      request: { query: unitYearQuery },
      responses: { 200: csvContent(section.csvNote) },
    }),
    async (c) => {
      const result = await section.rollup(c.get("db"), requireActor(c), c.req.valid("query"));
      return csvResponse(c, section.csv(result), section.fileName(result, "csv"));
    },
  );
  router.openapi(
    createRoute({
      method: "get",
      path: `/stats/${section.name}.xlsx`,
      tags: section.tags,
      summary: section.summaries.xlsx,
      request: { query: unitYearQuery },
      responses: { 200: xlsxContent() },
    }),
    async (c) => {
      const result = await section.rollup(c.get("db"), requireActor(c), c.req.valid("query"));
      const { sheet, rows } = section.sheet(result);
      return xlsxResponse(c, sheet, rows, section.fileName(result, "xlsx"));
    },
  );
}
