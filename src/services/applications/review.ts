import { inArray } from "drizzle-orm";
import { agencies, memberships, type User } from "../../db/schema";
import type { Db } from "../../env";
import type { PublicApplicationStatus } from "../../workflow/application-machine";
import { AppError } from "../../errors";
import { mailboxOf } from "../../lib/fields";
import type { ApplicationEvent } from "../../workflow/application-machine";
import { commitApplicationTransition } from "../../workflow/application-commit";
import type { ApplicationContext } from "../../workflow/application-context";
import { listAllApplications, loadApplication, type ApplicationRecord } from "./applications";
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
    throw new AppError(
      "own_application",
      "ผู้ดูแลระบบคนอื่นต้องเป็นผู้พิจารณาคำขอของคุณ / Another administrator must act on your own application.",
    );
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
    application: { application: committed.application, applicant: ctx.applicant } satisfies ApplicationRecord,
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
    throw new AppError("email_domain_not_allowed", "ผู้อนุมัติต้องใช้อีเมลหน่วยงานรัฐ / The approver needs a government e-mail.");
  }
  const ctx = await loadApplication(deps, id, admin);
  refuseOwnApplication(admin, ctx);
  if (ctx.applicantEmails.some((own) => mailboxOf(own) === mailboxOf(email))) {
    throw new AppError("approver_is_applicant", "ผู้อนุมัติต้องไม่ใช่ผู้ยื่นคำขอ / The approver cannot be the applicant.", {
      errors: [{ path: "email", message: "an address of the applicant" }],
    });
  }
  const committed = await commitApplicationTransition(deps, ctx, "APPROVER_CONFIRMED", {
    actor: `admin:${admin.email ?? admin.id}`,
    meta,
    patch: { approverName: approver.name, approverPosition: approver.position, approverEmail: email },
  });
  return {
    application: { application: committed.application, applicant: ctx.applicant } satisfies ApplicationRecord,
    outboxIds: committed.outboxIds,
  };
}

/**
 * The administrators' list of applications (at most 500, newest first, optionally with one
 * public status), each with its agency's names, the membership it granted, and whether it still
 * waits for an administrator to confirm its approver.
 */
export async function reviewQueue(db: Db, status: PublicApplicationStatus | null) {
  const [records, agencyRows] = await Promise.all([
    listAllApplications(db, status),
    db.select({ id: agencies.id, nameTh: agencies.nameTh, nameEn: agencies.nameEn }).from(agencies),
  ]);
  const names = new Map(agencyRows.map((a) => [a.id, a]));
  const ids = records.map((r) => r.application.id);
  const granted = new Map<string, { id: string; status: string }>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db
      .select({ id: memberships.id, status: memberships.status, applicationId: memberships.applicationId })
      .from(memberships)
      .where(inArray(memberships.applicationId, ids.slice(i, i + 90)));
    for (const m of rows) if (m.applicationId) granted.set(m.applicationId, { id: m.id, status: m.status });
  }
  return records.map((record) => ({
    record,
    agency: names.get(record.application.agencyId) ?? {
      id: record.application.agencyId,
      nameTh: record.application.agencyId,
      nameEn: record.application.agencyId,
    },
    membership: granted.get(record.application.id) ?? null,
    // Shown to the API as awaiting_review; the stored status says no approver is confirmed yet.
    awaitingApprover: record.application.status === "awaiting_approver",
  }));
}
