/**
 * Verification codes of printed certificates (the titles' and the learning centres' completion certificates), read
 * back by the public check behind the QR code. A code is unique within its commune (the database's key includes
 * commune_id, the distribution column: docs/SCALE-OUT.md) and carries its commune, so the public check reads one
 * commune (one shard) and a code is still unique in the country: codes of two communes differ in their prefix.
 *
 * Layout: one character giving the prefix's length L, L characters of the commune's id in base 32, then 10 random
 * characters (about 50 bits, unguessable). All from an alphabet without look-alikes (no I, O, 0, 1). Codes made
 * before migration 0049 are the 10 random characters alone; `codeCommune` answers null for them and the check
 * looks them up by code alone, as before.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const randomLength = 10;

function base32(n: number): string {
  let text = "";
  do {
    text = alphabet[n % 32] + text;
    n = Math.floor(n / 32);
  } while (n > 0);
  return text;
}

/** A new code for a certificate of `communeId`. */
export function newCertificateCode(communeId: number): string {
  const prefix = base32(Number(communeId));
  const random = Array.from(randomBytes(randomLength), (b) => alphabet[b % alphabet.length]).join("");
  return alphabet[prefix.length] + prefix + random;
}

/** The commune a code was made for, or null for a code made before commune prefixes (or not a code at all). */
export function codeCommune(code: string): number | null {
  const length = alphabet.indexOf(code[0] ?? "");
  if (length < 1 || code.length !== 1 + length + randomLength) return null;
  let n = 0;
  for (const ch of code.slice(1, 1 + length)) {
    const digit = alphabet.indexOf(ch);
    if (digit < 0) return null;
    n = n * 32 + digit;
  }
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** SQL: ` AND <alias>.commune_id = <commune>` when the code names its commune, nothing for an older code. */
export const byCommune = (commune: number | null, alias: string) =>
  commune === null ? sql`` : sql` AND ${sql.ref(`${alias}.commune_id`)} = ${commune}`;
