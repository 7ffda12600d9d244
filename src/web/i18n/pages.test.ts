/**
 * The English catalogue covers the to-do page and the titles page (with its steps in components/cycle): every key
 * these pages use exists in both catalogues, the enumerations they look up (titles, to-do steps, statuses, grades,
 * tabs) are complete, no English text of theirs is Vietnamese, and their code holds no Vietnamese text of its own
 * nor shows the server's Vietnamese wording of a to-do task or a title.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { registrationStatuses, todoSteps } from "../../shared/cycle";
import { grades, titles } from "../../shared/rubric";
import { messages } from "./messages";

const web = path.resolve(import.meta.dirname, "..");
const files = [
  "pages/TodoPage.tsx",
  "pages/TitlesPage.tsx",
  ...readdirSync(path.join(web, "components/cycle"))
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => `components/cycle/${f}`),
];
const sources = files.map((file) => ({ file, text: readFileSync(path.join(web, file), "utf8") }));

// Letters only Vietnamese uses (and the tone marks on plain vowels).
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

/**
 * Vietnamese that stays Vietnamese in English: what the user types into a Vietnamese document (the signer's post,
 * a decision number's pattern), offered as a default or an example.
 */
const DOCUMENT_TEXT_KEYS = new Set(["decision.defaultSignerTitle"]);
const DOCUMENT_TEXT = /^(\d+\/QĐ-UBND|CHỦ TỊCH)$/u;

/** Keys looked up by template (`t(\`title.${x}\`)`) and the values they take. */
const ENUMERATIONS: Record<string, readonly string[]> = {
  "title.": titles,
  "todo.step.": todoSteps,
  "status.": registrationStatuses,
  "rubrics.grade.": grades,
  "decision.kind.": ["recognition", "revocation"],
  "decision.status.": ["draft", "issued"],
};

function usedKeys(): { literal: Set<string>; templates: Set<string> } {
  const literal = new Set<string>();
  const templates = new Set<string>();
  for (const { text } of sources) {
    for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) literal.add(m[1]!);
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\$\{/g)) templates.add(m[1]!);
  }
  return { literal, templates };
}

describe("English on the to-do and titles pages", () => {
  const { literal, templates } = usedKeys();
  const vi = messages.vi as Record<string, string>;
  const en = messages.en as Record<string, string>;

  test("every key the pages use is in both catalogues, each enumeration complete", () => {
    expect(literal.size).toBeGreaterThan(50);
    for (const key of literal) {
      expect(vi[key], `vi ${key}`).toBeTruthy();
      expect(en[key], `en ${key}`).toBeTruthy();
    }
    for (const prefix of templates) {
      const values =
        ENUMERATIONS[prefix] ??
        Object.keys(vi)
          .filter((k) => k.startsWith(prefix))
          .map((k) => k.slice(prefix.length));
      expect(values.length, prefix).toBeGreaterThan(0);
      for (const value of values) {
        expect(vi[`${prefix}${value}`], `vi ${prefix}${value}`).toBeTruthy();
        expect(en[`${prefix}${value}`], `en ${prefix}${value}`).toBeTruthy();
      }
    }
  });

  test("none of their English texts is Vietnamese", () => {
    const keys = [
      ...literal,
      ...[...templates].flatMap((prefix) => Object.keys(en).filter((k) => k.startsWith(prefix))),
    ];
    const leaks = keys
      .filter((key) => !DOCUMENT_TEXT_KEYS.has(key) && VIETNAMESE.test(en[key] ?? ""))
      .map((key) => `${key}: ${en[key]}`);
    expect(leaks).toEqual([]);
  });

  test("their code has no Vietnamese text of its own and shows no server-worded task or title", () => {
    const found: string[] = [];
    for (const { file, text } of sources) {
      // Comments may be Vietnamese; string literals and JSX text may not.
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
      for (const m of code.matchAll(/"([^"\n]*)"|`([^`]*)`|>([^<>{}]+)</g)) {
        const value = m[1] ?? m[2] ?? m[3] ?? "";
        if (VIETNAMESE.test(value) && !DOCUMENT_TEXT.test(value.trim()))
          found.push(`${file}: ${value.trim()}`);
      }
      // The server words these in Vietnamese; the pages translate the title and step instead.
      for (const m of code.matchAll(/\bitem\.(titleLabel|label)\b/g)) found.push(`${file}: item.${m[1]}`);
    }
    expect(found).toEqual([]);
  });
});
