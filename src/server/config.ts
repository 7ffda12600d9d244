import { BlockList, isIP } from "node:net";
import path from "node:path";

/** Every setting the server reads from the environment, with its documented default (see README). */
export type Config = {
  port: number;
  /** The address the server listens on (HOST): loopback unless the operator opens it to a network. */
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Set in production behind HTTPS so that the session cookie carries `Secure`. */
  secureCookies: boolean;
  sessionHours: number;
  logLevel: "silent" | "info";
  /** The nightly retention job (docs/PRIVACY.md); HIEUHOC_RETENTION=off stops it (test servers). */
  retentionJob: boolean;
  /**
   * The one source of absolute links (certificates' QR codes, anything sent out of the application):
   * HIEUHOC_PUBLIC_URL, else this server's own address. Never taken from a request's Host header.
   */
  publicUrl: string;
  /** Reverse proxies whose X-Forwarded-For is believed (addresses and CIDR ranges); empty: none. */
  trustedProxies: string[];
  /** Failed logins allowed from one client address per window; 0 turns the address limit off. */
  loginAddressLimit: number;
  loginAddressWindowMinutes: number;
  /** The server's clock for login limits; tests set a fixed one instead of sleeping. */
  now: () => Date;
};

function positiveInteger(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name}: cần một số nguyên ≥ ${min}, không phải "${value}"`);
  return n;
}

/** Parses HIEUHOC_TRUSTED_PROXIES: a comma list of IPv4/IPv6 addresses and CIDR ranges. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const family = isIP(address ?? "");
    const max = family === 4 ? 32 : 128;
    if (!family || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max)))
      throw new Error(`HIEUHOC_TRUSTED_PROXIES: "${entry}" không phải địa chỉ IP hoặc dải CIDR`);
  }
  return entries;
}

/** The matcher of trusted proxies (node:net BlockList handles IPv4, IPv6 and ranges). */
export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** HOST: an IPv4 or IPv6 address, or a host name ("localhost"); default 127.0.0.1. */
export function parseHost(value: string | undefined): string {
  const host = (value ?? "").trim() || "127.0.0.1";
  if (!isIP(host) && !/^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?$/.test(host))
    throw new Error(`HOST: "${host}" không phải địa chỉ IP hoặc tên máy (ví dụ 127.0.0.1, 0.0.0.0)`);
  return host;
}

const wildcard = new Set(["0.0.0.0", "::"]);

/** The address a browser on this machine uses for a server listening on `host` (a wildcard: loopback). */
export function ownOrigin(host: string, port: number): string {
  const name = wildcard.has(host) ? "127.0.0.1" : host;
  return `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}`;
}

/** HIEUHOC_PUBLIC_URL: an http(s) address without query or fragment; the trailing slash is dropped. */
export function parsePublicUrl(value: string | undefined, fallback: string): string {
  if (value === undefined || value.trim() === "") return fallback;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(
      `HIEUHOC_PUBLIC_URL: "${value}" không phải địa chỉ web (ví dụ https://hieuhoc.xa.gov.vn)`,
    );
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash)
    throw new Error(
      `HIEUHOC_PUBLIC_URL: "${value}" cần dạng http(s)://tên-miền[:cổng][/đường-dẫn], không có tài khoản, ? hay #`,
    );
  return url.toString().replace(/\/+$/, "");
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = positiveInteger("PORT", env.PORT, 3000);
  if (port > 65535) throw new Error(`PORT: cần một số từ 1 đến 65535, không phải "${env.PORT}"`);
  const host = parseHost(env.HOST);
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HIEUHOC_DATA_DIR ?? "./data"),
    secureCookies: env.HIEUHOC_SECURE_COOKIES === "1",
    sessionHours: Number(env.HIEUHOC_SESSION_HOURS ?? 12),
    logLevel: env.HIEUHOC_LOG === "silent" ? "silent" : "info",
    retentionJob: env.HIEUHOC_RETENTION !== "off",
    publicUrl: parsePublicUrl(env.HIEUHOC_PUBLIC_URL, ownOrigin(host, port)),
    trustedProxies: parseTrustedProxies(env.HIEUHOC_TRUSTED_PROXIES),
    loginAddressLimit: positiveInteger("HIEUHOC_LOGIN_ADDRESS_LIMIT", env.HIEUHOC_LOGIN_ADDRESS_LIMIT, 20, 0),
    loginAddressWindowMinutes: positiveInteger(
      "HIEUHOC_LOGIN_ADDRESS_WINDOW_MINUTES",
      env.HIEUHOC_LOGIN_ADDRESS_WINDOW_MINUTES,
      15,
    ),
    now: () => new Date(),
  };
}
