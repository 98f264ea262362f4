import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { displayName } from "../text/bilingual";
import { applications, memberships, oneTimeTokens, type Application } from "../db/schema";
import { insertWhere, runBatch, transitionApplied, type Statement } from "../db/guarded";
import { AppError } from "../errors";
import { DAY } from "../lib/clock";
import { newId } from "../lib/ids";
import { applicationOutcomeEmail } from "../../emails/application-outcome";
import { auditStatement } from "../db/statements/audit";
import type { Deps, RequestMeta } from "../deps";
import { queueEmail } from "../db/statements/outbox";
import { rightsChangedStatement } from "../db/statements/rights";
import type { ApplicationContext } from "./application-context";
import { approvalRequestStatements, approversOf } from "./approval-links";
import { membershipPortalStatements } from "./membership-portal";
import { handoverStatements } from "./handover";
import {
  applicationTransition,
  publicStatus,
  type ApplicationEvent,
  type ApplicationStatus,
} from "./application-machine";

export type { ApplicationContext } from "./application-context";

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
  /** Makes the CAS depend on another change of the same batch (e.g. an agency's update). */
  outerGuard?: SQL;
  /**
   * The reason came from a request without a session (the approval link): it is kept and shown
   * on the applicant's page, never put into an e-mail (CONTRACT).
   */
  reasonFromLink?: boolean;
}

export interface Committed {
  application: Application;
  outboxIds: string[];
  membershipId: string | null;
}

/** The agency row is still the one the context was read with. */
export function agencyUnchanged(ctx: ApplicationContext): SQL {
  return sql`EXISTS (SELECT 1 FROM agencies WHERE id = ${ctx.agency.id} AND updated_at = ${ctx.agency.updatedAt})`;
}

/**
 * The statements of one application transition: compare-and-swap on status and version (and
 * `outerGuard`), then the effects of the transition table (links, membership, e-mails) and the
 * audit event, all guarded so that a lost race writes nothing. The CAS is the first statement.
 * Throws 409 `invalid_transition` when the event is not allowed in the current status, or when
 * it would send an approval request that nobody but the applicant could answer.
 */
