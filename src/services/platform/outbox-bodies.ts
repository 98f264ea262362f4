import { and, desc, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { outbox, type OutboxMessage } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import type { Db } from "../../env";
import type { Deps } from "../../deps";

// What the outbox keeps of a message's body: erased once its one-time secret has done its work.

/** Outside development a code or link is not kept at rest once it has done its work. */
export function keepsNoSecrets(deps: Deps): boolean {
  return deps.config.environment !== "development";
}

const ERASED = "[ลบแล้ว: ข้อความนี้มีรหัสหรือลิงก์ที่ใช้ครั้งเดียว / erased: this message carried a one-time code or link]";

export function erasedBody(now: number) {
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
  // A pending message of a batch waits: the batch must be resent as it was (it fails or is sent whole).
  const dead = and(
    isNull(outbox.bodyErasedAt),
    isNotNull(outbox.secretExpiresAt),
    lte(outbox.secretExpiresAt, now),
    sql`NOT (${outbox.status} = 'pending' AND ${outbox.batchKey} IS NOT NULL)`,
  );
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
