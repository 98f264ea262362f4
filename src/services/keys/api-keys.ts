import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKeys, applications, memberships, type ApiKey, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { DAY } from "../../lib/clock";
import { generateApiKey } from "../../lib/api-key-format";
import { sha256Hex } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { grantsPublish, type MembershipStatus } from "../../workflow/membership-machine";
import { commitApplicationTransition } from "../../workflow/application-commit";
import { loadApplication } from "../applications/applications";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { hasAcceptedCurrentTerms } from "../terms/acceptance";
import { keyLifetimeDays } from "./lifetime";
import { keyEvent } from "../../db/statements/key-events";

export type { KeyStatus, Scope } from "../../lib/vocabulary";
import type { KeyStatus, Scope } from "../../lib/vocabulary";

/** A key's status at `now` (ms): revoked, expired, rotating (in a grace) or active. */
export function keyStatus(key: Pick<ApiKey, "revokedAt" | "expiresAt" | "graceUntil">, now: number): KeyStatus {
  if (key.revokedAt !== null) return "revoked";
  if (key.expiresAt !== null && key.expiresAt <= now) return "expired";
  if (key.graceUntil !== null) return key.graceUntil > now ? "rotating" : "expired";
  return "active";
}

/** The active steward membership that a publish key speaks for. */
async function publishMembership(db: Db, userId: string, agencyId: string | null) {
  const rows = await db.select().from(memberships).where(eq(memberships.userId, userId));
  const usable = rows.filter(
    (m) => grantsPublish(m.status as MembershipStatus) && (!agencyId || m.agencyId === agencyId),
  );
  if (usable.length === 0) {
    throw new AppError("forbidden_scope", {
      th: "กุญแจสำหรับเผยแพร่ต้องมีบทบาทผู้ดูแลข้อมูลที่ใช้งานอยู่",
      en: "Publish keys need an active steward role.",
    });
  }
  if (usable.length > 1) {
    throw new AppError(
      "invalid_request",
      { th: "กรุณาระบุหน่วยงาน", en: "You are a steward of several agencies: give agencyId." },
      {
        errors: [{ path: "agencyId", message: "required when you steward several agencies" }],
      },
    );
  }
  return usable[0]!;
}

export interface KeyInput {
  name: string;
  scopes: Scope[];
  expiresInDays?: number | null;
  agencyId?: string | null;
}

/** Whose a key is and what it may do: what a new key and its rotation's successor share. */
export type KeyHolding = Pick<ApiKey, "userId" | "membershipId" | "agencyId" | "name" | "scopes">;

/**
 * A new key row (not yet written) and its secret, shown once: a fresh id, secret, prefix and
 * SHA-256 hash, living `ttlDays` days from `now` (ms).
 */
export async function freshKey(
  deps: Deps,
  facts: KeyHolding,
  ttlDays: number,
  now: number,
): Promise<{ key: ApiKey; secret: string }> {
  const { secret, prefix } = generateApiKey(deps.config.keyEnv);
  const key: ApiKey = {
    ...facts,
    id: newId("key"),
    prefix,
    keyHash: await sha256Hex(secret),
    ttlDays,
    createdAt: now,
    expiresAt: now + ttlDays * DAY,
    lastUsedAt: null,
    graceUntil: null,
    revokedAt: null,
    replacedBy: null,
    forcedExpiryTx: null,
  };
  return { key, secret };
}

/**
 * Issues a key; the secret is returned once and only its hash is kept. Returns the key, its
 * secret, the e-mails and the `key.created` event to deliver after the commit.
 */
