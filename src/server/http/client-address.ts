/**
 * The address a request comes from, for per-address limits. X-Forwarded-For is written by whoever sends the
 * request, so it is believed only when the direct peer is one of our reverse proxies (HIEUHOC_TRUSTED_PROXIES),
 * and then read from the right: each trusted proxy appends the address it saw, so the right-most hop that is not
 * one of ours is the client; anything further left could have been made up by the client.
 */
import { type BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { type Config, trustedProxyList } from "../config";
import type { AppEnv } from "./context";

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) → "10.0.0.1"; "[2001:db8::1]:443" and "1.2.3.4:80" → the address. */
export function normalizeAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address);
  if (withPort) address = withPort[1]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  proxies: BlockList,
): string {
  if (!peer) return "unknown";
  let nearest = normalizeAddress(peer);
  if (!forwardedFor || !trusted(proxies, nearest)) return nearest;
  const hops = forwardedFor.split(",").map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A malformed hop was not written by a proxy of ours: stop at the last address we can vouch for.
    if (!isIP(hop)) return nearest;
    if (!trusted(proxies, hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

const lists = new WeakMap<Config, BlockList>();

/** The client address of a request under the server's configuration. */
export function clientAddress(c: Context<AppEnv>): string {
  const config = c.get("config");
  let list = lists.get(config);
  if (!list) {
    list = trustedProxyList(config.trustedProxies);
    lists.set(config, list);
  }
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined; // app.request() in tests and scripts: no socket
  }
  return resolveClientAddress(peer, c.req.header("x-forwarded-for"), list);
}
