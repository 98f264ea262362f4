import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { applications, handovers, memberships, oneTimeTokens, type Agency, type Application, type User } from "../db/schema";
import { insertWhere, runBatch, transitionApplied, type Statement } from "../db/guarded";
import { AppError } from "../errors";
import { DAY } from "../lib/clock";
import { newId } from "../lib/ids";
import { applicationOutcomeEmail } from "../../emails/application-outcome";
import { auditStatement } from "../services/audit";
import type { Deps, RequestMeta } from "../services/deps";
import { queueEmail } from "../services/outbox";
import { rightsChangedStatement } from "../services/rights";
import { pendingHandoverFor } from "../services/handovers";
import { grantsPublish, type MembershipStatus } from "./membership-machine";
import { loadMembership, membershipTransitionStatements } from "./membership-commit";
import { approvalRequestStatements, approversOf } from "./approval-links";
import { applicationTransition, publicStatus, type ApplicationEvent, type ApplicationStatus } from "./application-machine";

export interface ApplicationContext {
  application: Application;
  agency: Agency;
  applicant: User;
}

export interface CommitOptions {
  /** Who causes the transition: an e-mail address, `system`, or `admin:<email>`. */
  actor: string;
  meta: RequestMeta | null;
  reason?: string | null;
  /** Extra column values for the application row. */
  patch?: Partial<typeof applications.$inferInsert>;
  /** An extra condition for the compare-and-swap (e.g. "this approval link is unused"). */
  casCondition?: SQL;
  /** Statements that run after the CAS, with the transition's guard. */
  extra?: (guard: SQL, transitionId: string) => Statement[];
}

export interface Committed {
  application: Application;
  outboxIds: string[];
  membershipId: string | null;
}

/**
 * A successor's approval completes the pending handover in the same batch: the predecessor's
 * membership becomes `superseded` and its publish keys stop, so the two never both publish.
 */
async function handoverStatements(deps: Deps, app: Application, guard: SQL, meta: RequestMeta | null) {
  const handover = await pendingHandoverFor(deps.db, app.agencyId, app.applicantEmail);
  if (!handover) return { statements: [] as Statement[], outboxIds: [] as string[] };
  const now = deps.clock.now();
  const predecessor = await loadMembership(deps, handover.membershipId);
  const superseded = grantsPublish(predecessor.membership.status as MembershipStatus)
    ? await membershipTransitionStatements(deps, predecessor, "SUPERSEDED", { actor: "system", meta, reason: `handed over to ${app.applicantEmail}`, outerGuard: guard })
    : { statements: [], outboxIds: [] };
  return {
    statements: [
      ...superseded.statements,
      deps.db.update(handovers).set({ status: "completed", completedAt: now, successorApplicationId: app.id }).where(and(eq(handovers.id, handover.id), eq(handovers.status, "pending"), guard)),
      auditStatement(deps.db, { actor: "system", action: "handover.completed", subject: `membership:${handover.membershipId}`, detail: { handoverId: handover.id, successorApplicationId: app.id, successorEmail: app.applicantEmail } }, now, meta, guard),
    ],
    outboxIds: superseded.outboxIds,
  };
}

/**
 * Applies one application transition as one atomic batch: compare-and-swap on status and
 * version, then the effects of the transition table (links, membership, e-mails) and the
 * audit event, all guarded so that a lost race writes nothing. Throws 409 when the event is
 * not allowed in the current status or a concurrent request won.
 */
