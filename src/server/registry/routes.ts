/**
 * The routes of a registry kind, from its declaration: GET /{name} (list), /{name}/template.xlsx,
 * /{name}/export.xlsx, GET/PATCH /{name}/{id}, POST /{name}, POST /{name}/{id}/archive,
 * POST /units/{id}/{name}/import, and PUT /{name}/{id}/{kind} for each list of members. Each has its schemas in the
 * API document (derived from the declaration) and its Vietnamese summary. Reads of a person kind (one row, a page,
 * the export) are written to the processing log (modules/readlog/registry-reads.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { registryImportReport } from "../../shared/api";
import {
  capitalize,
  fileNames,
  type KindDeclaration,
  memberFields,
  type Operation,
  valueFields,
} from "../../shared/registry/declaration";
import { kindNamed } from "../../shared/registry/kinds";
import { registrySchemas } from "../../shared/registry/schemas";
import { type AppEnv, communeQuery, createRouter, idParam, jsonContent, requireActor } from "../http/context";
import { uploadedFile } from "../http/upload";
import { exportLogged, logRegistryPage, logRegistryView } from "../modules/readlog/registry-reads";
import { checkDeclaration } from "./check";
import { templateOf } from "./export";
import { importItems } from "./import";
import { listItems } from "./list";
import { archiveItem, createItem, getItem, setMembers, updateItem } from "./service";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsxResponse = { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } };
const listQuery = z.object({
  unitId: z.coerce.number().int().positive(),
  q: z.string().optional(),
  archived: z.enum(["0", "1"]).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const spreadsheet = (bytes: Uint8Array, filename: string) =>
  [
    new Uint8Array(bytes),
    200,
    { "Content-Type": xlsx, "Content-Disposition": `attachment; filename="${filename}"` },
  ] as const;

/** The API document's texts of a kind: its own, or made from its noun. */
function apiTexts(kind: KindDeclaration) {
  const noun = kind.noun.vi;
  const made: Record<Operation, string> = {
    list: `${capitalize(noun)} của một đơn vị, tìm không dấu`,
    template: `Mẫu Excel danh sách ${noun}`,
    export: `Xuất danh sách ${noun} của một đơn vị ra Excel (cùng cột với mẫu nhập)`,
    get: `Một ${noun}`,
    create: `Thêm ${noun}`,
    update: `Sửa ${noun}`,
    archive: `Lưu trữ ${noun}`,
    import: `Nhập danh sách ${noun} của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)`,
  };
  return {
    tags: [kind.api?.tag ?? capitalize(noun)],
    summaries: { ...made, ...kind.api?.summaries },
    list: kind.api?.descriptions?.list ?? `Danh sách ${noun}`,
    item: kind.api?.descriptions?.item ?? capitalize(noun),
  };
}

/**
 * A router serving `kind`. The template and export routes come before /{name}/{id}, which would take their last
 * segment for an id. `kinds` are the kinds its references and members resolve against.
 */
