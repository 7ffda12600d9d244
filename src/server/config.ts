import path from "node:path";

/** Every setting the server reads from the environment, with its documented default (see README). */
export type Config = {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Set in production behind HTTPS so that the session cookie carries `Secure`. */
  secureCookies: boolean;
  sessionHours: number;
  logLevel: "silent" | "info";
  /** Base address printed in certificates' QR codes; by default the address the request came to. */
  publicUrl: string | undefined;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HIEUHOC_DATA_DIR ?? "./data"),
    secureCookies: env.HIEUHOC_SECURE_COOKIES === "1",
    sessionHours: Number(env.HIEUHOC_SESSION_HOURS ?? 12),
    logLevel: env.HIEUHOC_LOG === "silent" ? "silent" : "info",
    publicUrl: env.HIEUHOC_PUBLIC_URL || undefined,
  };
}
