import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import type { Config } from "./config";
import type { Connection } from "./db/connection";
import { scheduleRetention } from "./modules/privacy/retention-schedule";

export type RunningServer = {
  /** The address and port the server actually listens on. */
  address: AddressInfo;
  /** The address to open in a browser on this machine (http://127.0.0.1:3000, or http://[::1]:3000). */
  url: string;
  close: () => Promise<void>;
};

const urlOf = ({ address, family, port }: AddressInfo) => {
  const host = address === "0.0.0.0" || address === "::" ? "127.0.0.1" : address;
  return `http://${family === "IPv6" && host !== "127.0.0.1" ? `[${host}]` : host}:${port}`;
};

/**
 * Serves the API and the web application on HOST:PORT (the serve command logs why the process ends, see
 * lifecycle.ts). Resolves once the server listens, or rejects in Vietnamese if it cannot.
 */
export async function startServer(connection: Connection, config: Config): Promise<RunningServer> {
  const app = createApp(connection.db, config);
  let closeServer: () => Promise<void> = async () => {};
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      server.off("error", failed);
      resolve(info);
    });
    function failed(error: NodeJS.ErrnoException) {
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Cổng ${config.port} trên ${config.host} đang được chương trình khác dùng; đặt PORT khác`
            : `Không mở được ${config.host}:${config.port} (HOST, PORT): ${error.message}`,
        ),
      );
    }
    server.once("error", failed);
    closeServer = () => new Promise<void>((done) => server.close(() => done()));
  });
  // The retention job, once a day (docs/PRIVACY.md).
  const stopRetention = config.retentionJob
    ? scheduleRetention(connection.db, (line) => console.log(line))
    : async () => {};
  const close = async () => {
    await closeServer();
    await stopRetention();
    await connection.close();
  };
  return { address, url: urlOf(address), close };
}
