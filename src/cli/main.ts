import { runCommand } from "./args";
import { commands } from "./commands";

const usage = `Hiếu Học: nền tảng xây dựng xã hội học tập

Cách dùng: hieuhoc <lệnh> [tùy chọn]   (thêm --help sau mỗi lệnh để xem chi tiết)

${commands.map((c) => `  ${c.name.padEnd(16)} ${c.summary.split(". ")[0]}`).join("\n")}

Biến môi trường: PORT (3000), HOST (127.0.0.1; 0.0.0.0: mở cho mạng), HIEUHOC_PUBLIC_URL (địa chỉ trong mã QR),
DATABASE_URL (PostgreSQL; không đặt thì dùng PGlite nhúng),
HIEUHOC_DATA_DIR (./data), HIEUHOC_SECURE_COOKIES=1 (sau HTTPS), HIEUHOC_LOG=silent.`;

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "help") {
    console.log(usage);
    return 0;
  }
  const command =
    commands.find((c) => c.name === `${argv[0]} ${argv[1]}`) ?? commands.find((c) => c.name === argv[0]);
  if (!command) {
    console.error(`Không có lệnh "${argv.join(" ")}".\n\n${usage}`);
    return 2;
  }
  return runCommand(command, argv.slice(command.name.split(" ").length));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
