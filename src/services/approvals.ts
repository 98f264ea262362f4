import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { oneTimeTokens, type OneTimeToken } from "../db/schema";
import { AppError } from "../errors";
import { sha256Hex } from "../lib/crypto";
import { acceptsExecutiveDecision, executiveApprovalEvent, type ApplicationStatus } from "../workflow/application-machine";
import { commitApplicationTransition, type ApplicationContext } from "../workflow/application-commit";
import { loadApplication } from "./applications";
import type { Deps, RequestMeta } from "./deps";

export type LinkState = "valid" | "decided" | "closed" | "expired" | "unknown";

export interface ApprovalLink {
  state: LinkState;
  token: OneTimeToken | null;
  ctx: ApplicationContext | null;
}

/** HTTP status of a page for a link in this state (CONTRACT: 404 unknown, 409 used, 410 expired). */
export function linkStatus(state: LinkState): 200 | 404 | 409 | 410 {
  return state === "valid" ? 200 : state === "unknown" ? 404 : state === "expired" ? 410 : 409;
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
  return { state: "valid", token, ctx };
}

export type Decision = "approve" | "reject";

/**
 * The executive's decision (a POST from the link's page). The link is consumed in the same
 * batch as the transition, guarded so that of many concurrent posts exactly one decides.
 * Returns the link as it stands afterwards, and whether this request decided.
 */
export async function decideApproval(deps: Deps, secret: string, decision: Decision, reason: string | null, meta: RequestMeta) {
  const link = await findApprovalLink(deps, secret);
  if (link.state !== "valid" || !link.token || !link.ctx) return { link, decided: false, outboxIds: [] as string[] };
  const { token, ctx } = link;
  const now = deps.clock.now();
  const event = decision === "approve" ? executiveApprovalEvent(ctx.agency.reviewRequired) : "EXECUTIVE_REJECTED";
  const final = event !== "EXECUTIVE_ENDORSED";
  const tokenUnused = and(eq(oneTimeTokens.id, token.id), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt), gt(oneTimeTokens.expiresAt, now));
  try {
    const committed = await commitApplicationTransition(deps, ctx, event, {
      actor: `executive:${token.email}`,
      meta,
      reason,
      patch: {
        executiveDecidedAt: now,
        executiveDecidedBy: token.email,
        ...(final ? { decidedAt: now, decidedBy: token.email, decisionReason: reason } : {}),
      },
      casCondition: sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE ${tokenUnused})`,
      extra: (guard, tx) => [
        deps.db.update(oneTimeTokens).set({ usedAt: now, usedBy: token.email, usedTx: tx, data: JSON.stringify({ decision }) }).where(and(tokenUnused, guard)),
      ],
    });
    return { link: { ...link, ctx: { ...ctx, application: committed.application } }, decided: true, outboxIds: committed.outboxIds };
  } catch (error) {
    if (error instanceof AppError && (error.code === "conflict" || error.code === "invalid_transition")) {
      return { link: await findApprovalLink(deps, secret), decided: false, outboxIds: [] as string[] };
    }
    throw error;
  }
}

/** The decision recorded on a used link ("approve" or "reject"), for the "already decided" page. */
export function linkDecision(token: OneTimeToken | null): Decision | null {
  if (!token?.data) return null;
  const { decision } = JSON.parse(token.data) as { decision?: Decision };
  return decision ?? null;
}

/** The addresses holding a live link of the application: who may decide now. */
export async function whoMayDecide(deps: Deps, applicationId: string): Promise<string[]> {
  const rows = await deps.db
    .selectDistinct({ email: oneTimeTokens.email })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.applicationId, applicationId), eq(oneTimeTokens.purpose, "approval"), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt), gt(oneTimeTokens.expiresAt, deps.clock.now())));
  return rows.map((r) => r.email);
}
