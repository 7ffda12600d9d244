import { describe, expect, it } from "vitest";
import { registryKinds } from "../registry/kinds";
import { inventoryEntries } from "./inventory";

describe("personal-data declarations", () => {
  it("every registry kind and every field declares its purpose, basis, category and audience", () => {
    const missing: string[] = [];
    for (const kind of registryKinds) {
      if (!kind.privacy) {
        missing.push(`${kind.name}: no privacy declaration`);
        continue;
      }
      for (const key of Object.keys(kind.fields))
        if (!kind.privacy.fields[key]) missing.push(`${kind.name}.${key}: no declaration`);
      for (const key of Object.keys(kind.privacy.fields))
        if (!kind.fields[key]) missing.push(`${kind.name}.${key}: declared but not a field`);
    }
    expect(missing).toEqual([]);
  });

  it("keys are unique, retention is at least the legal minimum, sensitive fields say why", () => {
    const entries = inventoryEntries();
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
    for (const entry of entries) {
      const { years, minimum } = entry.retention;
      expect(years, entry.key).toBeGreaterThanOrEqual(minimum?.years ?? 1);
      expect(entry.purpose.vi.length, entry.key).toBeGreaterThan(0);
      for (const [key, field] of Object.entries(entry.fields)) {
        expect(field.purpose.vi.length, `${entry.key}.${key}`).toBeGreaterThan(0);
        if (field.category === "sensitive") expect(field.sensitive, `${entry.key}.${key}`).toBeDefined();
        // A field about children is never public: a child is never named in public.
        if (field.minors) expect(field.audience, `${entry.key}.${key}`).not.toBe("public");
      }
    }
  });
});
