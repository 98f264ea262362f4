import { and, eq, sql } from "drizzle-orm";
import { oneTimeTokens, type OneTimeToken } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { newId } from "../../lib/ids";
import type { AppError } from "../../errors";
import { MINUTE } from "../../lib/clock";
import { approvalConfirmCodeEmail } from "../../../emails/approval-confirm-code";
import type { Decision } from "./executive-decision";
import type { Deps } from "../../deps";
import { queueEmail } from "../../db/statements/outbox";
import { attemptCode, codeProblem, consumeCodeStatement, issueCode } from "../identity/one-time-codes";
import { clearFailuresStatement } from "../identity/code-failures";
import { hitRateLimit } from "../identity/rate-limit";

const CONFIRM_TTL_MS = 10 * MINUTE;
const CONFIRM_LIMIT = { name: "approval_confirm:link", limit: 5, windowMs: 10 * MINUTE };

/**
 * Stronger approval (agency policy): a decision posted from the link is held until the approver
 * types a one-time code e-mailed to the link's address. The held decision lives in the code's
 * row, so the decision confirmed is the one that was asked for. Codes, their limits and waits
 * belong to one link: a leaked link of one application cannot hold up the approver's others.
 */
export async function requestDecisionCode(
  deps: Deps,
  link: OneTimeToken,
  held: {
    /** The applicant as the e-mail names them. */
    applicantName: string;
    agency: { nameTh: string; nameEn: string };
    decision: Decision;
    reason: string | null;
  },
) {
  const { applicantName, agency, decision, reason } = held;
  const now = deps.clock.now();
  await hitRateLimit(deps.db, CONFIRM_LIMIT, link.id, now);
  // Earlier codes of the link stay valid: whoever else holds the link cannot void the approver's.
  const issued = await issueCode(deps, {
    purpose: "approval_confirm",
    email: link.email,
    applicationId: link.applicationId,
    ttlMs: CONFIRM_TTL_MS,
    data: { linkId: link.id, decision, reason },
    keepOlder: true,
  });
  const message = queueEmail(deps.db, {
    template: "approval_confirm_code",
    to: [link.email],
    email: approvalConfirmCodeEmail({
      code: issued.code,
      decision,
      applicantName,
      agencyNameTh: agency.nameTh,
      agencyNameEn: agency.nameEn,
      expiresInMinutes: CONFIRM_TTL_MS / MINUTE,
    }),
    now,
    secretExpiresAt: issued.expiresAt,
  });
  await runBatch(deps.db, [...issued.statements, message.statement]);
  return { outboxIds: [message.id] };
}

/** The decision codes asked for through this approval link. */
const ofLink = (link: OneTimeToken) =>
  and(
    eq(oneTimeTokens.applicationId, link.applicationId!),
    sql`json_extract(${oneTimeTokens.data}, '$.linkId') = ${link.id}`,
  );

export type Confirmation = { ok: true; decision: Decision; reason: string | null } | { ok: false; error: AppError };

/**
 * Checks the decision code for this link and this decision (at most 5 compared tries per code,
 * growing waits per link, as for sign-in codes) and uses it once. A code confirms only the
 * decision it was mailed for: "approve" cannot be confirmed with the code of a "reject".
 * On success, the decision and reason it holds.
 */
export async function confirmDecisionCode(
  deps: Deps,
  link: OneTimeToken,
  code: string,
  decision: Decision,
): Promise<Confirmation> {
  const forDecision = sql`json_extract(${oneTimeTokens.data}, '$.decision') = ${decision}`;
  const attempt = await attemptCode(deps, {
    purpose: "approval_confirm",
    email: link.email,
    code,
    where: and(ofLink(link), forDecision),
    scope: link.id,
  });
  if (attempt.kind !== "ok") return { ok: false, error: codeProblem(attempt) };
  // The failures end only for the request whose use of the code landed (like a sign-in's).
  const tx = newId("tx");
  const consumed = sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE id = ${attempt.token.id} AND used_tx = ${tx})`;
  const [used] = await runBatch(deps.db, [
    consumeCodeStatement(deps, attempt.token.id, tx),
    clearFailuresStatement(deps, { purpose: "approval_confirm", email: link.email, scope: link.id, guard: consumed }),
  ]);
  if ((used as unknown[]).length === 0) return { ok: false, error: codeProblem({ kind: "no_code" }) };
  const held = JSON.parse(attempt.token.data ?? "{}") as { decision?: Decision; reason?: string | null };
  return { ok: true, decision: held.decision!, reason: held.reason ?? null };
}