export async function commitApplicationTransition(deps: Deps, ctx: ApplicationContext, event: ApplicationEvent, options: CommitOptions): Promise<Committed> {
  const { db } = deps;
  const app = ctx.application;
  const from = app.status as ApplicationStatus;
  const transition = applicationTransition(from, event);
  if (!transition) {
    throw new AppError("invalid_transition", `ทำไม่ได้ในสถานะปัจจุบันของคำขอ / Not possible while the application is ${publicStatus(from)}.`);
  }
  const now = deps.clock.now();
  const transitionId = newId("tx");
  const guard = transitionApplied("applications", app.id, transitionId);
  const patch = { ...options.patch };
  const statements: Statement[] = [];
  const outboxIds: string[] = [];
  let membershipId: string | null = null;

  const approverEmail = patch.approverEmail ?? app.approverEmail;
  if (transition.effects.some((e) => e.kind === "send_approval_request")) {
    if (!approverEmail) throw new AppError("invalid_transition", "ยังไม่มีผู้อนุมัติ / No approver on file.");
    patch.deadlineAt = now + ctx.agency.approvalTtlDays * DAY;
    patch.sentAt = now;
    patch.approvalRound = app.approvalRound + 1;
  }

  statements.push(
    db
      .update(applications)
      .set({ ...patch, status: transition.to, version: sql`${applications.version} + 1`, transitionId, updatedAt: now })
      .where(and(eq(applications.id, app.id), eq(applications.status, from), eq(applications.version, app.version), options.casCondition))
      .returning({ id: applications.id }),
  );
  statements.push(...(options.extra?.(guard, transitionId) ?? []));

  for (const effect of transition.effects) {
    switch (effect.kind) {
      case "close_approval_links":
        statements.push(
          db
            .update(oneTimeTokens)
            .set({ revokedAt: now })
            .where(and(eq(oneTimeTokens.applicationId, app.id), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt), guard)),
        );
        break;
      case "send_approval_request": {
        const sent = { ...ctx, application: { ...app, ...patch } as Application };
        const links = await approvalRequestStatements(deps, sent, approversOf(sent, { fallback: false }), guard, { reminder: false, expiresAt: patch.deadlineAt! });
        statements.push(...links.statements);
        outboxIds.push(...links.outboxIds);
        break;
      }
      case "grant_membership": {
        membershipId = newId("mem");
        statements.push(
          insertWhere(db, memberships, { id: membershipId, userId: app.userId, agencyId: app.agencyId, applicationId: app.id, role: app.role, status: "active", createdAt: now, updatedAt: now }, guard),
          rightsChangedStatement(db, app.userId, guard),
          auditStatement(db, { actor: "system", action: "membership.granted", subject: `membership:${membershipId}`, detail: { applicationId: app.id, agencyId: app.agencyId, userId: app.userId, role: app.role } }, now, options.meta, guard),
        );
        const handover = await handoverStatements(deps, app, guard, options.meta);
        statements.push(...handover.statements);
        outboxIds.push(...handover.outboxIds);
        break;
      }
      case "notify_applicant": {
        const decidedBy = patch.decidedBy ?? patch.executiveDecidedBy ?? null;
        const message = queueEmail(
          db,
          `application_${effect.outcome}`,
          [app.applicantEmail],
          applicationOutcomeEmail({
            applicantName: ctx.applicant.name || app.applicantEmail,
            agencyNameTh: ctx.agency.nameTh,
            agencyNameEn: ctx.agency.nameEn,
            outcome: effect.outcome,
            reason: options.reason ?? null,
            decidedBy,
            decidedAt: decidedBy ? now : null,
            appUrl: deps.config.appOrigin,
          }),
          now,
          guard,
        );
        statements.push(message.statement);
        outboxIds.push(message.id);
        break;
      }
    }
  }

  statements.push(
    auditStatement(
      db,
      {
        actor: options.actor,
        action: `application.${event.toLowerCase()}`,
        subject: `application:${app.id}`,
        detail: { from: publicStatus(from), to: publicStatus(transition.to), reason: options.reason ?? null, ...(membershipId ? { membershipId } : {}) },
      },
      now,
      options.meta,
      guard,
    ),
  );

  const [cas] = await runBatch(db, statements);
  if ((cas as unknown[]).length === 0) {
    throw new AppError("conflict", "คำขอถูกเปลี่ยนแปลงระหว่างนี้ กรุณาโหลดใหม่ / The application changed meanwhile; reload and try again.");
  }
  const [updated] = await db.select().from(applications).where(eq(applications.id, app.id)).limit(1);
  return { application: updated!, outboxIds, membershipId };
}

