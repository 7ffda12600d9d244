import { readFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { hashPassword } from "../server/auth/passwords";
import { commandLineActor } from "../server/auth/scope";
import { type Config, readConfig } from "../server/config";
import { serveControlSocket } from "../server/db/backup";
import type { Connection } from "../server/db/connection";
import { openDatabase } from "../server/db/open";
import { demoPassword, demoUsers, loadDemo } from "../server/demo/demo";
import { abortReason, installExitLog } from "../server/lifecycle";
import { type RunningServer, startServer } from "../server/main";
import { recordAudit } from "../server/modules/audit/audit.repo";
import { importUnitFile } from "../server/modules/territory/territory.import";
import { type UnitImportFormat, unitImportFormats } from "../server/modules/territory/unit-lists";
import { roles } from "../shared/api";
import type { Command } from "./args";
import { backupCommand, restoreCommand } from "./backup";
import { fundVerifyCommand } from "./fund";
import { importCommand, printReport } from "./import";
import { privacyRetentionCommand } from "./privacy";
import { statsCommands } from "./stats";
import { yearCloseCommands } from "./year-close";

async function withDatabase(work: (connection: Connection) => Promise<number>): Promise<number> {
  const connection = await openDatabase(readConfig(), (line) => console.error(line));
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** Where the server listens, who can reach it, and the public address links are made from. */
export function printAddress(server: RunningServer, config: Config) {
  const { address, port } = server.address;
  console.log(`\nHiếu Học đang chạy: ${server.url}`);
  const loopback = address === "127.0.0.1" || address === "::1" || address === "localhost";
  console.log(
    loopback
      ? `Đang nghe tại ${address}:${port}: chỉ máy này mở được. Mở cho mạng nội bộ: HOST=0.0.0.0 và HIEUHOC_PUBLIC_URL (xem README).`
      : `Đang nghe tại ${address}:${port}: các máy khác trong mạng mở được (HOST=${config.host}).`,
  );
  console.log(`Địa chỉ công khai (mã QR trên giấy công nhận): ${config.publicUrl}`);
}

export function printDemoLogins(basic = false) {
  console.log(`Tài khoản dùng thử (mật khẩu: ${demoPassword}):`);
  for (const user of demoUsers)
    if (!(basic && user.withHistory)) console.log(`  ${user.username.padEnd(14)} ${user.fullName}`);
}

/** The demo as `npm start` shows it: years of work up to today, with a progress line per ward and year. */
const livedIn = (connection: Connection) => ({
  history: true,
  pool: connection.pool,
  log: (line: string) => console.log(line),
});

export const serveCommand: Command = {
  name: "serve",
  usage: "serve [--demo [--demo-basic]]",
  summary:
    "Chạy máy chủ web và API (cổng PORT, mặc định 3000). Cơ sở dữ liệu được tạo và cập nhật khi khởi động.",
  options: {
    demo: { type: "boolean", description: "Nạp dữ liệu dùng thử nếu cơ sở dữ liệu còn trống" },
    "demo-basic": {
      type: "boolean",
      description:
        "Với --demo: chỉ đơn vị, thôn, vài hộ và tài khoản, không nạp các năm (kiểm thử giao diện)",
    },
  },
  run: async ({ values }) => {
    const started = performance.now();
    const config = readConfig();
    // From here on, whatever ends the process is logged as one line (lifecycle.ts).
    let close = async () => {};
    const exitLog = installExitLog({ cleanup: () => close() });
    const connection = await openDatabase(config, (line) => console.log(line), {
      onAbort: (error) => void exitLog.exit(abortReason(error), 1, error),
    });
    close = connection.close;
    const history = values["demo-basic"] ? {} : livedIn(connection);
    if (values.demo && (await loadDemo(connection.db, { ifEmpty: true, ...history })))
      console.log("Đã nạp dữ liệu dùng thử.");
    const server = await startServer(connection, config);
    // `hieuhoc backup` asks the running server over a local socket in the data directory (db/backup.ts).
    const stopControl = connection.backup
      ? await serveControlSocket(config.dataDir, connection)
      : async () => {};
    close = async () => {
      await stopControl();
      await server.close();
    };
    printAddress(server, config);
    if (values.demo) printDemoLogins(Boolean(values["demo-basic"]));
    console.log(`Sẵn sàng sau ${Math.round(performance.now() - started)} ms`);
    return new Promise<number>(() => {});
  },
};

export const migrateCommand: Command = {
  name: "migrate",
  usage: "migrate",
  summary: "Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu (chỉ tiến, không lùi).",
  run: () => withDatabase(async () => 0),
};

export const demoCommand: Command = {
  name: "demo",
  usage: "demo [--if-empty] [--basic]",
  summary: "Nạp dữ liệu dùng thử: các phường trong báo cáo mẫu, thôn/tổ dân phố và tài khoản dùng thử.",
  options: {
    "if-empty": { type: "boolean", description: "Chỉ nạp khi cơ sở dữ liệu chưa có đơn vị nào" },
    basic: {
      type: "boolean",
      description: "Chỉ đơn vị, thôn, vài hộ và tài khoản, không nạp các năm (kiểm thử)",
    },
  },
  run: ({ values }) =>
    withDatabase(async (connection) => {
      const loaded = await loadDemo(connection.db, {
        ifEmpty: Boolean(values["if-empty"]),
        ...(values.basic ? {} : livedIn(connection)),
      });
      console.log(loaded ? "Đã nạp dữ liệu dùng thử." : "Cơ sở dữ liệu đã có dữ liệu; không nạp.");
      return 0;
    }),
};

export const unitsImportCommand: Command = {
  name: "units import",
  usage: `units import --format <${unitImportFormats.join("|")}> FILE [--dry-run]`,
  summary:
    "Nhập danh mục đơn vị hành chính (CSV UTF-8, định dạng trong docs/IMPORT.md). Tệp có lỗi thì không ghi gì; nhập lại cùng tệp không thay đổi gì.",
  options: {
    format: { type: "string", description: unitImportFormats.join(" | ") },
    "dry-run": { type: "boolean", description: "Chỉ kiểm tra, không ghi" },
    "valid-from": {
      type: "string",
      description: "Ngày bắt đầu hiệu lực của danh mục 2025 (mặc định 2025-07-01)",
    },
    "valid-to": { type: "string", description: "Ngày hết hiệu lực của danh mục cũ (mặc định 2025-07-01)" },
    date: { type: "string", description: "Ngày hiệu lực của sắp xếp đơn vị (mặc định 2025-07-01)" },
  },
  run: async ({ values, positionals }) => {
    const format = values.format as UnitImportFormat | undefined;
    const file = positionals[0];
    if (!format || !unitImportFormats.includes(format) || !file) {
      console.error(
        `Cần --format (${unitImportFormats.join(", ")}) và đường dẫn tệp. Xem: hieuhoc units import --help`,
      );
      return 2;
    }
    const text = readFileSync(file); // bytes: the import tells their encoding
    return withDatabase(async ({ db }) => {
      const started = performance.now();
      let shown = 0;
      const report = await importUnitFile(db, commandLineActor, format, text, {
        dryRun: Boolean(values["dry-run"]),
        validFrom: values["valid-from"] as string | undefined,
        validTo: values["valid-to"] as string | undefined,
        effectiveDate: values.date as string | undefined,
        onProgress: (done, total) => {
          if (done - shown >= 2000 || done === total) {
            shown = done;
            process.stderr.write(`\r  đã ghi ${done}/${total}`);
          }
        },
      });
      if (shown > 0) process.stderr.write("\n");
      return printReport(report, ((performance.now() - started) / 1000).toFixed(1));
    });
  },
};

async function askPassword(): Promise<string> {
  if (process.env.HIEUHOC_PASSWORD) return process.env.HIEUHOC_PASSWORD;
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await reader.question("Mật khẩu (ít nhất 10 ký tự): ");
  reader.close();
  return answer;
}

export const usersCreateCommand: Command = {
  name: "users create",
  usage: "users create --username U --name 'Họ tên' --role ROLE [--unit MÃ --level LEVEL]",
  summary:
    "Tạo tài khoản với một quyền. Mật khẩu lấy từ biến HIEUHOC_PASSWORD hoặc được hỏi. Không có --unit: quyền toàn quốc (chỉ system_admin).",
  options: {
    username: { type: "string", description: "Tên đăng nhập (chữ không dấu, số, . _ -)" },
    name: { type: "string", description: "Họ tên" },
    role: { type: "string", description: roles.join(" | ") },
    unit: { type: "string", description: "Mã đơn vị được cấp quyền (đơn vị đang có hiệu lực)" },
    level: { type: "string", description: "province | commune (mặc định: theo số chữ số của mã)" },
  },
  run: async ({ values }) => {
    const username = String(values.username ?? "").toLowerCase();
    const fullName = String(values.name ?? "").trim();
    const role = values.role as (typeof roles)[number];
    if (!/^[a-z0-9._-]{3,64}$/.test(username) || !fullName || !roles.includes(role)) {
      console.error("Cần --username hợp lệ, --name và --role. Xem: hieuhoc users create --help");
      return 2;
    }
    if (!values.unit && role !== "system_admin") {
      console.error("Quyền này cần --unit");
      return 2;
    }
    const password = await askPassword();
    if (password.length < 10) {
      console.error("Mật khẩu cần ít nhất 10 ký tự");
      return 2;
    }
    return withDatabase(async ({ db }) => {
      let unitId: number | null = null;
      if (values.unit) {
        const code = String(values.unit);
        const level = (values.level as string | undefined) ?? (code.length === 2 ? "province" : "commune");
        const unit = await db
          .selectFrom("admin_units")
          .select("id")
          .where("code", "=", code)
          .where("level", "=", level as "province")
          .where("valid_to", "is", null)
          .executeTakeFirst();
        if (!unit) {
          console.error(`Không có ${level} mã ${code} đang có hiệu lực`);
          return 1;
        }
        unitId = unit.id;
      }
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (tx) => {
        const exists = await tx
          .selectFrom("app_users")
          .select("id")
          .where("username", "=", username)
          .executeTakeFirst();
        if (exists) throw new Error(`Tên đăng nhập "${username}" đã có`);
        const { id } = await tx
          .insertInto("app_users")
          .values({ username, full_name: fullName, password_hash: passwordHash })
          .returning("id")
          .executeTakeFirstOrThrow();
        await tx.insertInto("role_grants").values({ user_id: id, role, unit_id: unitId }).execute();
        await recordAudit(tx, commandLineActor, {
          action: "create",
          entity: "user",
          entityId: id,
          unitId,
          after: { username, fullName, role, unitId },
        });
      });
      console.log(`Đã tạo tài khoản ${username} (${role}).`);
      return 0;
    });
  },
};

export const commands: Command[] = [
  serveCommand,
  migrateCommand,
  demoCommand,
  unitsImportCommand,
  usersCreateCommand,
  importCommand,
  backupCommand,
  restoreCommand,
  ...statsCommands,
  ...yearCloseCommands,
  fundVerifyCommand,
  privacyRetentionCommand,
];