export async function applicationTransitionStatements(
  deps: Deps,
  ctx: ApplicationContext,
  event: ApplicationEvent,
  options: CommitOptions,
) {
  const { db } = deps;
  const app = ctx.application;
  const from = app.status as ApplicationStatus;
  const transition = applicationTransition(from, event);
  if (!transition) {
    throw new AppError("invalid_transition", {
      th: `ทำไม่ได้ในสถานะปัจจุบันของคำขอ`,
      en: `Not possible while the application is ${publicStatus(from)}.`,
    });
  }
  const now = deps.clock.now();
  const transitionId = newId("tx");
  const guard = transitionApplied("applications", app.id, transitionId);
  const patch = { ...options.patch };
  const statements: Statement[] = [];
  const outboxIds: string[] = [];
  let membershipId: string | null = null;

  // Links go to the agency's approvers as read: a change of them in between makes the CAS miss.
  const sendsLinks = transition.effects.some((e) => e.kind === "send_approval_request");
  if (sendsLinks) {
    const sent = { ...ctx, application: { ...app, ...patch } as Application };
    if (approversOf(sent, { fallback: false }).length === 0)
      throw new AppError("invalid_transition", { th: "ยังไม่มีผู้อนุมัติ", en: "No approver on file." });
    patch.deadlineAt = now + ctx.agency.approvalTtlDays * DAY;
    patch.sentAt = now;
    patch.approvalRound = app.approvalRound + 1;
  }

  statements.push(
    db
      .update(applications)
      .set({ ...patch, status: transition.to, version: sql`${applications.version} + 1`, transitionId, updatedAt: now })
      .where(
        and(
          eq(applications.id, app.id),
          eq(applications.status, from),
          eq(applications.version, app.version),
          options.casCondition,
          options.outerGuard,
          sendsLinks ? agencyUnchanged(ctx) : undefined,
        ),
      )
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
            .where(
              and(
                eq(oneTimeTokens.applicationId, app.id),
                isNull(oneTimeTokens.usedAt),
                isNull(oneTimeTokens.revokedAt),
                guard,
              ),
            ),
        );
        break;
      case "send_approval_request": {
        const sent = { ...ctx, application: { ...app, ...patch } as Application };
        const links = await approvalRequestStatements(deps, sent, approversOf(sent, { fallback: false }), guard, {
          reminder: false,
          expiresAt: patch.deadlineAt!,
        });
        statements.push(...links.statements);
        outboxIds.push(...links.outboxIds);
        break;
      }
      case "grant_membership": {
        membershipId = newId("mem");
        statements.push(
          insertWhere(
            db,
            memberships,
            {
              id: membershipId,
              userId: app.userId,
              agencyId: app.agencyId,
              applicationId: app.id,
              role: app.role,
              status: "active",
              createdAt: now,
              updatedAt: now,
            },
            guard,
          ),
          rightsChangedStatement(db, app.userId, guard),
          auditStatement(db, {
            actor: "system",
            action: "membership.granted",
            subject: `membership:${membershipId}`,
            detail: { applicationId: app.id, agencyId: app.agencyId, userId: app.userId, role: app.role },
            at: now,
            meta: options.meta,
            guard,
          }),
        );
        statements.push(
          ...membershipPortalStatements(deps, {
            change: "membership.activated",
            status: "active",
            membershipId,
            person: { id: app.userId, name: ctx.applicant.name },
            officialEmail: app.applicantEmail,
            agency: {
              id: ctx.agency.id,
              nameTh: ctx.agency.nameTh,
              nameEn: ctx.agency.nameEn,
              ckanOrganization: ctx.agency.ckanOrganization,
            },
            reason: null,
            now,
            guard,
          }),
        );
        const handover = await handoverStatements(deps, ctx, guard, options.meta);
        statements.push(...handover.statements);
        outboxIds.push(...handover.outboxIds);
        break;
      }
      case "notify_applicant": {
        const decidedBy = patch.decidedBy ?? patch.executiveDecidedBy ?? null;
        const message = queueEmail(db, {
          template: `application_${effect.outcome}`,
          to: [app.applicantEmail],
          email: applicationOutcomeEmail({
            applicantName: displayName({ name: ctx.applicant.name, email: app.applicantEmail }),
            agencyNameTh: ctx.agency.nameTh,
            agencyNameEn: ctx.agency.nameEn,
            outcome: effect.outcome,
            reason: options.reasonFromLink ? null : (options.reason ?? null),
            reasonOnPageOnly: Boolean(options.reasonFromLink && options.reason),
            decidedBy,
            decidedAt: decidedBy ? now : null,
            appUrl: deps.config.appOrigin,
            lang: ctx.applicant.locale,
          }),
          now,
          guard,
        });
        statements.push(message.statement);
        outboxIds.push(message.id);
        break;
      }
    }
  }

  statements.push(
    auditStatement(db, {
      actor: options.actor,
      action: `application.${event.toLowerCase() as Lowercase<ApplicationEvent>}`,
      subject: `application:${app.id}`,
      detail: {
        from: publicStatus(from),
        to: publicStatus(transition.to),
        reason: options.reason ?? null,
        ...(membershipId ? { membershipId } : {}),
      },
      at: now,
      meta: options.meta,
      guard,
    }),
  );

  return { statements, outboxIds, membershipId };
}

/**
 * Applies one application transition as one atomic batch (see applicationTransitionStatements).
 * Throws 409 when the event is not allowed in the current status or a concurrent request won.
 */
export async function commitApplicationTransition(
  deps: Deps,
  ctx: ApplicationContext,
  event: ApplicationEvent,
  options: CommitOptions,
): Promise<Committed> {
  const { db } = deps;
  const app = ctx.application;
  const { statements, outboxIds, membershipId } = await applicationTransitionStatements(deps, ctx, event, options);
  const [cas] = await runBatch(db, statements);
  if ((cas as unknown[]).length === 0) {
    throw new AppError("conflict", {
      th: "คำขอถูกเปลี่ยนแปลงระหว่างนี้ กรุณาโหลดใหม่",
      en: "The application changed meanwhile; reload and try again.",
    });
  }
  const [updated] = await db.select().from(applications).where(eq(applications.id, app.id)).limit(1);
  return { application: updated!, outboxIds, membershipId };
}
