/**
 * Backups of the embedded database while the server runs. The server holds the data directory's lock, so no other
 * process may open the database; instead it listens on a local control socket in the data directory
 * (`hieuhoc.sock`, mode 600: only who can read the data directory can ask, and nothing on the network can), and
 * `hieuhoc backup` asks it there for a copy. The copy is PGlite's own tar.gz of its data directory, taken with the
 * pool's only connection held after a CHECKPOINT (connection.ts), so no transaction is half in it.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Connection } from "./connection";

/** The control socket of a data directory (in the system's temporary folder when the path would be too long). */
export function controlSocketPath(dataDir: string): string {
  if (process.platform === "win32")
    return `\\\\?\\pipe\\hieuhoc-${createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}`;
  const inside = path.join(dataDir, "hieuhoc.sock");
  if (Buffer.byteLength(inside) < 100) return inside;
  return path.join(
    tmpdir(),
    `hieuhoc-${createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}.sock`,
  );
}

/**
 * Serves `POST /backup` on the data directory's control socket for as long as the server runs. Call only while
 * holding the data directory's lock (a socket file left by a killed server is then known to be stale).
 */
export async function serveControlSocket(
  dataDir: string,
  connection: Connection,
): Promise<() => Promise<void>> {
  const socket = controlSocketPath(dataDir);
  if (process.platform !== "win32") rmSync(socket, { force: true });
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/backup" || !connection.backup) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Không có lệnh này");
      return;
    }
    connection.backup().then(
      (bytes) => res.writeHead(200, { "content-type": "application/gzip" }).end(bytes),
      (error: Error) =>
        res
          .writeHead(500, { "content-type": "text/plain; charset=utf-8" })
          .end(`Không sao lưu được: ${error.message}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socket, () => resolve());
  });
  if (process.platform !== "win32") chmodSync(socket, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

/** Asks the server holding `dataDir` for a backup over its control socket. */
export function backupFromServer(dataDir: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: controlSocketPath(dataDir), method: "POST", path: "/backup" },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          if (res.statusCode === 200) resolve(new Uint8Array(body));
          else reject(new Error(body.toString("utf8")));
        });
      },
    );
    req.on("error", (error) =>
      reject(new Error(`Không liên lạc được với máy chủ đang giữ ${dataDir} (${error.message})`)),
    );
    req.end();
  });
}

/** A tar.gz of PGlite (gzip magic bytes), checked before a restore touches anything. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 18 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Writes `bytes` to `file` through a temporary name, so that a half-written backup never carries the name. */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } finally {
    if (existsSync(temporary)) rmSync(temporary, { force: true });
  }
}
