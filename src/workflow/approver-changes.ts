import { and, eq, gt, isNull, notInArray, sql, type SQL } from "drizzle-orm";
import { applications, approvalNotices, oneTimeTokens, users, type Agency, type Application } from "../db/schema";
import type { Statement } from "../db/guarded";
import { auditStatement } from "../db/statements/audit";
import type { Deps, RequestMeta } from "../deps";
import { applicationTransitionStatements } from "./application-commit";
import { verifiedEmailsOf, type ApplicationContext } from "./application-context";
import { approvalRequestStatements, approversOf } from "./approval-links";

/**
 * The statements that keep the applications waiting for an agency's approvers in step with a
 * new list of approvers (executive, deputies, fallback), for the batch of the agency's update
 * (`applied` holds when that update's compare-and-swap matched). For each application in
 * `awaiting_executive`:
 * - an approver taken over from the agency (not one an administrator confirmed) becomes the new
 *   executive;
 * - the links of addresses no longer on the list die at once (their pages answer 409);
 * - every approver on the list without a live link gets a fresh one, with the e-mail;
 * - when nobody but the applicant is left, the application goes to administrators
 *   (APPROVERS_GONE), its links closed.
 * Reminders read the application's approvers when they are sent, so they follow the new list.
 */
export async function approverChangeStatements(
  deps: Deps,
  input: { agency: Agency; applied: SQL; actor: string; meta: RequestMeta | null },
) {
  const { agency, applied } = input;
  const now = deps.clock.now();
  const waiting = await deps.db
    .select({ application: applications, applicant: users })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.agencyId, agency.id), eq(applications.status, "awaiting_executive")));
  const statements: Statement[] = [];
  const outboxIds: string[] = [];
  const changed: string[] = [];
  for (const { application, applicant } of waiting) {
    const ctx: ApplicationContext = {
      application,
      agency,
      applicant,
      applicantEmails: await verifiedEmailsOf(deps.db, applicant.id),
    };
    const patch: Partial<Application> = application.approverNominated
      ? {}
      : {
          approverName: agency.executiveName,
          approverPosition: agency.executivePosition,
          approverEmail: agency.executiveEmail,
        };
    const next: ApplicationContext = { ...ctx, application: { ...application, ...patch } };
    const approvers = approversOf(next, { fallback: await fallbackAsked(deps, application) });
    if (approvers.length === 0) {
      const gone = await applicationTransitionStatements(deps, ctx, "APPROVERS_GONE", {
        actor: input.actor,
        meta: input.meta,
        reason: "approvers_changed",
        patch,
        outerGuard: applied,
      });
      statements.push(...gone.statements);
      outboxIds.push(...gone.outboxIds);
      changed.push(application.id);
      continue;
    }
    const live = await liveLinkEmails(deps, application.id);
    const keep = approvers.map((a) => a.email);
    const revoked = live.filter((email) => !keep.includes(email));
    const fresh = approvers.filter((a) => !live.includes(a.email));
    const approverChanged = next.application.approverEmail !== application.approverEmail;
    if (revoked.length === 0 && fresh.length === 0 && !approverChanged) continue;
    changed.push(application.id);
    // Everything below holds only while the agency's update won and the application still waits.
    const still = sql`(${applied} AND EXISTS (SELECT 1 FROM applications WHERE id = ${application.id} AND status = 'awaiting_executive' AND version = ${application.version}))`;
    if (approverChanged)
      statements.push(
        deps.db
          .update(applications)
          .set({ ...patch, updatedAt: now })
          .where(and(eq(applications.id, application.id), still)),
      );
    statements.push(
      deps.db
        .update(oneTimeTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(oneTimeTokens.applicationId, application.id),
            eq(oneTimeTokens.purpose, "approval"),
            isNull(oneTimeTokens.usedAt),
            isNull(oneTimeTokens.revokedAt),
            notInArray(oneTimeTokens.email, keep),
            still,
          ),
        ),
    );
    const links = await approvalRequestStatements(deps, next, fresh, still, {
      reminder: false,
      expiresAt: application.deadlineAt!,
    });
    statements.push(...links.statements);
    outboxIds.push(...links.outboxIds);
    statements.push(
      auditStatement(deps.db, {
        actor: input.actor,
        action: "application.approvers_changed",
        subject: `application:${application.id}`,
        detail: {
          linksRevoked: revoked,
          linksSent: fresh.map((a) => a.email),
          approver: next.application.approverEmail,
        },
        at: now,
        meta: input.meta,
        guard: still,
      }),
    );
  }
  return { statements, outboxIds, applications: changed };
}

/** Whether this round already asked the fallback approver (then a new fallback is asked too). */
async function fallbackAsked(deps: Deps, application: Application): Promise<boolean> {
  const [notice] = await deps.db
    .select({ id: approvalNotices.id })
    .from(approvalNotices)
    .where(
      and(
        eq(approvalNotices.applicationId, application.id),
        eq(approvalNotices.round, application.approvalRound),
        eq(approvalNotices.kind, "fallback"),
      ),
    )
    .limit(1);
  return notice !== undefined;
}

/** The addresses holding a live approval link of an application. */
async function liveLinkEmails(deps: Deps, applicationId: string): Promise<string[]> {
  const rows = await deps.db
    .selectDistinct({ email: oneTimeTokens.email })
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.applicationId, applicationId),
        eq(oneTimeTokens.purpose, "approval"),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.revokedAt),
        gt(oneTimeTokens.expiresAt, deps.clock.now()),
      ),
    );
  return rows.map((r) => r.email);
}
