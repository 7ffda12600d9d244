import { describe, expect, test } from "vitest";
import { messages, translate } from "./messages";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogue", () => {
  test("Vietnamese and English have the same keys, none empty, with the same placeholders", () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.vi).sort());
    for (const [key, vi] of Object.entries(messages.vi)) {
      const en = messages.en[key as keyof typeof messages.en];
      expect(vi.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      expect(placeholders(en), key).toEqual(placeholders(vi));
    }
  });

  test("fills placeholders", () => {
    expect(translate("vi", "units.hitCount", { count: 3 })).toBe("3 kết quả");
    expect(translate("en", "history.depth.indirect", { depth: 2 })).toBe("Indirect (2 steps)");
  });
});
