import { asc } from "drizzle-orm";
import { termsVersions } from "../../db/schema";
import type { Db } from "../../env";

// Key verification is the hot path: the list of versions (a handful of rows) is kept in the
// isolate for a minute, and the current one is computed from it at each call's clock.
const TTL_MS = 60 * 1000;
let cache: { at: number; versions: { version: string; effectiveAt: number }[] } | null = null;

export function forgetTermsVersions(): void {
  cache = null;
}

/** The version in force at `now`, from the cached list (null when none is). */
export async function currentTermsVersion(db: Db, now: number): Promise<string | null> {
  const wall = Date.now();
  if (!cache || wall - cache.at > TTL_MS) {
    cache = {
      at: wall,
      versions: await db
        .select({ version: termsVersions.version, effectiveAt: termsVersions.effectiveAt })
        .from(termsVersions)
        .orderBy(asc(termsVersions.effectiveAt)),
    };
  }
  let current: string | null = null;
  for (const v of cache.versions) if (v.effectiveAt <= now) current = v.version;
  return current;
}
