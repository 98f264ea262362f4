import { actorOf } from "../../db/statements/audit";
import { type User } from "../../db/schema";

import { AppError } from "../../errors";
import { mailboxOf } from "../../lib/fields";
import type { ApplicationEvent } from "../../workflow/application-machine";
import { commitApplicationTransition } from "../../workflow/application-commit";
import type { ApplicationContext } from "../../workflow/application-context";
import { applicationRecord, loadApplication } from "./applications";
import type { Deps, RequestMeta } from "../../deps";
import { isGovernmentEmail, normalizeEmail } from "../agencies/mail-domains";

export type ReviewDecision = "approve" | "reject" | "return";

const REVIEW_EVENTS: Record<ReviewDecision, ApplicationEvent> = {
  approve: "ADMIN_APPROVED",
  reject: "ADMIN_REJECTED",
  return: "ADMIN_RETURNED",
};

/** Nobody decides on their own application: 403 `own_application`, administrators included. */
function refuseOwnApplication(admin: User, ctx: ApplicationContext): void {
  if (ctx.application.userId === admin.id) {
    throw new AppError("own_application", {
      th: "ผู้ดูแลระบบคนอื่นต้องเป็นผู้พิจารณาคำขอของคุณ",
      en: "Another administrator must act on your own application.",
    });
  }
}

/** DGA's review after the executive's endorsement. Throws 403 `own_application`, 409 `invalid_transition` / `conflict`. */
export async function reviewApplication(
  deps: Deps,
  admin: User,
  id: string,
  { decision, reason }: { decision: ReviewDecision; reason: string | null },
  meta: RequestMeta,
) {
  const ctx = await loadApplication(deps, id, admin);
  refuseOwnApplication(admin, ctx);
  const now = deps.clock.now();
  const actor = admin.email ?? admin.id;
  const final = decision !== "return";
  const committed = await commitApplicationTransition(deps, ctx, REVIEW_EVENTS[decision], {
    actor: `admin:${actor}`,
    meta,
    reason,
    patch: final ? { decidedAt: now, decidedBy: actor, decisionReason: reason } : { decisionReason: reason },
  });
  return {
    application: await applicationRecord(deps.db, committed.application, ctx.applicant),
    outboxIds: committed.outboxIds,
  };
}

/**
 * Confirms the approver of an application that has none besides its applicant; the approval
 * e-mail goes out. Throws 403 `own_application`, 422 `approver_is_applicant` or
 * `email_domain_not_allowed`, 409 `invalid_transition`.
 */
export async function confirmApprover(
  deps: Deps,
  admin: User,
  id: string,
  approver: { name: string; position: string; email: string },
  meta: RequestMeta,
) {
  const email = normalizeEmail(approver.email);
  if (!(await isGovernmentEmail(deps.db, deps.config, email))) {
    throw new AppError("email_domain_not_allowed", {
      th: "ผู้อนุมัติต้องใช้อีเมลหน่วยงานรัฐ",
      en: "The approver needs a government e-mail.",
    });
  }
  const ctx = await loadApplication(deps, id, admin);
  refuseOwnApplication(admin, ctx);
  if (ctx.applicantEmails.some((own) => mailboxOf(own) === mailboxOf(email))) {
    throw new AppError(
      "approver_is_applicant",
      { th: "ผู้อนุมัติต้องไม่ใช่ผู้ยื่นคำขอ", en: "The approver cannot be the applicant." },
      {
        errors: [{ path: "email", message: "an address of the applicant" }],
      },
    );
  }
  const committed = await commitApplicationTransition(deps, ctx, "APPROVER_CONFIRMED", {
    actor: actorOf(admin),
    meta,
    patch: { approverName: approver.name, approverPosition: approver.position, approverEmail: email },
  });
  return {
    application: await applicationRecord(deps.db, committed.application, ctx.applicant),
    outboxIds: committed.outboxIds,
  };
}
