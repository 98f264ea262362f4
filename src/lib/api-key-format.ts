import { base62Encode, crc32, randomBase62 } from "./crypto";

// `stw_<env>_<30 random base62><6 base62 CRC32>`: ~178 bits of entropy. The checksum lets
// the verifier (and secret scanners) reject typos and lookalikes without a database hit.
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = /^stw_(dev|test|live)_([0-9A-Za-z]{36})$/;

function checksum(body: string): string {
  return base62Encode(crc32(body), CHECKSUM_LENGTH);
}

export function generateApiKey(env: "dev" | "test" | "live"): { secret: string; prefix: string } {
  const body = `stw_${env}_${randomBase62(RANDOM_LENGTH)}`;
  const secret = body + checksum(body);
  return { secret, prefix: secret.slice(0, `stw_${env}_`.length + 6) };
}

/** Whether a string has the shape and checksum of a steward key (not whether it exists). */
export function isWellFormedApiKey(key: string): boolean {
  const match = KEY_PATTERN.exec(key);
  if (!match) return false;
  const body = key.slice(0, key.length - CHECKSUM_LENGTH);
  return checksum(body) === key.slice(-CHECKSUM_LENGTH);
}
