import { and, desc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { outbox, type OutboxMessage } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import type { Db } from "../../env";
import { MINUTE, HOUR } from "../../lib/clock";
import type { Deps } from "../../deps";

export const MAX_DELIVERY_ATTEMPTS = 8;

function backoff(attempts: number): number {
  return Math.min(MINUTE * 2 ** attempts, 6 * HOUR);
}

async function deliverOne(deps: Deps, message: OutboxMessage): Promise<void> {
  const now = deps.clock.now();
  // Claim the row first, so a cron run and a request's waitUntil never send it both.
  const claimed = await deps.db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: now + backoff(message.attempts) })
    .where(and(eq(outbox.id, message.id), eq(outbox.status, "pending"), eq(outbox.attempts, message.attempts)))
    .returning({ id: outbox.id });
  if (claimed.length === 0) return;

  const result = await deps.mail.send({
    id: message.id,
    from: deps.config.mailFrom,
    to: JSON.parse(message.to) as string[],
    subject: message.subject,
    text: message.text,
    html: message.html,
  });
  if (result.ok) {
    const erase = message.secretExpiresAt !== null && keepsNoSecrets(deps);
    await deps.db
      .update(outbox)
      .set({
        status: deps.mail.kind === "local" ? "local" : "sent",
        providerId: result.providerId,
        sentAt: deps.clock.now(),
        lastError: null,
        ...(erase ? erasedBody(deps.clock.now()) : {}),
      })
      .where(eq(outbox.id, message.id));
    return;
  }
  const giveUp = !result.retryable || message.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
  await deps.db
    .update(outbox)
    .set({ status: giveUp ? "failed" : "pending", lastError: result.error.slice(0, 500) })
    .where(eq(outbox.id, message.id));
}

/** Outside development a code or link is not kept at rest once it has done its work. */
function keepsNoSecrets(deps: Deps): boolean {
  return deps.config.environment !== "development";
}

const ERASED = "[ลบแล้ว: ข้อความนี้มีรหัสหรือลิงก์ที่ใช้ครั้งเดียว / erased: this message carried a one-time code or link]";

function erasedBody(now: number) {
  return { text: ERASED, html: ERASED, bodyErasedAt: now };
}

/**
 * Erases the bodies of messages that carry a code or link once sent, or once that secret is
 * dead (a message still pending then is given up: its code no longer works). Recipient,
 * subject, template and status stay for the record. Development keeps everything for
 * /dev/mail. Returns the number of bodies erased.
 */
export async function eraseSecretBodies(deps: Deps): Promise<number> {
  if (!keepsNoSecrets(deps)) return 0;
  const now = deps.clock.now();
  const dead = and(isNull(outbox.bodyErasedAt), isNotNull(outbox.secretExpiresAt), lte(outbox.secretExpiresAt, now));
  const [expired, delivered] = await runBatch(deps.db, [
    deps.db
      .update(outbox)
      .set({
        ...erasedBody(now),
        status: sql`CASE WHEN ${outbox.status} = 'pending' THEN 'failed' ELSE ${outbox.status} END`,
        lastError: sql`CASE WHEN ${outbox.status} = 'pending' THEN 'the code or link expired before delivery' ELSE ${outbox.lastError} END`,
      })
      .where(dead)
      .returning({ id: outbox.id }),
    deps.db
      .update(outbox)
      .set(erasedBody(now))
      .where(
        and(isNull(outbox.bodyErasedAt), isNotNull(outbox.secretExpiresAt), inArray(outbox.status, ["sent", "local"])),
      )
      .returning({ id: outbox.id }),
  ]);
  return (expired?.length ?? 0) + (delivered?.length ?? 0);
}

/** Sends the given messages (after a commit) or every due one (cron). Never throws. */
export async function deliverOutbox(deps: Deps, ids?: string[]): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select()
    .from(outbox)
    .where(
      ids
        ? and(inArray(outbox.id, ids.slice(0, 90)), eq(outbox.status, "pending"))
        : and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)),
    )
    .orderBy(outbox.createdAt)
    .limit(50);
  for (const message of due) {
    try {
      await deliverOne(deps, message);
    } catch (error) {
      console.error("outbox delivery failed", message.id, error instanceof Error ? error.message : error);
    }
  }
  return due.length;
}

/** The development mailbox: every queued message (at most 200), newest first; `to` filters. */
export async function listMessages(db: Db, to: string | null): Promise<OutboxMessage[]> {
  return db
    .select()
    .from(outbox)
    .where(
      to ? sql`EXISTS (SELECT 1 FROM json_each(${outbox.to}) WHERE lower(value) = ${to.toLowerCase()})` : undefined,
    )
    .orderBy(desc(outbox.createdAt), sql`rowid DESC`)
    .limit(200);
}
