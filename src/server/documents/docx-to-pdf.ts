/**
 * A .docx made by nd30.docx.ts as PDF, through LibreOffice headless when the server has it (Debian:
 * apt-get install libreoffice-writer-nogui). One conversion at a time (each starts an office process of a few
 * hundred MB), each with a private profile so that a user's or another process's LibreOffice does not lock it.
 * Without LibreOffice the caller answers 503 and offers the .docx.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "../errors";

const run = promisify(execFile);
const candidates = [
  "/usr/bin/libreoffice",
  "/usr/bin/soffice",
  "/usr/local/bin/libreoffice",
  "/usr/local/bin/soffice",
];

/** The LibreOffice program, or null when none is installed. */
export function libreOfficePath(): string | null {
  return candidates.find((c) => existsSync(c)) ?? null;
}

let queue: Promise<unknown> = Promise.resolve();

/** Converts a .docx to PDF; 503 when LibreOffice is not installed, 500 when it fails. */
export function docxToPdf(docx: Buffer): Promise<Buffer> {
  const program = libreOfficePath();
  if (!program)
    throw new AppError(
      "unavailable",
      "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF: tải bản .docx, hoặc nhờ quản trị cài libreoffice-writer-nogui",
    );
  const job = queue.then(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hieuhoc-pdf-"));
    try {
      const file = path.join(dir, "bao-cao.docx");
      await writeFile(file, docx);
      await run(
        program,
        [
          `-env:UserInstallation=file://${path.join(dir, "profile")}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          file,
        ],
        { timeout: 120_000 },
      );
      return await readFile(path.join(dir, "bao-cao.pdf"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  queue = job.catch(() => undefined);
  return job;
}
