import { serve } from "@hono/node-server";
import { createApp } from "./app";
import type { Config } from "./config";
import type { Connection } from "./db/connection";

/** Serves the API and the web application until the process is stopped. */
export function startServer(connection: Connection, config: Config) {
  const app = createApp(connection.db, config);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: "0.0.0.0" });
  const stop = async () => {
    server.close();
    await connection.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return server;
}
