/**
 * One tone-mark style everywhere: the traditional placement on the first vowel of an open "oa", "oe" or "uy"
 * syllable (hòa, khỏe, hủy, thủy), never the new one (hoà, khoẻ, huỷ, thuỷ). Every text file of the product is read;
 * only the legacy-encoding converter, which must know both spellings to recognise words, and the examples of this
 * check are exempt.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { newStyleWords } from "./tone-marks";

const root = path.resolve(import.meta.dirname, "../..");
const exempt = [/legacy-vietnamese(\.test)?\.ts$/, /tone-marks(\.test)?\.ts$/];
describe("tone marks", () => {
  it("recognises the new style and leaves the traditional one, quý, giá, ngoài and khuỷu alone", () => {
    expect(newStyleWords("Huỷ hoà khoẻ thuỷ Thuý HOÀ")).toEqual([
      "Huỷ",
      "hoà",
      "khoẻ",
      "thuỷ",
      "Thuý",
      "HOÀ",
    ]);
    expect(newStyleWords("Hủy hòa khỏe thủy Thúy HÒA quý giá ngoài khuỷu hoàn toàn Quỳnh")).toEqual([]);
  });

  it("every text file of the product uses the traditional placement", () => {
    const files = execFileSync(
      "git",
      ["ls-files", "src", "e2e", "test", "docs", "bench", "scripts", "README.md"],
      {
        cwd: root,
        encoding: "utf8",
      },
    )
      .split("\n")
      .filter((f) => /\.(ts|tsx|md|mjs|sql|json)$/.test(f) && !exempt.some((e) => e.test(f)));
    const found = files.flatMap((f) =>
      readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .flatMap((line, i) => newStyleWords(line).map((w) => `${f}:${i + 1}: ${w}`)),
    );
    expect(found).toEqual([]);
  });
});
