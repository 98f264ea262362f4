import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { handovers, type Handover } from "../db/schema";
import type { Statement } from "../db/guarded";
import { auditStatement } from "../db/statements/audit";
import type { Deps, RequestMeta } from "../deps";
import type { Db } from "../env";
import type { ApplicationContext } from "./application-context";
import { grantsPublish, type MembershipStatus } from "./membership-machine";
import { loadMembership, membershipTransitionStatements } from "./membership-commit";

// A handover completes inside the batch of the successor's approval (see application-commit.ts).

/**
 * The pending handover of this agency that names one of the applicant's verified addresses:
 * the successor is an account, whichever of its addresses the steward typed.
 */
export async function pendingHandoverFor(
  db: Db,
  agencyId: string,
  successorEmails: string[],
): Promise<Handover | null> {
  if (successorEmails.length === 0) return null;
  const [row] = await db
    .select()
    .from(handovers)
    .where(
      and(
        eq(handovers.agencyId, agencyId),
        inArray(handovers.successorEmail, successorEmails.slice(0, 90)),
        eq(handovers.status, "pending"),
      ),
    )
    .orderBy(handovers.createdAt)
    .limit(1);
  return row ?? null;
}

/**
 * A successor's approval completes the pending handover in the same batch: the predecessor's
 * membership becomes `superseded` and its publish keys stop, so the two never both publish.
 */
export async function handoverStatements(deps: Deps, ctx: ApplicationContext, guard: SQL, meta: RequestMeta | null) {
  const app = ctx.application;
  const handover = await pendingHandoverFor(deps.db, app.agencyId, [
    ...new Set([app.applicantEmail, ...ctx.applicantEmails]),
  ]);
  if (!handover) return { statements: [] as Statement[], outboxIds: [] as string[] };
  const now = deps.clock.now();
  const predecessor = await loadMembership(deps, handover.membershipId);
  const superseded = grantsPublish(predecessor.membership.status as MembershipStatus)
    ? await membershipTransitionStatements(deps, predecessor, "SUPERSEDED", {
        actor: "system",
        meta,
        reason: `handed over to ${app.applicantEmail}`,
        outerGuard: guard,
      })
    : { statements: [], outboxIds: [] };
  return {
    statements: [
      ...superseded.statements,
      deps.db
        .update(handovers)
        .set({ status: "completed", completedAt: now, successorApplicationId: app.id })
        .where(and(eq(handovers.id, handover.id), eq(handovers.status, "pending"), guard)),
      auditStatement(deps.db, {
        actor: "system",
        action: "handover.completed",
        subject: `membership:${handover.membershipId}`,
        detail: { handoverId: handover.id, successorApplicationId: app.id, successorEmail: app.applicantEmail },
        at: now,
        meta,
        // Only when this batch completed it (a revocation meanwhile cancels the handover instead).
        guard: and(
          guard,
          sql`EXISTS (SELECT 1 FROM handovers WHERE id = ${handover.id} AND status = 'completed' AND successor_application_id = ${app.id})`,
        ),
      }),
    ],
    outboxIds: superseded.outboxIds,
  };
}
