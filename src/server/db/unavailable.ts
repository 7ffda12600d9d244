/**
 * Whether an error means the database cannot be reached or dropped the connection (a restart, a failover, an
 * administrator's pg_terminate_backend, a network cut) rather than refusing the query itself. Such a request is
 * answered 503 "try again": the pool opens a new connection for the next one.
 */

/** SQLSTATE classes and codes of a lost or refused connection. */
const lostConnectionStates = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up, recovering
  "53300", // too_many_connections
]);

/** Node socket codes of a server that went away or never answered. */
const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** node-postgres reports a dead socket with plain messages and no code. */
const lostConnectionMessages =
  /Connection terminated|Client has encountered a connection error|not queryable|Client was closed|timeout exceeded when trying to connect|Connection ended/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && (code.startsWith("08") || lostConnectionStates.has(code))) return true;
    if (typeof code === "string" && socketCodes.has(code)) return true;
    if (typeof message === "string" && lostConnectionMessages.test(message)) return true;
    current = cause;
  }
  return false;
}
