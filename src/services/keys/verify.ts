import { and, eq } from "drizzle-orm";
import { apiKeys, memberships, termsAcceptances, users } from "../../db/schema";
import { MINUTE } from "../../lib/clock";
import { isWellFormedApiKey } from "../../lib/api-key-format";
import { sha256Hex } from "../../lib/crypto";
import { grantsPublish, type MembershipStatus } from "../../workflow/membership-machine";
import { keyStatus, type Scope } from "./api-keys";
import type { Deps } from "../../deps";
import { currentTermsVersion } from "../terms/versions";

export type VerifyCode = "VALID" | "NOT_FOUND" | "REVOKED" | "EXPIRED" | "DISABLED" | "RATE_LIMITED";

export interface VerifyResult {
  valid: boolean;
  code: VerifyCode;
  keyId?: string;
  userId?: string;
  agencyId?: string | null;
  scopes?: Scope[];
  reason?: string;
}

/**
 * The gateway's question: is this key valid, and for what? One indexed read on the hot path;
 * malformed keys and bad checksums are answered without touching the database.
 */
export async function verifyApiKey(
  deps: Deps,
  key: string,
): Promise<{ result: VerifyResult; touch: Promise<unknown> | null }> {
  if (!isWellFormedApiKey(key)) return { result: { valid: false, code: "NOT_FOUND" }, touch: null };
  const now = deps.clock.now();
  const terms = await currentTermsVersion(deps.db, now);
  const [row] = await deps.db
    .select({
      key: apiKeys,
      userStatus: users.status,
      membershipStatus: memberships.status,
      acceptedTerms: termsAcceptances.version,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .leftJoin(memberships, eq(memberships.id, apiKeys.membershipId))
    .leftJoin(
      termsAcceptances,
      and(eq(termsAcceptances.userId, apiKeys.userId), eq(termsAcceptances.version, terms ?? "")),
    )
    .where(eq(apiKeys.keyHash, await sha256Hex(key)))
    .limit(1);
  if (!row) return { result: { valid: false, code: "NOT_FOUND" }, touch: null };
  const ids = { keyId: row.key.id, userId: row.key.userId, agencyId: row.key.agencyId };
  const status = keyStatus(row.key, now);
  if (status === "revoked") return { result: { valid: false, code: "REVOKED", ...ids }, touch: null };
  if (status === "expired") return { result: { valid: false, code: "EXPIRED", ...ids }, touch: null };
  if (row.userStatus !== "active")
    return { result: { valid: false, code: "DISABLED", reason: "account_suspended", ...ids }, touch: null };
  if (row.key.membershipId && !grantsPublish((row.membershipStatus ?? "revoked") as MembershipStatus)) {
    return { result: { valid: false, code: "DISABLED", reason: "membership_not_active", ...ids }, touch: null };
  }
  // A steward who has not accepted the terms in force may not publish until they do.
  if (row.key.membershipId && terms !== null && row.acceptedTerms === null) {
    return { result: { valid: false, code: "DISABLED", reason: "terms_not_accepted", ...ids }, touch: null };
  }
  // lastUsedAt is written at most once a minute per key, after the answer.
  const touch =
    row.key.lastUsedAt === null || now - row.key.lastUsedAt > MINUTE
      ? deps.db
          .update(apiKeys)
          .set({ lastUsedAt: now })
          .where(eq(apiKeys.id, row.key.id))
          .then(() => undefined)
      : null;
  return { result: { valid: true, code: "VALID", ...ids, scopes: JSON.parse(row.key.scopes) as Scope[] }, touch };
}
