/** `hieuhoc backup FILE` and `hieuhoc restore FILE` for the embedded database (PostgreSQL: docs/OPERATIONS.md). */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { readConfig } from "../server/config";
import { backupFromServer, isGzip, writeAtomically } from "../server/db/backup";
import { connect } from "../server/db/connection";
import { DataDirLockedError, lockDataDir } from "../server/db/data-dir-lock";
import { openDatabase } from "../server/db/open";
import type { Command } from "./args";

const postgresNote =
  "DATABASE_URL đang đặt: với PostgreSQL, sao lưu bằng pg_dump và khôi phục bằng pg_restore (xem docs/OPERATIONS.md).";
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export const backupCommand: Command = {
  name: "backup",
  usage: "backup FILE [--force]",
  summary:
    "Sao lưu cơ sở dữ liệu nhúng (thư mục HIEUHOC_DATA_DIR) vào một tệp .tar.gz. Chạy được cả khi máy chủ đang chạy: máy chủ tự chép dữ liệu nhất quán (các yêu cầu chờ vài giây).",
  options: { force: { type: "boolean", description: "Ghi đè tệp FILE nếu đã có" } },
  run: async ({ values, positionals }) => {
    const config = readConfig();
    const file = positionals[0];
    if (config.databaseUrl) {
      console.error(postgresNote);
      return 2;
    }
    if (!file) {
      console.error("Cần đường dẫn tệp sao lưu. Xem: hieuhoc backup --help");
      return 2;
    }
    if (existsSync(file) && !values.force) {
      console.error(`Tệp ${file} đã có; thêm --force để ghi đè.`);
      return 1;
    }
    if (!existsSync(path.join(config.dataDir, "pglite", "PG_VERSION"))) {
      console.error(`Thư mục ${config.dataDir} chưa có cơ sở dữ liệu nhúng để sao lưu.`);
      return 1;
    }
    const started = performance.now();
    let bytes: Uint8Array;
    let how: string;
    try {
      const release = await lockDataDir(config.dataDir, "hieuhoc backup");
      try {
        const connection = await connect({ dataDir: path.join(config.dataDir, "pglite") });
        try {
          bytes = await connection.backup!();
        } finally {
          await connection.close();
        }
      } finally {
        await release();
      }
      how = "máy chủ không chạy, chép trực tiếp";
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      // The server (or another command) holds the directory: ask the server, which copies it consistently.
      try {
        bytes = await backupFromServer(config.dataDir);
      } catch (askError) {
        console.error(`${error.message}\n${(askError as Error).message}`);
        return 1;
      }
      how = `qua máy chủ đang chạy (tiến trình ${error.owner?.pid ?? "?"})`;
    }
    writeAtomically(file, bytes);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Đã sao lưu ${config.dataDir} vào ${file} (${megabytes(bytes.length)}, ${how}, ${seconds} s).`,
    );
    return 0;
  },
};

export const restoreCommand: Command = {
  name: "restore",
  usage: "restore FILE [--force]",
  summary:
    "Khôi phục bản sao lưu FILE (của hieuhoc backup) vào thư mục HIEUHOC_DATA_DIR. Máy chủ phải dừng; thư mục đã có dữ liệu thì cần --force (dữ liệu cũ được chuyển sang pglite.truoc-khoi-phuc-<thời điểm>, không bị xóa).",
  options: {
    force: { type: "boolean", description: "Khôi phục cả khi thư mục đã có dữ liệu (giữ bản cũ bên cạnh)" },
  },
  run: async ({ values, positionals }) => {
    const config = readConfig();
    const file = positionals[0];
    if (config.databaseUrl) {
      console.error(postgresNote);
      return 2;
    }
    if (!file) {
      console.error("Cần đường dẫn tệp sao lưu. Xem: hieuhoc restore --help");
      return 2;
    }
    if (!existsSync(file)) {
      console.error(`Không có tệp ${file}.`);
      return 1;
    }
    const bytes = readFileSync(file);
    if (!isGzip(bytes)) {
      console.error(`Tệp ${file} không phải bản sao lưu của hieuhoc backup (cần tệp .tar.gz).`);
      return 1;
    }
    const release = await lockDataDir(config.dataDir, "hieuhoc restore"); // refused while the server runs
    const target = path.join(config.dataDir, "pglite");
    let aside: string | null = null;
    try {
      const present = readdirSync(config.dataDir).filter((name) => !/^hieuhoc\.(lock|sock)$/.test(name));
      if (present.length > 0 && !values.force) {
        console.error(
          `Thư mục dữ liệu ${config.dataDir} không trống (có: ${present.join(", ")}); không ghi đè. Chọn thư mục trống (HIEUHOC_DATA_DIR) hoặc thêm --force.`,
        );
        return 1;
      }
      if (existsSync(target)) {
        aside = `${target}.truoc-khoi-phuc-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        renameSync(target, aside);
      }
      try {
        const loaded = await connect({ dataDir: target, loadDataDir: new Blob([bytes]) });
        await loaded.close();
      } catch (error) {
        rmSync(target, { recursive: true, force: true });
        if (aside) renameSync(aside, target);
        aside = null;
        throw new Error(
          `Tệp ${file} không khôi phục được (${(error as Error).message}); dữ liệu cũ giữ nguyên.`,
        );
      }
    } finally {
      await release();
    }
    // Opened as the server would: migrations of a newer version applied, the lock taken again.
    const connection = await openDatabase(config);
    try {
      const [tables] = (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables
          WHERE table_schema = 'public'`.execute(connection.db)
      ).rows;
      const households = await connection.db
        .selectFrom("households")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      console.log(
        `Đã khôi phục ${file} vào ${config.dataDir} (${tables?.n} bảng, ${Number(households.n)} hộ gia đình).`,
      );
      if (aside) console.log(`Dữ liệu cũ được giữ ở ${aside}.`);
    } finally {
      await connection.close();
    }
    return 0;
  },
};