export async function createApiKey(deps: Deps, user: User, input: KeyInput, meta: RequestMeta) {
  const { db } = deps;
  const now = deps.clock.now();
  if (!(await hasAcceptedCurrentTerms(db, user.id, now))) {
    throw new AppError("terms_not_accepted", {
      th: "กรุณายอมรับข้อตกลงการใช้งานฉบับปัจจุบันก่อน",
      en: "Accept the current terms of use first.",
    });
  }
  const scopes: Scope[] = input.scopes.includes("publish") ? ["read", "publish"] : ["read"];
  // A key never lives longer than its scopes allow; without a lifetime asked for, it gets the longest.
  const ttlDays = keyLifetimeDays(deps.config, scopes, input.expiresInDays);
  const membership = scopes.includes("publish") ? await publishMembership(db, user.id, input.agencyId ?? null) : null;
  const { key, secret } = await freshKey(
    deps,
    {
      userId: user.id,
      membershipId: membership?.id ?? null,
      agencyId: membership?.agencyId ?? null,
      name: input.name,
      scopes: JSON.stringify(scopes),
    },
    ttlDays,
    now,
  );
  const event = keyEvent(db, {
    type: "key.created",
    key,
    now,
    extra: { expiresAt: new Date(key.expiresAt!).toISOString() },
  });
  await runBatch(db, [
    db.insert(apiKeys).values(key),
    auditStatement(db, {
      actor: user.email ?? user.id,
      action: "key.created",
      subject: `key:${key.id}`,
      detail: { name: key.name, scopes, prefix: key.prefix, agencyId: key.agencyId },
      at: now,
      meta,
    }),
    event.statement,
  ]);
  const outboxIds = membership?.applicationId
    ? await activateApplication(deps, user, membership.applicationId, key.id, meta)
    : [];
  return { key, secret, outboxIds, eventIds: [event.eventId] };
}

/** The first publish key of an approved steward moves the application to `active`. */
async function activateApplication(
  deps: Deps,
  user: User,
  applicationId: string,
  keyId: string,
  meta: RequestMeta,
): Promise<string[]> {
  const [app] = await deps.db
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .limit(1);
  if (app?.status !== "approved") return [];
  try {
    const ctx = await loadApplication(deps, applicationId, user);
    return (
      await commitApplicationTransition(deps, ctx, "FIRST_KEY_ISSUED", {
        actor: user.email ?? user.id,
        meta,
        reason: null,
        patch: {},
      })
    ).outboxIds;
  } catch (error) {
    // A concurrent first key already moved it: nothing left to do.
    if (error instanceof AppError && error.code === "conflict") return [];
    throw error;
  }
}

/** The user's keys, newest first (never their secrets: only hashes are stored). */
export async function listApiKeys(deps: Deps, user: User): Promise<ApiKey[]> {
  const rows = await deps.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, user.id))
    .orderBy(desc(apiKeys.createdAt), sql`api_keys.rowid DESC`);
  return rows;
}

/** The user's own key `id`. Throws 404 for another person's key or none. */
export async function ownKey(deps: Deps, user: User, id: string): Promise<ApiKey> {
  const [key] = await deps.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, user.id)))
    .limit(1);
  if (!key) throw new AppError("not_found", { th: "ไม่พบกุญแจนี้", en: "No such key." });
  return key;
}

/**
 * Revokes a key at once, also during its grace period; the `key.revoked` event is queued only by
 * the request that revoked it. Returns the event ids to deliver after the commit (none when the
 * key was already revoked).
 */
export async function deleteApiKey(
  deps: Deps,
  user: User,
  id: string,
  meta: RequestMeta,
): Promise<{ eventIds: string[] }> {
  const now = deps.clock.now();
  const key = await ownKey(deps, user, id);
  if (key.revokedAt !== null) return { eventIds: [] };
  // The event and the audit row first, under the update's own condition: only the request
  // that revokes the key writes them (two at once: one event, one audit row).
  const live = and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt));
  const event = keyEvent(deps.db, {
    type: "key.revoked",
    key,
    now,
    extra: { reason: "revoked_by_owner", effectiveAt: new Date(now).toISOString() },
    guard: sql`EXISTS (SELECT 1 FROM api_keys WHERE ${live})`,
  });
  const [, , revoked] = await runBatch(deps.db, [
    event.statement,
    auditStatement(deps.db, {
      actor: user.email ?? user.id,
      action: "key.deleted",
      subject: `key:${id}`,
      detail: { prefix: key.prefix },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM api_keys WHERE ${live})`,
    }),
    deps.db.update(apiKeys).set({ revokedAt: now }).where(live).returning({ id: apiKeys.id }),
  ]);
  if ((revoked ?? []).length === 0) return { eventIds: [] };
  return { eventIds: [event.eventId] };
}