export function registryRouter(kind: KindDeclaration, kinds?: readonly KindDeclaration[]) {
  checkDeclaration(kind, kinds);
  const router = createRouter();
  const schemas = registrySchemas(kind);
  const texts = apiTexts(kind);
  const { tags, summaries } = texts;
  const files = fileNames(kind);
  const base = `/${kind.name}`;
  // The routes see the schemas as plain zod types: the typed request/response helpers cannot resolve schemas
  // built at run time; the handlers get what the validator has just produced.
  const item: z.ZodType = z.object({ [kind.entity]: schemas.item });
  const single = (value: unknown) => ({ [kind.entity]: value });
  const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } }, required: true });

  // A list filters on each reference field by id (the activities of one centre: ?centreId=).
  const references = valueFields(kind).flatMap(([key, f]) => (f.type === "reference" ? [key] : []));
  const listFilters = listQuery.extend(
    Object.fromEntries(references.map((key) => [key, z.coerce.number().int().positive().optional()])),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: base,
      tags,
      summary: summaries.list,
      request: { query: listFilters },
      responses: { 200: jsonContent(schemas.list as z.ZodType, texts.list) },
    }),
    async (c) => {
      const query = c.req.valid("query") as z.infer<typeof listQuery> & Record<string, number | undefined>;
      const filters = Object.fromEntries(
        references.flatMap((key) => (query[key] ? [[key, query[key]]] : [])),
      );
      const options = { ...query, archived: query.archived === "1", filters };
      const actor = requireActor(c);
      const page = await listItems(c.get("db"), actor, kind, options, kinds);
      await logRegistryPage(c.get("db"), actor, kind, query, page);
      return c.json(page, 200);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: `${base}/template.xlsx`,
      tags,
      summary: summaries.template,
      responses: xlsxResponse,
    }),
    async (c) => {
      requireActor(c);
      return c.body(...spreadsheet(await templateOf(kind), files.template));
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: `${base}/export.xlsx`,
      tags,
      summary: summaries.export,
      request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
      responses: xlsxResponse,
    }),
    async (c) => {
      const bytes = await exportLogged(
        c.get("db"),
        requireActor(c),
        kind,
        c.req.valid("query").unitId,
        kinds,
      );
      return c.body(...spreadsheet(bytes, files.export));
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: `${base}/{id}`,
      tags,
      summary: summaries.get,
      request: { params: idParam, query: communeQuery },
      responses: { 200: jsonContent(item, texts.item) },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { communeId } = c.req.valid("query");
      const found = await getItem(c.get("db"), actor, kind, c.req.valid("param").id, kinds, communeId);
      await logRegistryView(c.get("db"), actor, kind, found);
      return c.json(single(found), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: base,
      tags,
      summary: summaries.create,
      request: { body: body(schemas.input) },
      responses: { 201: jsonContent(item, "Đã tạo") },
    }),
    async (c) => {
      const input = c.req.valid("json") as Record<string, unknown>;
      return c.json(single(await createItem(c.get("db"), requireActor(c), kind, input, kinds)), 201);
    },
  );

  router.openapi(
    createRoute({
      method: "patch",
      path: `${base}/{id}`,
      tags,
      summary: summaries.update,
      request: { params: idParam, query: communeQuery, body: body(schemas.update) },
      responses: { 200: jsonContent(item, "Đã lưu") },
    }),
    async (c) => {
      const input = c.req.valid("json") as Record<string, unknown> & { version: number };
      const id = c.req.valid("param").id;
      const { communeId } = c.req.valid("query");
      const saved = await updateItem(c.get("db"), requireActor(c), kind, id, input, kinds, communeId);
      return c.json(single(saved), 200);
    },
  );

  const archive = {
    method: "post",
    path: `${base}/{id}/archive`,
    tags,
    summary: summaries.archive,
    responses: { 204: { description: "Đã lưu trữ" } },
  } as const;
  /** Archives the row named in the path (in the commune given, if one is), with the reason when the kind asks. */
  const archiveNamed = async (
    c: Context<AppEnv>,
    named: { id: number; communeId?: number | undefined },
    reason?: string,
  ) => {
    await archiveItem(c.get("db"), requireActor(c), kind, named.id, reason, kinds, named.communeId);
    return c.body(null, 204);
  };
  if (schemas.archive)
    router.openapi(
      createRoute({
        ...archive,
        request: { params: idParam, query: communeQuery, body: body(schemas.archive) },
      }),
      (c) =>
        archiveNamed(
          c,
          { ...c.req.valid("param"), ...c.req.valid("query") },
          (c.req.valid("json") as { reason: string }).reason,
        ),
    );
  else
    router.openapi(createRoute({ ...archive, request: { params: idParam, query: communeQuery } }), (c) =>
      archiveNamed(c, { ...c.req.valid("param"), ...c.req.valid("query") }),
    );

  router.openapi(
    createRoute({
      method: "post",
      path: `/units/{id}/${kind.name}/import`,
      tags,
      summary: summaries.import,
      request: {
        params: idParam,
        query: z.object({ dryRun: z.enum(["0", "1"]).default("1") }),
        body: {
          content: {
            "multipart/form-data": {
              schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
            },
          },
          required: true,
        },
      },
      responses: { 200: jsonContent(registryImportReport, "Kết quả") },
    }),
    async (c) => {
      const actor = requireActor(c);
      const file = await uploadedFile(c.req);
      const dryRun = c.req.valid("query").dryRun === "1";
      const communeId = c.req.valid("param").id;
      return c.json(await importItems(c.get("db"), actor, kind, communeId, file, dryRun, kinds), 200);
    },
  );

  for (const [key, field] of memberFields(kind))
    router.openapi(
      createRoute({
        method: "put",
        path: `${base}/{id}/${kindNamed(field.kind, kinds).name}`,
        tags,
        summary: field.summary ?? `Đặt ${field.label.vi.toLowerCase()} của ${kind.noun.vi}`,
        request: { params: idParam, query: communeQuery, body: body(schemas.members[key]!) },
        responses: { 200: jsonContent(item, "Đã lưu") },
      }),
      async (c) => {
        const ids = (c.req.valid("json") as Record<string, number[]>)[key]!;
        const id = c.req.valid("param").id;
        const { communeId } = c.req.valid("query");
        const saved = await setMembers(c.get("db"), requireActor(c), kind, key, id, ids, kinds, communeId);
        return c.json(single(saved), 200);
      },
    );

  return router;
}
