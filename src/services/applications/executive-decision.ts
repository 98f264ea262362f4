import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { displayName } from "../../text/bilingual";
import * as v from "valibot";
import { oneTimeTokens, type OneTimeToken } from "../../db/schema";
import { AppError } from "../../errors";
import { sha256Hex } from "../../lib/crypto";
import { mailboxOf, multiLine } from "../../lib/fields";
import {
  acceptsExecutiveDecision,
  executiveApprovalEvent,
  type ApplicationStatus,
} from "../../workflow/application-machine";
import { commitApplicationTransition } from "../../workflow/application-commit";
import type { ApplicationContext } from "../../workflow/application-context";
import { confirmDecisionCode, requestDecisionCode } from "./stronger-approval";
import { loadApplication } from "./applications";
import type { Deps, RequestMeta } from "../../deps";

/**
 * What an approval link can do now: `valid` (decide), `decided` (used), `closed` (another
 * approver decided, the application moved on, or the link's approver left the list), `expired`,
 * `own` (the link's address belongs to the applicant: nobody decides their own application),
 * `unknown`.
 */
export type LinkState = "valid" | "decided" | "closed" | "expired" | "own" | "unknown";

export interface ApprovalLink {
  state: LinkState;
  token: OneTimeToken | null;
  ctx: ApplicationContext | null;
}

/** HTTP status of a page for a link in this state (CONTRACT: 404 unknown, 409 used, 410 expired). */
export function linkStatus(state: LinkState): 200 | 403 | 404 | 409 | 410 {
  return state === "valid" ? 200 : state === "unknown" ? 404 : state === "expired" ? 410 : state === "own" ? 403 : 409;
}

/** Reads an approval link and what it is for. Changes nothing (GET and HEAD use only this). */
export async function findApprovalLink(deps: Deps, secret: string): Promise<ApprovalLink> {
  const [token] = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, await sha256Hex(secret)), eq(oneTimeTokens.purpose, "approval")))
    .limit(1);
  if (!token?.applicationId) return { state: "unknown", token: null, ctx: null };
  const ctx = await loadApplication(deps, token.applicationId, null);
  const status = ctx.application.status as ApplicationStatus;
  if (token.usedAt !== null) return { state: "decided", token, ctx };
  if (token.expiresAt <= deps.clock.now() || status === "expired") return { state: "expired", token, ctx };
  if (token.revokedAt !== null || !acceptsExecutiveDecision(status)) return { state: "closed", token, ctx };
  // An address the applicant verified after the link went out: it may not decide.
  if (ctx.applicantEmails.some((email) => mailboxOf(email) === mailboxOf(token.email)))
    return { state: "own", token, ctx };
  return { state: "valid", token, ctx };
}

export type Decision = "approve" | "reject";

/**
 * The executive's decision (a POST from the link's page). The link is consumed in the same
 * batch as the transition, guarded so that of many concurrent posts exactly one decides. The
 * reason is kept on the application and shown to the applicant in the app, never e-mailed (it
 * comes from a request without a session). Returns the link as it stands afterwards, and
 * whether this request decided.
 */
