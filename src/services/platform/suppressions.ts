import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { emailSuppressions, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { auditStatement, actorOf } from "../../db/statements/audit";
import type { Db } from "../../env";
import { AppError } from "../../errors";
import type { Deps, RequestMeta } from "../../deps";

// The suppression list: addresses that bounced hard or complained. Messages to them are not sent
// (status `suppressed`); administrators see the list and lift an entry, audited.

export type SuppressionReason = "bounce" | "complaint";

/** The addresses among `addresses` that are suppressed now (lower-cased). */
export async function suppressedAmong(db: Db, addresses: string[]): Promise<Set<string>> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const found = new Set<string>();
  // D1 binds at most 100 parameters a statement.
  for (let i = 0; i < wanted.length; i += 90) {
    const rows = await db
      .select({ address: emailSuppressions.address })
      .from(emailSuppressions)
      .where(and(inArray(emailSuppressions.address, wanted.slice(i, i + 90)), isNull(emailSuppressions.liftedAt)));
    for (const r of rows) found.add(r.address);
  }
  return found;
}

/** The statement that suppresses `address` (again, when it was lifted), for the batch of its cause. */
export function suppressStatement(
  db: Db,
  entry: { address: string; reason: SuppressionReason; detail: string | null; messageId: string | null; now: number },
) {
  const values = {
    address: entry.address.toLowerCase(),
    reason: entry.reason,
    detail: entry.detail?.slice(0, 500) ?? null,
    messageId: entry.messageId,
    createdAt: entry.now,
    liftedAt: null,
    liftedBy: null,
  };
  return db
    .insert(emailSuppressions)
    .values(values)
    .onConflictDoUpdate({ target: emailSuppressions.address, set: values });
}

export type Suppression = typeof emailSuppressions.$inferSelect;

/** Suppressed addresses, newest first (at most 500); `all` includes lifted ones. */
export async function listSuppressions(db: Db, all = false): Promise<Suppression[]> {
  return db
    .select()
    .from(emailSuppressions)
    .where(all ? undefined : isNull(emailSuppressions.liftedAt))
    .orderBy(desc(emailSuppressions.createdAt))
    .limit(500);
}

/**
 * Lifts the suppression of `address` (mail to it is sent again), audited with `reason`. Returns the
 * entry. Throws 404 `not_found` when the address is not suppressed now (also when another
 * administrator lifted it first).
 */
export async function liftSuppression(
  deps: Deps,
  admin: User,
  address: string,
  reason: string | null,
  meta: RequestMeta,
): Promise<Suppression> {
  const now = deps.clock.now();
  const key = address.toLowerCase();
  const actor = actorOf(admin);
  const active = and(eq(emailSuppressions.address, key), isNull(emailSuppressions.liftedAt));
  const [, lifted] = await runBatch(deps.db, [
    // The audit row first, under the update's own condition: only the request that lifts it writes it.
    auditStatement(deps.db, {
      actor,
      action: "mail.suppression_lifted",
      subject: `email:${key}`,
      detail: { reason },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM email_suppressions WHERE ${active})`,
    }),
    deps.db.update(emailSuppressions).set({ liftedAt: now, liftedBy: actor }).where(active).returning(),
  ]);
  if ((lifted ?? []).length === 0)
    throw new AppError("not_found", { th: "ไม่พบอีเมลนี้ในรายการระงับ", en: "This address is not suppressed." });
  const [row] = await deps.db.select().from(emailSuppressions).where(eq(emailSuppressions.address, key));
  return row!;
}
