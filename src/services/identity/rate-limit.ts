import { sql } from "drizzle-orm";
import { AppError } from "../../errors";
import type { Db } from "../../env";

export interface RateLimitRule {
  /** e.g. "email_start:ip" */
  name: string;
  limit: number;
  windowMs: number;
}

export const RATE_LIMITS = {
  // An agency behind one NAT address must be able to sign in: generous per IP.
  emailStartPerIp: { name: "email_start:ip", limit: 120, windowMs: 60 * 60 * 1000 },
  emailStartPerAddress: { name: "email_start:address", limit: 3, windowMs: 10 * 60 * 1000 },
  emailVerifyPerIp: { name: "email_verify:ip", limit: 300, windowMs: 60 * 60 * 1000 },
  passkeyPerIp: { name: "passkey:ip", limit: 300, windowMs: 60 * 60 * 1000 },
  oidcPerIp: { name: "oidc:ip", limit: 300, windowMs: 60 * 60 * 1000 },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Counts one hit in a fixed window (one atomic upsert) and throws 429 `rate_limited` with
 * Retry-After when the window's limit is passed.
 */
export async function hitRateLimit(db: Db, rule: RateLimitRule, subject: string, now: number): Promise<void> {
  const key = `${rule.name}:${subject}`;
  const windowStart = now - (now % rule.windowMs);
  const row = await db.get<{ count: number; window_start: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT(key) DO UPDATE SET
      count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
      window_start = excluded.window_start
    RETURNING count, window_start`);
  if (row && row.count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((row.window_start + rule.windowMs - now) / 1000));
    throw new AppError(
      "rate_limited",
      { th: "คำขอมากเกินไป กรุณาลองใหม่ภายหลัง", en: "Too many requests; try again later." },
      {
        headers: { "Retry-After": String(retryAfter) },
      },
    );
  }
}
