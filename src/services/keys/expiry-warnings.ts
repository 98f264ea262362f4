import { and, eq, gt, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { apiKeys, keyExpiryWarnings, users } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { queueEmail } from "../../db/statements/outbox";
import { DAY } from "../../lib/clock";
import { newId } from "../../lib/ids";
import { displayName } from "../../text/bilingual";
import { keyExpiryWarningEmail } from "../../../emails/key-expiry-warning";
import type { Deps } from "../../deps";

// Lifetime policy (issue 11): a key's owner is e-mailed 14 and 3 days before it expires. Each
// warning is a row keyed by (key, days): two cron runs, even concurrent ones, write it once, and
// its e-mail is written in the same batch only by the run whose row it is.

/** How many days before expiry the warnings go out, the earliest first. */
export const KEY_EXPIRY_WARNING_DAYS = [14, 3] as const;

const [EARLY, LATE] = KEY_EXPIRY_WARNING_DAYS;

/**
 * Queues the warnings due at `now` for active keys (not revoked, not expired, not being replaced
 * or force-expired: those owners chose or were told). Only the latest due warning is sent: a key
 * made with less than 14 days left, or one the cron missed, gets only the 3-day one.
 * Returns the outbox ids to deliver.
 */
export async function sendKeyExpiryWarnings(deps: Deps): Promise<string[]> {
  const { db } = deps;
  const now = deps.clock.now();
  const left = sql`${apiKeys.expiresAt} - ${now}`;
  const due = sql`CASE WHEN ${left} <= ${LATE * DAY} THEN ${LATE} ELSE ${EARLY} END`;
  const keys = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      expiresAt: apiKeys.expiresAt,
      ownerEmail: users.email,
      ownerName: users.name,
      ownerLocale: users.locale,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        isNull(apiKeys.revokedAt),
        isNull(apiKeys.graceUntil),
        isNotNull(users.email),
        gt(apiKeys.expiresAt, now),
        lte(apiKeys.expiresAt, now + EARLY * DAY),
        // The 14-day warning only for a key that had more than 14 days ahead of it when made.
        sql`(${left} <= ${LATE * DAY} OR ${apiKeys.createdAt} < ${apiKeys.expiresAt} - ${EARLY * DAY})`,
        // Not yet warned at this step or a later one.
        sql`NOT EXISTS (SELECT 1 FROM key_expiry_warnings w WHERE w.key_id = ${apiKeys.id} AND w.days <= ${due})`,
      ),
    )
    .limit(100);
  const statements: Statement[] = [];
  const outboxIds: string[] = [];
  for (const key of keys) {
    const days = key.expiresAt! - now <= LATE * DAY ? LATE : EARLY;
    const email = key.ownerEmail!;
    const messageId = newId("msg");
    const message = queueEmail(db, {
      template: "key_expiry_warning",
      to: [email],
      email: keyExpiryWarningEmail({
        ownerName: displayName({ name: key.ownerName, email }),
        key: { name: key.name, prefix: key.prefix },
        expiresAt: key.expiresAt!,
        // The days actually left (a warning the cron sends late must not say 14).
        days: Math.max(1, Math.ceil((key.expiresAt! - now) / DAY)),
        appUrl: deps.config.appOrigin,
        lang: key.ownerLocale,
      }),
      now,
      id: messageId,
      // Written only by the run whose warning row this is.
      guard: sql`EXISTS (SELECT 1 FROM key_expiry_warnings WHERE key_id = ${key.id} AND days = ${days} AND message_id = ${messageId})`,
    });
    statements.push(
      db.insert(keyExpiryWarnings).values({ keyId: key.id, days, messageId, createdAt: now }).onConflictDoNothing(),
      message.statement,
    );
    outboxIds.push(message.id);
  }
  if (statements.length > 0) await runBatch(db, statements);
  return outboxIds;
}
