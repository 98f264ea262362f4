import { and, eq, gte, lt } from "drizzle-orm";
import { rateLimits } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import type { Db } from "../../env";
import { DAY } from "../../lib/clock";
import { randomBase62 } from "../../lib/crypto";

// A one-time token in a form (the key form's hidden `formToken`), so that a double-clicked
// button or a resent post does its work once. The first post to claim a token wins: the claim
// is one atomic insert that a unique key decides, so two posts racing each other cannot both
// win (a cookie could not tell them apart: both carry the same one). A claim is a row of the
// rate-limit counters (a counter whose limit is one), kept a day; a form older than that is
// new again.

const PREFIX = "form_token:";
// The first key after every `form_token:…` one (";" follows ":"): the range the claims occupy.
const PREFIX_END = "form_token;";
const KEEP_MS = DAY;
const TOKEN = /^[0-9A-Za-z]{22}$/;

/** A fresh token for a form (more than 128 random bits). */
export function newFormToken(): string {
  return randomBase62(22);
}

/** The posted token, or null when there is none or it is not one of ours (then the post is not deduplicated). */
export function postedFormToken(value: string | undefined): string | null {
  return value && TOKEN.test(value) ? value : null;
}

const claimKey = (userId: string, token: string) => `${PREFIX}${userId}:${token}`;

/** Claims the token for this user's post: true for the first post that sends it, false for any other. */
export async function claimFormToken(db: Db, userId: string, token: string, now: number): Promise<boolean> {
  const [, claimed] = await runBatch(db, [
    // Yesterday's claims go as new ones come (by the primary key's range: no scan).
    db
      .delete(rateLimits)
      .where(
        and(gte(rateLimits.key, PREFIX), lt(rateLimits.key, PREFIX_END), lt(rateLimits.windowStart, now - KEEP_MS)),
      ),
    db
      .insert(rateLimits)
      .values({ key: claimKey(userId, token), windowStart: now, count: 1 })
      .onConflictDoNothing()
      .returning({ key: rateLimits.key }),
  ]);
  return (claimed ?? []).length > 0;
}

/** Gives a claimed token back after its post was refused, so that sending the form again may work. */
export async function releaseFormToken(db: Db, userId: string, token: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, claimKey(userId, token)));
}
