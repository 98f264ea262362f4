import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { apiKeys, memberships, type User } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import { keyEvent } from "../../db/statements/key-events";
import type { Deps, RequestMeta } from "../../deps";
import { AppError } from "../../errors";
import { SECOND } from "../../lib/clock";
import type { Scope } from "../../lib/vocabulary";
import { grantsPublish, type MembershipStatus } from "../../workflow/membership-machine";
import { freshKey, keyStatus, ownKey } from "./api-keys";
import { maxKeyDays } from "./lifetime";

// Rotation: a key replaced by a new one, the old one verifying through a grace period.

/**
 * Replaces a key with a new one of the same name, scopes and lifetime policy. The old key
 * keeps verifying for `graceSeconds`, then answers EXPIRED. One batch: the old key is claimed
 * with a CAS, the new key (and the `key.rotated` event) only if that claim matched. Returns the
 * new key, its secret and the event to deliver after the commit.
 */
export async function rotateApiKey(deps: Deps, user: User, id: string, graceSeconds: number, meta: RequestMeta) {
  const { db } = deps;
  const now = deps.clock.now();
  const old = await ownKey(deps, user, id);
  if (keyStatus(old, now) !== "active") {
    throw new AppError("invalid_transition", {
      th: "หมุนเวียนได้เฉพาะกุญแจที่ใช้งานอยู่",
      en: "Only an active key can be rotated.",
    });
  }
  const scopes = JSON.parse(old.scopes) as Scope[];
  if (old.membershipId) {
    const [m] = await db
      .select({ status: memberships.status })
      .from(memberships)
      .where(eq(memberships.id, old.membershipId))
      .limit(1);
    if (!m || !grantsPublish(m.status as MembershipStatus))
      throw new AppError("forbidden_scope", {
        th: "บทบาทผู้ดูแลข้อมูลไม่ได้ใช้งานแล้ว",
        en: "The steward role behind this key is no longer active.",
      });
  }
  // The policy as it stands today: a key made before it (no lifetime) or under a longer maximum is capped.
  const max = maxKeyDays(deps.config, scopes);
  const ttlDays = Math.min(old.ttlDays ?? max, max);
  const { userId, membershipId, agencyId, name } = old;
  const { key, secret } = await freshKey(
    deps,
    { userId, membershipId, agencyId, name, scopes: old.scopes },
    ttlDays,
    now,
  );
  const claimed = sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${old.id} AND replaced_by = ${key.id})`;
  const graceUntil = now + graceSeconds * SECOND;
  const event = keyEvent(db, {
    type: "key.rotated",
    key: old,
    now,
    extra: {
      newKeyId: key.id,
      newPrefix: key.prefix,
      graceUntil: new Date(graceUntil).toISOString(),
      expiresAt: new Date(key.expiresAt!).toISOString(),
    },
    guard: claimed,
  });
  const [cas] = await runBatch(db, [
    db
      .update(apiKeys)
      .set({ graceUntil, replacedBy: key.id })
      // Still active when claimed: an administrator's forced expiry (a grace set meanwhile) wins.
      .where(
        and(
          eq(apiKeys.id, old.id),
          isNull(apiKeys.revokedAt),
          isNull(apiKeys.replacedBy),
          isNull(apiKeys.graceUntil),
          or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
        ),
      )
      .returning({ id: apiKeys.id }),
    insertWhere(db, apiKeys, key, claimed),
    auditStatement(db, {
      actor: user.email ?? user.id,
      action: "key.rotated",
      subject: `key:${old.id}`,
      detail: { newKeyId: key.id, graceSeconds, scopes },
      at: now,
      meta,
      guard: claimed,
    }),
    event.statement,
  ]);
  if ((cas as unknown[]).length === 0)
    throw new AppError("conflict", { th: "กุญแจถูกเปลี่ยนแปลงระหว่างนี้", en: "The key changed meanwhile." });
  return { key, secret, eventIds: [event.eventId] };
}
