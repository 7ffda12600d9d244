import { BlockList, isIP } from "node:net";
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HIEUHOC_DATA_DIR ?? "./data"),
    secureCookies: env.HIEUHOC_SECURE_COOKIES === "1",
    sessionHours: Number(env.HIEUHOC_SESSION_HOURS ?? 12),
    logLevel: env.HIEUHOC_LOG === "silent" ? "silent" : "info",
    publicUrl: env.HIEUHOC_PUBLIC_URL || undefined,
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
