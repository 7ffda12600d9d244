import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { registryImportReport } from "../../shared/api";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { type AppEnv, jsonContent, requireActor } from "./context";
import { uploadedFile } from "./upload";

const idParam = z.object({ id: z.coerce.number().int().positive() });
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsxResponse = { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } };
const listQuery = z.object({
  unitId: z.coerce.number().int().positive(),
  q: z.string().optional(),
  archived: z.enum(["0", "1"]).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const importResponse = registryImportReport;

export type RegistryListOptions = {
  unitId: number;
  q?: string;
  archived: boolean;
  offset?: number;
  limit?: number;
};
export type RegistryImportFile = { bytes: Uint8Array; name: string };
type Spreadsheet = Uint8Array | ArrayBuffer;

/** What one registry (hộ, dòng họ, cơ quan, công dân) shares: schemas, Vietnamese texts and services. */
export type RegistryRoutesConfig<
  Item extends z.ZodType,
  Input extends z.ZodType,
  Update extends z.ZodType,
  List extends z.ZodType,
  ArchiveBody extends z.ZodType,
> = {
  /** Path segment, e.g. "households": /households, /households/{id}, /units/{id}/households/import. */
  segment: string;
  tag: string;
  /** Key of the item in single-item responses, e.g. { household }. */
  itemKey: string;
  schemas: {
    item: Item;
    input: Input;
    update: Update;
    list: List;
  };
  summaries: {
    list: string;
    template: string;
    export: string;
    get: string;
    create: string;
    update: string;
    archive: string;
    import: string;
  };
  /** Response descriptions of the list and get routes. */
  descriptions: { list: string; item: string };
  /** Download names of the template and export spreadsheets. */
  files: { template: string; export: string };
  service: {
    list: (db: Db, actor: Actor, options: RegistryListOptions) => Promise<z.input<List>>;
    get: (db: Db, actor: Actor, id: number) => Promise<z.input<Item>>;
    create: (db: Db, actor: Actor, input: z.output<Input>) => Promise<z.input<Item>>;
    update: (db: Db, actor: Actor, id: number, input: z.output<Update>) => Promise<z.input<Item>>;
    /** With `body`, POST /{segment}/{id}/archive takes that JSON body; without it, none. */
    archive:
      | {
          body: ArchiveBody;
          run: (db: Db, actor: Actor, id: number, body: z.output<ArchiveBody>) => Promise<unknown>;
        }
      | { run: (db: Db, actor: Actor, id: number) => Promise<unknown> };
    template: () => Promise<Spreadsheet>;
    export: (db: Db, actor: Actor, unitId: number) => Promise<Spreadsheet>;
    import: (
      db: Db,
      actor: Actor,
      unitId: number,
      file: RegistryImportFile,
      dryRun: boolean,
    ) => Promise<z.input<typeof importResponse>>;
  };
};

const spreadsheet = (bytes: Spreadsheet, filename: string) =>
  [
    new Uint8Array(bytes),
    200,
    { "Content-Type": xlsx, "Content-Disposition": `attachment; filename="${filename}"` },
  ] as const;

/**
 * Registers the routes every registry has on `router`, in this order: list, template.xlsx,
 * export.xlsx, get, create, update, archive, import. Extras stay in the module.
 */
export function registryRoutes<
  Item extends z.ZodType,
  Input extends z.ZodType,
  Update extends z.ZodType,
  List extends z.ZodType,
  ArchiveBody extends z.ZodType = z.ZodType<never>,
>(router: OpenAPIHono<AppEnv>, config: RegistryRoutesConfig<Item, Input, Update, List, ArchiveBody>) {
  const { segment, summaries, service } = config;
  const tags = [config.tag];
  // The routes see the schemas as plain zod types: the typed request/response helpers cannot resolve
  // generic schemas. The config's generics still tie each service to its schemas; request bodies
  // are cast back to their schema's output below, which is what the validator has just produced.
  const schemas: Record<"item" | "input" | "update" | "list", z.ZodType> = config.schemas;
  const itemResponse: z.ZodType = z.object({ [config.itemKey]: schemas.item });
  const single = (item: z.input<Item>) => ({ [config.itemKey]: item });

  router.openapi(
    createRoute({
      method: "get",
      path: `/${segment}`,
      tags,
      summary: summaries.list,
      request: { query: listQuery },
      responses: { 200: jsonContent(schemas.list, config.descriptions.list) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return c.json(
        await service.list(c.get("db"), requireActor(c), { ...query, archived: query.archived === "1" }),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: `/${segment}/template.xlsx`,
      tags,
      summary: summaries.template,
      responses: xlsxResponse,
    }),
    async (c) => {
      requireActor(c);
      return c.body(...spreadsheet(await service.template(), config.files.template));
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: `/${segment}/export.xlsx`,
      tags,
      summary: summaries.export,
      request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
      responses: xlsxResponse,
    }),
    async (c) => {
      const bytes = await service.export(c.get("db"), requireActor(c), c.req.valid("query").unitId);
      return c.body(...spreadsheet(bytes, config.files.export));
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: `/${segment}/{id}`,
      tags,
      summary: summaries.get,
      request: { params: idParam },
      responses: { 200: jsonContent(itemResponse, config.descriptions.item) },
    }),
    async (c) =>
      c.json(single(await service.get(c.get("db"), requireActor(c), c.req.valid("param").id)), 200),
  );

  router.openapi(
    createRoute({
      method: "post",
      path: `/${segment}`,
      tags,
      summary: summaries.create,
      request: { body: { content: { "application/json": { schema: schemas.input } }, required: true } },
      responses: { 201: jsonContent(itemResponse, "Đã tạo") },
    }),
    async (c) => {
      const input = c.req.valid("json") as z.output<Input>;
      return c.json(single(await service.create(c.get("db"), requireActor(c), input)), 201);
    },
  );

  router.openapi(
    createRoute({
      method: "patch",
      path: `/${segment}/{id}`,
      tags,
      summary: summaries.update,
      request: {
        params: idParam,
        body: { content: { "application/json": { schema: schemas.update } }, required: true },
      },
      responses: { 200: jsonContent(itemResponse, "Đã lưu") },
    }),
    async (c) => {
      const updated = await service.update(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("json") as z.output<Update>,
      );
      return c.json(single(updated), 200);
    },
  );

  const archive = service.archive;
  const archiveRoute = {
    method: "post",
    path: `/${segment}/{id}/archive`,
    tags,
    summary: summaries.archive,
    responses: { 204: { description: "Đã lưu trữ" } },
  } as const;
  if ("body" in archive) {
    const body: z.ZodType = archive.body;
    router.openapi(
      createRoute({
        ...archiveRoute,
        request: {
          params: idParam,
          body: { content: { "application/json": { schema: body } }, required: true },
        },
      }),
      async (c) => {
        const id = c.req.valid("param").id;
        await archive.run(c.get("db"), requireActor(c), id, c.req.valid("json") as z.output<ArchiveBody>);
        return c.body(null, 204);
      },
    );
  } else
    router.openapi(createRoute({ ...archiveRoute, request: { params: idParam } }), async (c) => {
      await archive.run(c.get("db"), requireActor(c), c.req.valid("param").id);
      return c.body(null, 204);
    });

  router.openapi(
    createRoute({
      method: "post",
      path: `/units/{id}/${segment}/import`,
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
      responses: { 200: jsonContent(importResponse, "Kết quả") },
    }),
    async (c) => {
      const actor = requireActor(c);
      const file = await uploadedFile(c.req);
      const report = await service.import(
        c.get("db"),
        actor,
        c.req.valid("param").id,
        file,
        c.req.valid("query").dryRun === "1",
      );
      return c.json(report, 200);
    },
  );

  return router;
}
