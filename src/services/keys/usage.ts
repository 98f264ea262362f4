import { and, eq, gte, sql } from "drizzle-orm";
import { apiKeys, keyUsageDaily, type User } from "../../db/schema";
import { AppError } from "../../errors";
import { DAY, SECOND } from "../../lib/clock";
import type { UsageCount } from "../../lib/usage-buffer";
import { bangkokDate } from "../../text/dates";
import type { Deps } from "../../deps";

// Usage figures per key and Bangkok day. Each verification (verify and authorize) is counted in
// the isolate's UsageBuffer; the first count after a write sets a timer (the request's
// waitUntil, which the runtime keeps up to 30 s after the answer), and the counts are added to
// `key_usage_daily` in one batch when it fires — sooner when many keys wait — and by every cron
// run in that isolate: never a write per request, at most one batch per 20 s per isolate. Counts
// an isolate holds when the runtime evicts it (at most its last 20 s) are lost: these are usage
// statistics, not billing. Reading adds the counts this isolate still holds.

/** How long after its first count an isolate writes its counts (ms). */
export const USAGE_FLUSH_DELAY_MS = 20 * SECOND;
/** Distinct (key, day) pairs after which an isolate writes without waiting for the timer. */
export const USAGE_FLUSH_PAIRS = 1000;
/** The most pairs one write takes (80 statements); the rest stay for the next. */
const USAGE_FLUSH_MAX_PAIRS = 2000;
/** After a write (or a failed one), the least time before a write because many keys wait (ms). */
const USAGE_RETRY_FLOOR_MS = 5 * SECOND;
/** The longest range `GET /api/v1/keys/:id/usage` answers, in days. */
export const USAGE_MAX_DAYS = 90;
// Four bound parameters a row; D1 allows 100 per statement.
const ROWS_PER_STATEMENT = 25;

export type UsageOutcome = "valid" | "refused";

/**
 * Counts one answer about a known key (`keyId`; unknown keys belong to nobody and are not
 * counted). Returns the work to keep alive after the response (waitUntil) when this count starts
 * one: the timed write of this isolate's counts (USAGE_FLUSH_DELAY_MS, by deps.sleep), or a write
 * now when USAGE_FLUSH_PAIRS key-days wait; else null. Never touches the database itself.
 */
export function countVerification(
  deps: Deps,
  keyId: string | undefined,
  outcome: UsageOutcome,
): Promise<number> | null {
  if (!keyId) return null;
  const now = deps.clock.now();
  const buffer = deps.usage;
  buffer.add(keyId, bangkokDate(now), outcome);
  if (buffer.size >= USAGE_FLUSH_PAIRS && Math.abs(now - buffer.lastFlushAt) >= USAGE_RETRY_FLOOR_MS)
    return flushUsage(deps);
  if (buffer.flushScheduled) return null;
  buffer.flushScheduled = true;
  return deps.sleep(USAGE_FLUSH_DELAY_MS).then(() => flushUsage(deps));
}

/**
 * Adds this isolate's waiting counts (up to 2,000 key-days) to `key_usage_daily` in one atomic D1
 * batch (an upsert per 25 rows). Returns how many (key, day) pairs it wrote. On failure the counts go back to the buffer
 * (the next flush tries again) and the error is thrown.
 */
export async function flushUsage(deps: Deps): Promise<number> {
  const counts = deps.usage.drain(deps.clock.now(), USAGE_FLUSH_MAX_PAIRS);
  if (counts.length === 0) return 0;
  try {
    const statements = [];
    for (let i = 0; i < counts.length; i += ROWS_PER_STATEMENT) {
      statements.push(
        deps.db
          .insert(keyUsageDaily)
          .values(counts.slice(i, i + ROWS_PER_STATEMENT))
          .onConflictDoUpdate({
            target: [keyUsageDaily.keyId, keyUsageDaily.date],
            set: {
              valid: sql`${keyUsageDaily.valid} + excluded.valid`,
              refused: sql`${keyUsageDaily.refused} + excluded.refused`,
            },
          }),
      );
    }
    await deps.db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  } catch (error) {
    deps.usage.restore(counts);
    throw error;
  }
  return counts.length;
}

export interface DailyUsage {
  date: string;
  valid: number;
  refused: number;
}

/** The last `days` Bangkok dates up to today's (oldest first). */
function lastDates(now: number, days: number): string[] {
  return Array.from({ length: days }, (_, i) => bangkokDate(now - (days - 1 - i) * DAY));
}

/** Every date of the range, with the written counts and this isolate's waiting ones added. */
function dailySeries(dates: string[], counts: UsageCount[]): DailyUsage[] {
  const byDate = new Map(dates.map((date) => [date, { date, valid: 0, refused: 0 }]));
  for (const c of counts) {
    const day = byDate.get(c.date);
    if (!day) continue;
    day.valid += c.valid;
    day.refused += c.refused;
  }
  return [...byDate.values()];
}

const USAGE_COLUMNS = {
  keyId: keyUsageDaily.keyId,
  date: keyUsageDaily.date,
  valid: keyUsageDaily.valid,
  refused: keyUsageDaily.refused,
};

/**
 * The usage of `user`'s keys `keyIds` (as listed for them) over the last `days` Bangkok days, today
 * included, in one query: key id -> one entry per date, oldest first, zeros where nothing was counted.
 */
export async function usageOfUserKeys(
  deps: Deps,
  user: User,
  keyIds: string[],
  days: number,
): Promise<Map<string, DailyUsage[]>> {
  const dates = lastDates(deps.clock.now(), days);
  const rows = await deps.db
    .select(USAGE_COLUMNS)
    .from(keyUsageDaily)
    .innerJoin(apiKeys, eq(apiKeys.id, keyUsageDaily.keyId))
    .where(and(eq(apiKeys.userId, user.id), gte(keyUsageDaily.date, dates[0]!)));
  const all = [...rows, ...deps.usage.pendingFor(new Set(keyIds))];
  return new Map(
    keyIds.map((id) => [
      id,
      dailySeries(
        dates,
        all.filter((c) => c.keyId === id),
      ),
    ]),
  );
}

/**
 * One key's usage over the last `days` (1..USAGE_MAX_DAYS) Bangkok days, oldest first. Only its
 * owner may read it: another person's key (or none) is `not_found`.
 */
export async function usageOfKey(deps: Deps, user: User, keyId: string, days: number): Promise<DailyUsage[]> {
  const [key] = await deps.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, user.id)))
    .limit(1);
  if (!key) throw new AppError("not_found", { th: "ไม่พบกุญแจนี้", en: "No such key." });
  const dates = lastDates(deps.clock.now(), days);
  const rows = await deps.db
    .select(USAGE_COLUMNS)
    .from(keyUsageDaily)
    .where(and(eq(keyUsageDaily.keyId, keyId), gte(keyUsageDaily.date, dates[0]!)));
  return dailySeries(dates, [...rows, ...deps.usage.pendingFor(new Set([keyId]))]);
}
