/**
 * LibreOffice headless for tests that check what an office program makes of our files: a PDF of a workbook (as it
 * prints), a workbook of a CSV (as a spreadsheet opens it). Each call has a profile of its own, so that tests and
 * engineers running LibreOffice at the same time do not share one.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const libreOffice = "/usr/bin/libreoffice";

/**
 * Whether the tests can run; without LibreOffice they are skipped with a notice, except on CI (CI=true), where
 * its absence is a failure.
 */
export function libreOfficeAvailable(what: string): boolean {
  if (existsSync(libreOffice)) return true;
  if (process.env.CI === "true") throw new Error(`${libreOffice} is missing, needed for: ${what}`);
  console.warn(`SKIPPED (no ${libreOffice}): ${what}`);
  return false;
}

/**
 * Converts `file` to `to` ("pdf", "xlsx"), with an input filter if given, into a new folder beside the file;
 * returns the path of the result.
 */
export function convert(file: string, to: string, inputFilter?: string): string {
  const profile = mkdtempSync(path.join(tmpdir(), "hieuhoc-lo-profile-"));
  const outdir = mkdtempSync(path.join(path.dirname(file), "lo-out-"));
  try {
    execFileSync(
      libreOffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        ...(inputFilter ? [`--infilter=${inputFilter}`] : []),
        "--convert-to",
        to,
        "--outdir",
        outdir,
        file,
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const produced = readdirSync(outdir).find((name) => name.endsWith(`.${to}`));
  if (!produced) throw new Error(`LibreOffice made no .${to} of ${file}`);
  return path.join(outdir, produced);
}
