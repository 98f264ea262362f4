import type { User } from "../db/schema";
import { AppError } from "../errors";
import type { ApplicationEvent } from "../workflow/application-machine";
import { commitApplicationTransition } from "../workflow/application-commit";
import { loadApplication, serializeApplication } from "./applications";
import type { Deps, RequestMeta } from "./deps";
import { isGovernmentEmail, normalizeEmail } from "./mail-domains";

export type ReviewDecision = "approve" | "reject" | "return";

const REVIEW_EVENTS: Record<ReviewDecision, ApplicationEvent> = {
  approve: "ADMIN_APPROVED",
  reject: "ADMIN_REJECTED",
  return: "ADMIN_RETURNED",
};

/** DGA's review after the executive's endorsement. */
export async function reviewApplication(deps: Deps, admin: User, id: string, decision: ReviewDecision, reason: string | null, meta: RequestMeta) {
  const ctx = await loadApplication(deps, id, admin);
  const now = deps.clock.now();
  const actor = admin.email ?? admin.id;
  const final = decision !== "return";
  const committed = await commitApplicationTransition(deps, ctx, REVIEW_EVENTS[decision], {
    actor: `admin:${actor}`,
    meta,
    reason,
    patch: final ? { decidedAt: now, decidedBy: actor, decisionReason: reason } : { decisionReason: reason },
  });
  return { application: serializeApplication(committed.application, ctx.applicant), outboxIds: committed.outboxIds };
}

/** Confirms the approver of an agency with no executive on file; the approval e-mail goes out. */
export async function confirmApprover(deps: Deps, admin: User, id: string, approver: { name: string; position: string; email: string }, meta: RequestMeta) {
  const email = normalizeEmail(approver.email);
  if (!(await isGovernmentEmail(deps.db, deps.config, email))) {
    throw new AppError("email_domain_not_allowed", "ผู้อนุมัติต้องใช้อีเมลหน่วยงานรัฐ / The approver needs a government e-mail.");
  }
  const ctx = await loadApplication(deps, id, admin);
  const committed = await commitApplicationTransition(deps, ctx, "APPROVER_CONFIRMED", {
    actor: `admin:${admin.email ?? admin.id}`,
    meta,
    patch: { approverName: approver.name, approverPosition: approver.position, approverEmail: email },
  });
  return { application: serializeApplication(committed.application, ctx.applicant), outboxIds: committed.outboxIds };
}
