import { describe, expect, it } from "vitest";
import { codeCommune, newCertificateCode } from "./certificate-code";

describe("certificate codes", () => {
  it("carry their commune and 10 random characters without look-alikes", () => {
    for (const commune of [1, 31, 32, 79, 3321, 123_456, 2 ** 40]) {
      const code = newCertificateCode(commune);
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{12,20}$/);
      expect(codeCommune(code)).toBe(commune);
    }
    expect(newCertificateCode(79)).not.toBe(newCertificateCode(79));
  });

  it("answers no commune for a code made before the prefix (10 characters) or for anything else", () => {
    expect(codeCommune("ABCDEFGHJK")).toBeNull();
    expect(codeCommune("")).toBeNull();
    expect(codeCommune("C2Z0ABCDEFGHJK")).toBeNull();
    expect(codeCommune(`A${"B".repeat(11)}`)).toBeNull();
  });
});
