import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { smallProvinces2025, smallUnits2025_03 } from "../../test/fixtures/units";
import { describeEmbedded } from "../../test/helpers/db";

const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-cli-"));
const hieuhoc = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/hieuhoc.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, HIEUHOC_DATA_DIR: dataDir, DATABASE_URL: "", HIEUHOC_PASSWORD: "mat-khau-dai-du" },
  });

describeEmbedded("the hieuhoc command", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("has --help on every command", { timeout: 180_000 }, () => {
    const top = hieuhoc("--help");
    expect(top.status).toBe(0);
    for (const command of ["serve", "migrate", "demo", "units import", "users create", "privacy retention"]) {
      const result = hieuhoc(...command.split(" "), "--help");
      expect(result.status, command).toBe(0);
      expect(result.stdout).toContain(`hieuhoc ${command}`);
      expect(top.stdout).toContain(command);
    }
    expect(hieuhoc("khong-co").status).toBe(2);
  });

  // Each command is a process that starts tsx and PGlite: seconds each, more on a loaded machine.
  it("imports units with a dry run first, reports bad rows by line and exits non-zero", {
    timeout: 180_000,
  }, () => {
    const file = path.join(dataDir, "units.csv");
    writeFileSync(file, smallUnits2025_03);
    const dry = hieuhoc("units", "import", "--format", "units-2025-03", file, "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("Kiểm tra xong 4 dòng");
    const real = hieuhoc("units", "import", "--format", "units-2025-03", file);
    expect(real.stdout).toContain("9 mới");
    const provinces = path.join(dataDir, "provinces.csv");
    writeFileSync(provinces, `${smallProvinces2025}1,Tỉnh Sai Mã\n`);
    const bad = hieuhoc("units", "import", "--format", "provinces-2025", provinces);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Dòng 4, cột ma_tinh: Mã tỉnh/thành phố "1" không hợp lệ');
    expect(bad.stderr).toContain("Không có gì được ghi");
  });

  it("creates a user with a grant on a unit", { timeout: 180_000 }, () => {
    writeFileSync(path.join(dataDir, "p.csv"), smallProvinces2025);
    expect(hieuhoc("units", "import", "--format", "provinces-2025", path.join(dataDir, "p.csv")).status).toBe(
      0,
    );
    const created = hieuhoc(
      "users",
      "create",
      "--username",
      "soGD",
      "--name",
      "Sở GD",
      "--role",
      "unit_admin",
      "--unit",
      "01",
    );
    expect(created.stdout).toContain("Đã tạo tài khoản sogd");
    expect(hieuhoc("users", "create", "--username", "x", "--name", "X", "--role", "viewer").status).toBe(2);
    // The retention job by hand (test/api/privacy-retention.test.ts checks what it does).
    const retention = hieuhoc("privacy", "retention", "--dry-run");
    expect(retention.status, retention.stderr).toBe(0);
    expect(retention.stdout).toContain("Chạy thử ngày");
    expect(retention.stdout).toContain("Chủ hộ (sổ hộ gia đình), thời hạn 10 năm");
  });
});
