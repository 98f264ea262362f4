import { and, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { outbox, type OutboxMessage } from "../db/schema";
import { insertWhere } from "../db/guarded";
import type { Db } from "../env";
import { newId } from "../lib/ids";
import { MINUTE, HOUR } from "../lib/clock";
import type { Deps } from "./deps";
import type { RenderedEmail } from "../../emails/layout";

export const MAX_DELIVERY_ATTEMPTS = 8;

/**
 * An outbox row for the batch of the transition that causes it. With a guard, the row is
 * written only if the transition's compare-and-swap matched.
 */
export function queueEmail(db: Db, template: string, to: string[], email: RenderedEmail, now: number, guard?: SQL) {
  const values = {
    id: newId("msg"),
    template,
    to: JSON.stringify(to),
    subject: email.subject,
    text: email.text,
    html: email.html,
    status: "pending" as const,
    nextAttemptAt: now,
    createdAt: now,
  };
  const statement = guard ? insertWhere(db, outbox, values, guard) : db.insert(outbox).values(values);
  return { id: values.id, statement };
}

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
    await deps.db
      .update(outbox)
      .set({ status: deps.mail.kind === "local" ? "local" : "sent", providerId: result.providerId, sentAt: deps.clock.now(), lastError: null })
      .where(eq(outbox.id, message.id));
    return;
  }
  const giveUp = !result.retryable || message.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
  await deps.db
    .update(outbox)
    .set({ status: giveUp ? "failed" : "pending", lastError: result.error.slice(0, 500) })
    .where(eq(outbox.id, message.id));
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

/** The development mailbox: every queued message, newest first. */
export async function listMessages(db: Db, to: string | null) {
  const rows = await db
    .select()
    .from(outbox)
    .where(to ? sql`EXISTS (SELECT 1 FROM json_each(${outbox.to}) WHERE lower(value) = ${to.toLowerCase()})` : undefined)
    .orderBy(desc(outbox.createdAt), sql`rowid DESC`)
    .limit(200);
  return rows.map((m) => ({
    id: m.id,
    to: JSON.parse(m.to) as string[],
    subject: m.subject,
    text: m.text,
    html: m.html,
    status: m.status,
    createdAt: new Date(m.createdAt).toISOString(),
  }));
}
