import { and, eq, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { agencies, apiKeys, memberships, users, type User } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { auditStatement, actorOf } from "../../db/statements/audit";
import { queueEmail } from "../../db/statements/outbox";
import { AppError } from "../../errors";
import { SECOND } from "../../lib/clock";
import { newId } from "../../lib/ids";
import { displayName } from "../../text/bilingual";
import { keysExpiringEmail } from "../../../emails/keys-expiring";
import type { Deps, RequestMeta } from "../../deps";
import { keyEvent } from "../../db/statements/key-events";

// Forced rotation: an administrator makes every live key of a steward role, a person or a whole
// agency stop after a grace; the owners are e-mailed to create new keys. Administrators never
// see a secret: nothing here reads or returns one.

/** Whose keys: one steward role, one person, or every steward of an agency. */
export type KeyScope = { membershipId: string } | { userId: string } | { agencyId: string };

/** The longest grace an administrator may give, in seconds (7 days, as for rotation). */
export const MAX_FORCED_GRACE_SECONDS = 7 * 24 * 60 * 60;

function scopeOf(scope: KeyScope): { column: SQL; subject: string; id: string } {
  if ("membershipId" in scope)
    return {
      column: sql`${apiKeys.membershipId}`,
      subject: `membership:${scope.membershipId}`,
      id: scope.membershipId,
    };
  if ("userId" in scope) return { column: sql`${apiKeys.userId}`, subject: `user:${scope.userId}`, id: scope.userId };
  return { column: sql`${apiKeys.agencyId}`, subject: `agency:${scope.agencyId}`, id: scope.agencyId };
}

/** 404 when the membership, person or agency named does not exist. */
async function assertScopeExists(deps: Deps, scope: KeyScope): Promise<void> {
  const table = "membershipId" in scope ? memberships : "userId" in scope ? users : agencies;
  const [row] = await deps.db
    .select({ id: table.id })
    .from(table)
    .where(eq(table.id, scopeOf(scope).id))
    .limit(1);
  if (!row) throw new AppError("not_found", { th: "ไม่พบรายการนี้", en: "Nothing with this id." });
}

/** A key that still verifies: not revoked, not expired, not past a rotation's grace. */
function liveAt(now: number): SQL {
  return and(
    isNull(apiKeys.revokedAt),
    or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
    or(isNull(apiKeys.graceUntil), gt(apiKeys.graceUntil, now)),
  )!;
}

/** The live keys in a scope with their owners (names and prefixes only, never a hash or secret). */
export async function liveKeysIn(deps: Deps, scope: KeyScope) {
  return deps.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      userId: apiKeys.userId,
      membershipId: apiKeys.membershipId,
      agencyId: apiKeys.agencyId,
      ownerEmail: users.email,
      ownerName: users.name,
      ownerLocale: users.locale,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(sql`${scopeOf(scope).column} = ${scopeOf(scope).id}`, liveAt(deps.clock.now())));
}

/**
 * Makes every live key in `scope` stop verifying `graceSeconds` (0..604800) from now: a key's
 * grace end becomes that moment unless it already ends sooner (it shows as `rotating`, then
 * `expired`). One batch: the keys, one e-mail per owner (written only if that owner's keys
 * changed in this batch), one `key.revoked` event per key it shortened (reason
 * `expired_by_administrator`, `effectiveAt` the grace's end: the key verifies until then), the
 * audit event. Returns how many keys changed, the e-mails and the events to deliver.
 * Throws 404 `not_found` for an unknown scope, 400 `invalid_request` for a grace out of range.
 */
export async function expireKeys(
  deps: Deps,
  admin: User,
  { scope, graceSeconds, reason }: { scope: KeyScope; graceSeconds: number; reason: string },
  meta: RequestMeta,
): Promise<{ keys: number; outboxIds: string[]; eventIds: string[] }> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_FORCED_GRACE_SECONDS)
    throw new AppError(
      "invalid_request",
      { th: "ระยะผ่อนผันต้องอยู่ระหว่าง 0 ถึง 7 วัน", en: "The grace is 0 to 7 days." },
      {
        errors: [{ path: "graceSeconds", message: "0..604800" }],
      },
    );
  await assertScopeExists(deps, scope);
  const { db } = deps;
  const now = deps.clock.now();
  const until = now + graceSeconds * SECOND;
  const tx = newId("tx");
  const keys = await liveKeysIn(deps, scope);
  const ids = keys.map((k) => k.id);
  const statements: Statement[] = [];
  const changed: SQL[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    statements.push(
      db
        .update(apiKeys)
        .set({ graceUntil: until, forcedExpiryTx: tx })
        // Only keys this shortens: a key already ending sooner keeps its end and is not counted.
        .where(
          and(inArray(apiKeys.id, chunk), liveAt(now), or(isNull(apiKeys.graceUntil), gt(apiKeys.graceUntil, until))),
        )
        .returning({ id: apiKeys.id }),
    );
    changed.push(inArray(apiKeys.id, chunk));
  }
  const eventIds: string[] = [];
  for (const key of keys) {
    // Only for a key this batch shortened (one already ending sooner keeps its end: no event).
    const event = keyEvent(db, {
      type: "key.revoked",
      key,
      now,
      extra: { reason: "expired_by_administrator", effectiveAt: new Date(until).toISOString() },
      guard: sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${key.id} AND forced_expiry_tx = ${tx})`,
    });
    statements.push(event.statement);
    eventIds.push(event.eventId);
  }
  const outboxIds: string[] = [];
  const owners = new Map<string, typeof keys>();
  for (const key of keys) owners.set(key.userId, [...(owners.get(key.userId) ?? []), key]);
  for (const [userId, owned] of owners) {
    const email = owned[0]!.ownerEmail;
    if (!email) continue;
    // Sent only when this batch shortened one of the owner's keys (a parallel request may have first).
    const guard = sql`EXISTS (SELECT 1 FROM api_keys WHERE user_id = ${userId} AND forced_expiry_tx = ${tx})`;
    const message = queueEmail(db, {
      template: "keys_expiring",
      to: [email],
      email: keysExpiringEmail({
        ownerName: displayName({ name: owned[0]!.ownerName, email }),
        keys: owned.map((k) => ({ name: k.name, prefix: k.prefix })),
        expiresAt: until,
        immediate: graceSeconds === 0,
        reason,
        appUrl: deps.config.appOrigin,
        lang: owned[0]!.ownerLocale,
      }),
      now,
      guard,
    });
    statements.push(message.statement);
    outboxIds.push(message.id);
  }
  const { subject } = scopeOf(scope);
  statements.push(
    auditStatement(db, {
      actor: actorOf(admin),
      action: "keys.expired_by_admin",
      subject,
      // The keys live when the action was asked for; a parallel request may have ended some first.
      detail: {
        reason,
        graceSeconds,
        expiresAt: new Date(until).toISOString(),
        keysInScope: ids.length,
        keyIds: ids.slice(0, 200),
      },
      at: now,
      meta,
    }),
  );
  const results = await runBatch(db, statements);
  const updated = results.slice(0, changed.length).reduce((n, r) => n + (r as unknown[]).length, 0);
  return { keys: updated, outboxIds, eventIds };
}
