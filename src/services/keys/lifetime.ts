import type { Config } from "../../env";
import { AppError } from "../../errors";
import type { Scope } from "../../lib/vocabulary";

// Lifetime policy (issue 11): every key ends. Each scope has a maximum from configuration
// (KEY_MAX_DAYS_READ, KEY_MAX_DAYS_PUBLISH); a key may live no longer than the strictest of its scopes.

/** The longest life, in days, of a key with these scopes: the smallest of their maxima. */
export function maxKeyDays(config: Pick<Config, "keyMaxDays">, scopes: readonly Scope[]): number {
  return Math.min(...scopes.map((scope) => config.keyMaxDays[scope]));
}

/**
 * The life, in days, of a new key: the days asked for, or the maximum when none were.
 * Throws 422 `expiry_too_long` (at `expiresInDays`) when more than the maximum is asked for.
 */
export function keyLifetimeDays(
  config: Pick<Config, "keyMaxDays">,
  scopes: readonly Scope[],
  expiresInDays: number | null | undefined,
): number {
  const max = maxKeyDays(config, scopes);
  if (expiresInDays === null || expiresInDays === undefined) return max;
  if (expiresInDays > max) {
    const kind = scopes.includes("publish")
      ? { th: "กุญแจเผยแพร่ข้อมูล", en: "a publish key" }
      : { th: "กุญแจอ่านข้อมูล", en: "a read key" };
    throw new AppError(
      "expiry_too_long",
      {
        th: `อายุกุญแจต้องไม่เกิน ${max} วันสำหรับ${kind.th}`,
        en: `The lifetime of ${kind.en} is at most ${max} days.`,
      },
      { errors: [{ path: "expiresInDays", message: `at most ${max} days` }], extensions: { maxDays: max } },
    );
  }
  return expiresInDays;
}
