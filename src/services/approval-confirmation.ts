import { and, desc, eq, isNull } from "drizzle-orm";
import { oneTimeTokens, type OneTimeToken } from "../db/schema";
import { runBatch } from "../db/guarded";
import { MINUTE } from "../lib/clock";
import { approvalConfirmCodeEmail } from "../../emails/approval-confirm-code";
import type { Decision } from "./approvals";
import type { Deps } from "./deps";
import { queueEmail } from "./outbox";
import { checkCode, consumeCodeStatement, issueCode } from "./one-time-codes";
import { hitRateLimit } from "./rate-limit";

const CONFIRM_TTL_MS = 10 * MINUTE;
const CONFIRM_LIMIT = { name: "approval_confirm:address", limit: 5, windowMs: 10 * MINUTE };

/**
 * Stronger approval (agency policy): a decision posted from the link is held until the approver
 * types a one-time code e-mailed to the link's address. The held decision lives in the code's
 * row, so the decision confirmed is the one that was asked for.
 */
export async function requestDecisionCode(deps: Deps, link: OneTimeToken, applicantName: string, agency: { nameTh: string; nameEn: string }, decision: Decision, reason: string | null) {
  const now = deps.clock.now();
  await hitRateLimit(deps.db, CONFIRM_LIMIT, link.email, now);
  const issued = await issueCode(deps, { purpose: "approval_confirm", email: link.email, applicationId: link.applicationId, ttlMs: CONFIRM_TTL_MS, data: { linkId: link.id, decision, reason } });
  const message = queueEmail(deps.db, "approval_confirm_code", [link.email], approvalConfirmCodeEmail({ code: issued.code, decision, applicantName, agencyNameTh: agency.nameTh, agencyNameEn: agency.nameEn, expiresInMinutes: CONFIRM_TTL_MS / MINUTE }), now);
  await runBatch(deps.db, [...issued.statements, message.statement]);
  return { outboxIds: [message.id] };
}

export type Confirmation = { ok: true; decision: Decision; reason: string | null } | { ok: false; error: "invalid_code" | "too_many_attempts" };

/** Checks the code for this link; consumes it once (at most 5 tries). */
export async function confirmDecisionCode(deps: Deps, link: OneTimeToken, code: string): Promise<Confirmation> {
  const [row] = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, "approval_confirm"), eq(oneTimeTokens.applicationId, link.applicationId!), eq(oneTimeTokens.email, link.email), isNull(oneTimeTokens.revokedAt), isNull(oneTimeTokens.usedAt)))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  const held = row ? (JSON.parse(row.data ?? "{}") as { linkId?: string; decision?: Decision; reason?: string | null }) : null;
  const check = await checkCode(deps, held?.linkId === link.id ? row : undefined, code);
  if (check === "too_many_attempts") return { ok: false, error: "too_many_attempts" };
  if (check !== "ok" || !row || !held) return { ok: false, error: "invalid_code" };
  const used = await consumeCodeStatement(deps, row.id);
  if (used.length === 0) return { ok: false, error: "invalid_code" };
  return { ok: true, decision: held.decision!, reason: held.reason ?? null };
}
