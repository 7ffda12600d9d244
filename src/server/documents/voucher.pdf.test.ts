import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { renderVoucher, type VoucherData } from "./voucher.pdf";

const run = promisify(execFile);

async function hasTool(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}
const inCi = process.env.CI === "true";
const havePdftotext = await hasTool("pdftotext", ["-v"]);
if (!havePdftotext && !inCi)
  console.warn("[voucher.pdf.test] pdftotext not found (apt-get install poppler-utils): text checks skipped");

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The PDF's text as pdftotext reads it, lines joined by single spaces. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hieuhoc-voucher-"));
  dirs.push(dir);
  const file = join(dir, "voucher.pdf");
  await writeFile(file, bytes);
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", file, "-"]);
  return stdout.replace(/\s+/g, " ");
}

const payment: VoucherData = {
  kind: "payment",
  unitName: "Hội Khuyến học Phường Tây Hồ",
  fundName: "Quỹ khuyến học phường",
  number: "PC12/2026",
  date: "2026-09-05",
  personName: "Phạm Văn Bố (nhận thay Phạm Minh Anh)",
  address: "lớp 7A, Trường THCS Chu Văn An",
  reason: "Học bổng học sinh nghèo vượt khó năm học 2026–2027",
  amount: 1_005_000,
  accountLine: "Nợ Học bổng học sinh nghèo / Có Tiền mặt",
  approvals: [
    { label: "Người đề xuất", name: "Nguyễn Thị Thủ Quỹ", at: "08:15 ngày 01/09/2026" },
    { label: "Người duyệt", name: "Lê Văn Chủ Tịch", at: "14:30 ngày 02/09/2026" },
  ],
  signers: [
    { title: "Người duyệt", name: "Lê Văn Chủ Tịch" },
    { title: "Kế toán" },
    { title: "Người lập phiếu", name: "Nguyễn Thị Thủ Quỹ" },
    { title: "Thủ quỹ", name: "Trần Văn Kế Toán" },
    { title: "Người nhận tiền" },
  ],
};

describe("phiếu thu and phiếu chi", () => {
  it.skipIf(!havePdftotext && !inCi)(
    "write the amount in words and keep Vietnamese text intact",
    async () => {
      if (!havePdftotext) throw new Error("pdftotext is required in CI: apt-get install -y poppler-utils");
      const chi = await pdfText(await renderVoucher(payment));
      for (const text of [
        "PHIẾU CHI",
        "Số: PC12/2026",
        "Ngày 05 tháng 09 năm 2026",
        "Đơn vị: Hội Khuyến học Phường Tây Hồ",
        "Họ và tên người nhận: Phạm Văn Bố (nhận thay Phạm Minh Anh)",
        "Lý do chi: Học bổng học sinh nghèo vượt khó năm học 2026–2027",
        "Số tiền: 1.005.000 đồng",
        "Viết bằng chữ: Một triệu không trăm lẻ năm nghìn đồng",
        "Người duyệt: Lê Văn Chủ Tịch, lúc 14:30 ngày 02/09/2026",
        "Người đề xuất: Nguyễn Thị Thủ Quỹ",
        "Thủ quỹ",
        "(Ký, họ tên)",
      ])
        expect(chi).toContain(text);
      const thu = await pdfText(
        await renderVoucher({
          ...payment,
          kind: "receipt",
          number: "PT3/2026",
          personName: "Công ty TNHH Minh Phát",
          reason: "Tài trợ quỹ khuyến học",
          amount: 2_000_000_000,
          approvals: [],
          signers: [{ title: "Chủ tịch Hội" }, { title: "Người nộp" }, { title: "Thủ quỹ" }],
        }),
      );
      expect(thu).toContain("PHIẾU THU");
      expect(thu).toContain("Họ và tên người nộp: Công ty TNHH Minh Phát");
      expect(thu).toContain("Số tiền: 2.000.000.000 đồng");
      expect(thu).toContain("Viết bằng chữ: Hai tỷ đồng");
    },
  );
});