export async function decideApproval(
  deps: Deps,
  secret: string,
  decision: Decision,
  reason: string | null,
  meta: RequestMeta,
) {
  const link = await findApprovalLink(deps, secret);
  if (link.state !== "valid" || !link.token || !link.ctx) return { link, decided: false, outboxIds: [] as string[] };
  const { token, ctx } = link;
  const now = deps.clock.now();
  const event = decision === "approve" ? executiveApprovalEvent(ctx.agency.reviewRequired) : "EXECUTIVE_REJECTED";
  const final = event !== "EXECUTIVE_ENDORSED";
  const tokenUnused = and(
    eq(oneTimeTokens.id, token.id),
    isNull(oneTimeTokens.usedAt),
    isNull(oneTimeTokens.revokedAt),
    gt(oneTimeTokens.expiresAt, now),
  );
  try {
    const committed = await commitApplicationTransition(deps, ctx, event, {
      actor: `executive:${token.email}`,
      meta,
      reason,
      reasonFromLink: true,
      patch: {
        executiveDecidedAt: now,
        executiveDecidedBy: token.email,
        executiveReason: reason,
        ...(final ? { decidedAt: now, decidedBy: token.email, decisionReason: reason } : {}),
      },
      casCondition: sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE ${tokenUnused})`,
      extra: (guard, tx) => [
        deps.db
          .update(oneTimeTokens)
          .set({ usedAt: now, usedBy: token.email, usedTx: tx, data: JSON.stringify({ decision }) })
          .where(and(tokenUnused, guard)),
      ],
    });
    return {
      link: { ...link, ctx: { ...ctx, application: committed.application } },
      decided: true,
      outboxIds: committed.outboxIds,
    };
  } catch (error) {
    if (error instanceof AppError && (error.code === "conflict" || error.code === "invalid_transition")) {
      return { link: await findApprovalLink(deps, secret), decided: false, outboxIds: [] as string[] };
    }
    throw error;
  }
}

const DecisionForm = v.object({
  decision: v.picklist(["approve", "reject"], "กรุณาเลือกอนุมัติหรือไม่อนุมัติ / Choose approve or reject."),
  reason: multiLine(2000, { optional: true }),
});
const DecisionCode = v.pipe(v.string(), v.trim(), v.regex(/^\d{6}$/, "กรุณากรอกรหัส 6 หลัก / Enter the 6-digit code."));

/** What a POST on an approval link came to; the page renders one view for each kind. */
export type LinkOutcome =
  | { kind: "closed"; link: ApprovalLink }
  | { kind: "invalid"; link: ApprovalLink; error: AppError }
  | { kind: "code_sent"; link: ApprovalLink; decision: Decision; reason: string | null; outboxIds: string[] }
  | { kind: "code_refused"; link: ApprovalLink; decision: Decision; reason: string | null; error: AppError }
  | { kind: "decided"; link: ApprovalLink; decision: Decision; outboxIds: string[] };

/**
 * The whole POST of an approval link's form: checks the form (the same text rules as the API),
 * then decides; under the agency's stronger-approval policy, first e-mails a code to the link's
 * address and holds the decision until that code is typed (see approval-confirmation.ts).
 */
export async function decideFromLink(
  deps: Deps,
  secret: string,
  form: Record<string, string>,
  meta: RequestMeta,
): Promise<LinkOutcome> {
  const link = await findApprovalLink(deps, secret);
  if (link.state !== "valid" || !link.ctx || !link.token) return { kind: "closed", link };
  const parsed = v.safeParse(DecisionForm, { decision: form.decision, reason: form.reason ?? "" });
  if (!parsed.success) {
    return {
      kind: "invalid",
      link,
      error: new AppError("invalid_request", parsed.issues[0]?.message, {
        errors: parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? "$", message: i.message })),
      }),
    };
  }
  let { decision } = parsed.output;
  let reason = parsed.output.reason || null;
  const { ctx, token } = link;
  if (ctx.agency.strongerApproval) {
    if (form.code === undefined) {
      const { outboxIds } = await requestDecisionCode(deps, token, {
        applicantName: displayName({ name: ctx.applicant.name, email: ctx.application.applicantEmail }),
        agency: ctx.agency,
        decision,
        reason,
      });
      return { kind: "code_sent", link, decision, reason, outboxIds };
    }
    const code = v.safeParse(DecisionCode, form.code);
    // A code that is not six digits is refused as it is, without counting as a try.
    if (!code.success)
      return {
        kind: "code_refused",
        link,
        decision,
        reason,
        error: new AppError("invalid_request", code.issues[0].message),
      };
    const confirmed = await confirmDecisionCode(deps, token, code.output, decision);
    if (!confirmed.ok) return { kind: "code_refused", link, decision, reason, error: confirmed.error };
    decision = confirmed.decision;
    reason = confirmed.reason;
  }
  const result = await decideApproval(deps, secret, decision, reason, meta);
  if (!result.decided) return { kind: "closed", link: result.link };
  return { kind: "decided", link: result.link, decision, outboxIds: result.outboxIds };
}

/** The decision recorded on a used link ("approve" or "reject"), for the "already decided" page. */
export function linkDecision(token: OneTimeToken | null): Decision | null {
  if (!token?.data) return null;
  const { decision } = JSON.parse(token.data) as { decision?: Decision };
  return decision ?? null;
}

/** The addresses holding a live link of the application: who may decide now. */
export async function whoMayDecide(deps: Deps, ctx: ApplicationContext): Promise<string[]> {
  const rows = await deps.db
    .selectDistinct({ email: oneTimeTokens.email })
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.applicationId, ctx.application.id),
        eq(oneTimeTokens.purpose, "approval"),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.revokedAt),
        gt(oneTimeTokens.expiresAt, deps.clock.now()),
      ),
    );
  const own = new Set(ctx.applicantEmails.map(mailboxOf));
  return rows.map((r) => r.email).filter((email) => !own.has(mailboxOf(email)));
}
