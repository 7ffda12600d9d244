/** The year's documents of a title (minutes, lists) and the public open data. */
import type { OpenDataQuery, OpenDataResponse, ReviewMinutesQuery, YearListFile } from "../../shared/lists";
import type { Title } from "../../shared/rubric";
import { BASE, request, withQuery } from "./client";

export const listsApi = {
  /** The review minutes (.docx) of a commune or village, with the form's inputs. */
  reviewMinutesUrl: (unitId: number, query: ReviewMinutesQuery) =>
    BASE + withQuery(`/units/${unitId}/review-minutes.docx`, query),
  /** A list of the year (registered or recognised) as .xlsx or .pdf. */
  yearListUrl: (unitId: number, file: YearListFile, year: number, title: Title) =>
    BASE + withQuery(`/units/${unitId}/lists/${file}`, { year, title }),
  openData: (query: OpenDataQuery) =>
    request<OpenDataResponse>("GET", "/public/open-data", { query, quiet401: true }),
  openDataUrl: (format: "json" | "csv", query: OpenDataQuery) =>
    BASE + withQuery(format === "csv" ? "/public/open-data.csv" : "/public/open-data", query),
};
