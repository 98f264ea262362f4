import { and, eq, isNull, like, sql, type SQL } from "drizzle-orm";
import { displayName } from "../text/bilingual";
import { agencies, apiKeys, applications, handovers, memberships, users } from "../db/schema";
import { runBatch, transitionApplied, type Statement } from "../db/guarded";
import { AppError } from "../errors";
import { newId } from "../lib/ids";
import { membershipChangedEmail } from "../../emails/membership-changed";
import { auditStatement } from "../db/statements/audit";
import type { Deps, RequestMeta } from "../deps";
import { queueEmail } from "../db/statements/outbox";
import { rightsChangedStatement } from "../db/statements/rights";
import { membershipTransition, type MembershipEvent, type MembershipStatus } from "./membership-machine";
import { membershipPortalStatements } from "./membership-portal";
import { keyEvent, type KeyFacts } from "../db/statements/key-events";

/** The live publish keys of a membership (what its end revokes). */
async function publishKeysOf(deps: Deps, membershipId: string): Promise<KeyFacts[]> {
  return deps.db
    .select({
      id: apiKeys.id,
      prefix: apiKeys.prefix,
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      userId: apiKeys.userId,
      membershipId: apiKeys.membershipId,
      agencyId: apiKeys.agencyId,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.membershipId, membershipId), isNull(apiKeys.revokedAt), like(apiKeys.scopes, '%"publish"%')))
    .limit(90);
}

export interface MembershipCommitOptions {
  actor: string;
  meta: RequestMeta | null;
  reason: string | null;
  extra?: (guard: ReturnType<typeof transitionApplied>) => Statement[];
}

export async function loadMembership(deps: Deps, id: string) {
  const [row] = await deps.db
    .select({
      membership: memberships,
      user: users,
      agency: agencies,
      applicantEmail: applications.applicantEmail,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .leftJoin(applications, eq(applications.id, memberships.applicationId))
    .where(eq(memberships.id, id))
    .limit(1);
  if (!row) throw new AppError("not_found", { th: "ไม่พบบทบาทนี้", en: "No such membership." });
  return row;
}

type LoadedMembership = Awaited<ReturnType<typeof loadMembership>>;

/**
 * The statements of one membership transition: CAS, then (guarded) rights renewed, publish keys
 * revoked, the steward told, the audit event. `outerGuard` makes the CAS itself depend on
 * another transition of the same batch (a handover completed by an application's approval).
 */
export async function membershipTransitionStatements(
  deps: Deps,
  loaded: LoadedMembership,
  event: MembershipEvent,
  options: MembershipCommitOptions & { outerGuard?: SQL },
) {
  const { db } = deps;
  const { membership, user, agency, applicantEmail } = loaded;
  const id = membership.id;
  const from = membership.status as MembershipStatus;
  const transition = membershipTransition(from, event);
  if (!transition)
    throw new AppError("invalid_transition", {
      th: `ทำไม่ได้ในสถานะปัจจุบัน`,
      en: `Not possible while the membership is ${from}.`,
    });
  const now = deps.clock.now();
  const transitionId = newId("tx");
  const guard = transitionApplied("memberships", id, transitionId);
  const statements: Statement[] = [
    db
      .update(memberships)
      .set({
        status: transition.to,
        version: sql`${memberships.version} + 1`,
        transitionId,
        statusChangedAt: now,
        statusReason: options.reason,
        updatedAt: now,
      })
      .where(
        and(
          eq(memberships.id, id),
          eq(memberships.status, from),
          eq(memberships.version, membership.version),
          options.outerGuard,
        ),
      )
      .returning({ id: memberships.id }),
    rightsChangedStatement(db, membership.userId, guard),
    // A role that stops (other than by its own handover) takes its pending handover with it.
    ...(event !== "SUPERSEDED" && transition.to !== "active"
      ? [
          db
            .update(handovers)
            .set({ status: "cancelled", completedAt: now })
            .where(and(eq(handovers.membershipId, id), eq(handovers.status, "pending"), guard)),
        ]
      : []),
    ...(options.extra?.(guard) ?? []),
    ...membershipPortalStatements(deps, {
      change: `membership.${event.toLowerCase() as Lowercase<MembershipEvent>}`,
      status: transition.to,
      membershipId: id,
      person: { id: user.id, name: user.name },
      officialEmail: applicantEmail ?? user.email ?? "",
      agency: {
        id: agency.id,
        nameTh: agency.nameTh,
        nameEn: agency.nameEn,
        ckanOrganization: agency.ckanOrganization,
      },
      reason: options.reason,
      now,
      guard,
    }),
  ];
  const outboxIds: string[] = [];
  for (const effect of transition.effects) {
    if (effect.kind === "revoke_publish_keys") {
      const keys = await publishKeysOf(deps, id);
      statements.push(
        // Other portals hear of each key the role's end stops: queued first, under the update's own
        // condition (a key its owner revoked meanwhile, even in the same millisecond, is not heard of twice).
        ...keys.map(
          (key) =>
            keyEvent(db, {
              type: "key.revoked",
              key,
              now,
              extra: { reason: "membership_ended", effectiveAt: new Date(now).toISOString() },
              guard: sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${key.id} AND revoked_at IS NULL) AND ${guard}`,
            }).statement,
        ),
        db
          .update(apiKeys)
          .set({ revokedAt: now })
          .where(
            and(eq(apiKeys.membershipId, id), isNull(apiKeys.revokedAt), like(apiKeys.scopes, '%"publish"%'), guard),
          ),
      );
    } else if (user.email) {
      const message = queueEmail(db, {
        template: `membership_${effect.outcome}`,
        to: [user.email],
        email: membershipChangedEmail({
          stewardName: displayName(user),
          agencyNameTh: agency.nameTh,
          agencyNameEn: agency.nameEn,
          outcome: effect.outcome,
          reason: options.reason,
          at: now,
          appUrl: deps.config.appOrigin,
          lang: user.locale,
        }),
        now,
        guard,
      });
      statements.push(message.statement);
      outboxIds.push(message.id);
    }
  }
  statements.push(
    auditStatement(db, {
      actor: options.actor,
      action: `membership.${event.toLowerCase() as Lowercase<MembershipEvent>}`,
      subject: `membership:${id}`,
      detail: { from, to: transition.to, reason: options.reason, userId: user.id, agencyId: agency.id },
      at: now,
      meta: options.meta,
      guard,
    }),
  );
  return { statements, outboxIds };
}

/**
 * One membership transition, one batch. Keys stop verifying in the same commit as the status
 * change. Returns the membership as it is afterwards. Throws 404, 409 `invalid_transition` / `conflict`.
 */
export async function commitMembershipTransition(
  deps: Deps,
  id: string,
  event: MembershipEvent,
  options: MembershipCommitOptions,
) {
  const { statements, outboxIds } = await membershipTransitionStatements(
    deps,
    await loadMembership(deps, id),
    event,
    options,
  );
  const [cas] = await runBatch(deps.db, statements);
  if ((cas as unknown[]).length === 0)
    throw new AppError("conflict", { th: "บทบาทถูกเปลี่ยนแปลงระหว่างนี้", en: "The membership changed meanwhile." });
  const [updated] = await deps.db.select().from(memberships).where(eq(memberships.id, id)).limit(1);
  return { membership: updated!, outboxIds };
}
