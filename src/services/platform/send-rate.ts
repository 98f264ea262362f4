import { sql } from "drizzle-orm";
import { SECOND } from "../../lib/clock";
import type { Deps } from "../../deps";

// Resend allows a team 2 requests per second by default (https://resend.com/docs/api-reference/rate-limit).
// Every isolate that sends (the cron's, a request's waitUntil) takes a slot of the current second
// from one D1 counter first, so that together they stay under the configured rate.

const KEY = "mail:resend-api";

/** The longest one sweep waits for slots (ms); the rest waits for the next run. */
export const SLOT_WAIT_BUDGET_MS = 20 * SECOND;

/** Takes a slot of the current second if one is left (one atomic upsert); true when taken. */
async function takeSlot(deps: Deps, second: number): Promise<boolean> {
  const limit = deps.config.mailRequestsPerSecond;
  const rows = await deps.db.all<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${KEY}, ${second}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
      window_start = excluded.window_start
    WHERE rate_limits.window_start <> excluded.window_start OR rate_limits.count < ${limit}
    RETURNING count`);
  return rows.length > 0;
}

/**
 * Waits (deps.sleep) until a request to Resend may go: at most `config.mailRequestsPerSecond`
 * in any calendar second of `deps.clock`, across isolates. Returns false when `deadline` (ms on
 * deps.clock) would pass first: the caller stops and leaves the rest for later.
 */
export async function acquireSendSlot(deps: Deps, deadline: number): Promise<boolean> {
  // Bounded also by tries, should the clock not move while we sleep.
  for (let tries = 0; tries <= SLOT_WAIT_BUDGET_MS / SECOND; tries++) {
    const now = deps.clock.now();
    const second = Math.floor(now / SECOND);
    if (await takeSlot(deps, second)) return true;
    const next = (second + 1) * SECOND;
    if (next > deadline) return false;
    await deps.sleep(next - now);
  }
  return false;
}
