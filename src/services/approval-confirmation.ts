import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { oneTimeTokens, type OneTimeToken } from "../db/schema";
import { runBatch } from "../db/guarded";
import { MINUTE } from "../lib/clock";
import { randomBase62, randomDigits, sha256Hex, timingSafeEqual } from "../lib/crypto";
import { newId } from "../lib/ids";
import { approvalConfirmCodeEmail } from "../../emails/approval-confirm-code";
import type { Decision } from "./approvals";
import type { Deps } from "./deps";
import { queueEmail } from "./outbox";
import { hitRateLimit } from "./rate-limit";

const CONFIRM_TTL_MS = 10 * MINUTE;
const MAX_ATTEMPTS = 5;
const CONFIRM_LIMIT = { name: "approval_confirm:address", limit: 5, windowMs: 10 * MINUTE };

/**
 * Stronger approval (agency policy): a decision posted from the link is held until the approver
 * types a one-time code e-mailed to the link's address. The held decision lives in the code's
 * row, so the decision confirmed is the one that was asked for.
 */
export async function requestDecisionCode(deps: Deps, link: OneTimeToken, applicantName: string, agency: { nameTh: string; nameEn: string }, decision: Decision, reason: string | null) {
  const now = deps.clock.now();
  await hitRateLimit(deps.db, CONFIRM_LIMIT, link.email, now);
  const id = newId("otk");
  const code = randomDigits(6);
  const message = queueEmail(deps.db, "approval_confirm_code", [link.email], approvalConfirmCodeEmail({ code, decision, applicantName, agencyNameTh: agency.nameTh, agencyNameEn: agency.nameEn, expiresInMinutes: CONFIRM_TTL_MS / MINUTE }), now);
  await runBatch(deps.db, [
    deps.db.update(oneTimeTokens).set({ revokedAt: now }).where(and(eq(oneTimeTokens.purpose, "approval_confirm"), eq(oneTimeTokens.applicationId, link.applicationId!), eq(oneTimeTokens.email, link.email), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt))),
    deps.db.insert(oneTimeTokens).values({
      id,
      purpose: "approval_confirm",
      tokenHash: await sha256Hex(randomBase62(32)),
      codeHash: await sha256Hex(`${id}:${code}`),
      email: link.email,
      applicationId: link.applicationId,
      data: JSON.stringify({ linkId: link.id, decision, reason }),
      expiresAt: now + CONFIRM_TTL_MS,
      createdAt: now,
    }),
    message.statement,
  ]);
  return { outboxIds: [message.id] };
}

export type Confirmation = { ok: true; decision: Decision; reason: string | null } | { ok: false; error: "invalid_code" | "too_many_attempts" };

/** Checks the code for this link; consumes it once (at most 5 tries). */
export async function confirmDecisionCode(deps: Deps, link: OneTimeToken, code: string): Promise<Confirmation> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, "approval_confirm"), eq(oneTimeTokens.applicationId, link.applicationId!), eq(oneTimeTokens.email, link.email), isNull(oneTimeTokens.revokedAt), isNull(oneTimeTokens.usedAt)))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  const held = row ? (JSON.parse(row.data ?? "{}") as { linkId?: string; decision?: Decision; reason?: string | null }) : null;
  if (!row || !held || held.linkId !== link.id || row.expiresAt <= now) return { ok: false, error: "invalid_code" };
  if (row.attempts >= MAX_ATTEMPTS) return { ok: false, error: "too_many_attempts" };
  if (!timingSafeEqual(row.codeHash ?? "", await sha256Hex(`${row.id}:${code}`))) {
    await deps.db.update(oneTimeTokens).set({ attempts: sql`${oneTimeTokens.attempts} + 1` }).where(and(eq(oneTimeTokens.id, row.id), lt(oneTimeTokens.attempts, MAX_ATTEMPTS)));
    return { ok: false, error: "invalid_code" };
  }
  const used = await deps.db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.id, row.id), isNull(oneTimeTokens.usedAt), lt(oneTimeTokens.attempts, MAX_ATTEMPTS), gt(oneTimeTokens.expiresAt, now)))
    .returning({ id: oneTimeTokens.id });
  if (used.length === 0) return { ok: false, error: "invalid_code" };
  return { ok: true, decision: held.decision!, reason: held.reason ?? null };
}
