import { and, eq, inArray, sql } from "drizzle-orm";
import { displayName } from "../../text/bilingual";
import { emailIdentities, handovers, memberships, users, type Handover, type User } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import { mailboxOf } from "../../lib/fields";
import { newId } from "../../lib/ids";
import { handoverInvitationEmail } from "../../../emails/handover-invitation";
import { grantsPublish, type MembershipStatus } from "../../workflow/membership-machine";
import { verifiedEmailsOf } from "../../workflow/application-context";
import { loadMembership } from "../../workflow/membership-commit";
import { agencyDomainList } from "../agencies/agency";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { emailDomain, isGovernmentEmail, normalizeEmail } from "../agencies/mail-domains";
import { queueEmail } from "../../db/statements/outbox";

/**
 * The steward (or an administrator) names a successor, who is invited to apply. When the
 * successor's application to the agency is approved, the handover completes in that same batch
 * (see completeHandoverStatements). One pending handover per membership: a unique index makes
 * concurrent requests produce one winner.
 */
export async function requestHandover(
  deps: Deps,
  actor: User,
  membershipId: string,
  rawEmail: string,
  meta: RequestMeta,
) {
  const loaded = await loadMembership(deps, membershipId);
  const { membership, user: holder, agency } = loaded;
  if (membership.userId !== actor.id && !actor.isAdmin)
    throw new AppError("not_found", { th: "ไม่พบบทบาทนี้", en: "No such membership." });
  if (!grantsPublish(membership.status as MembershipStatus)) {
    throw new AppError("invalid_transition", {
      th: "ส่งมอบได้เฉพาะบทบาทที่ใช้งานอยู่",
      en: "Only an active steward role can be handed over.",
    });
  }
  const successorEmail = normalizeEmail(rawEmail);
  if (!(await isGovernmentEmail(deps.db, deps.config, successorEmail))) {
    throw new AppError("email_domain_not_allowed", {
      th: "ผู้รับช่วงต้องใช้อีเมลหน่วยงานรัฐ",
      en: "The successor needs a government e-mail.",
    });
  }
  const domains = await agencyDomainList(deps.db, agency.id);
  const domain = emailDomain(successorEmail);
  if (!domains.includes(domain) && !deps.config.sharedMailDomains.includes(domain)) {
    throw new AppError("email_domain_mismatch", {
      th: "อีเมลผู้รับช่วงต้องเป็นของหน่วยงานนี้",
      en: "The successor's address must be of this agency (or mail.go.th).",
    });
  }
  // Compared by mailbox: `someone+tag@` is someone.
  const successorMailbox = mailboxOf(successorEmail);
  const holderEmails = [...(await verifiedEmailsOf(deps.db, holder.id)), ...(holder.email ? [holder.email] : [])];
  if (holderEmails.some((e) => mailboxOf(e) === successorMailbox)) {
    throw new AppError(
      "invalid_request",
      { th: "กรุณาระบุผู้อื่น", en: "Name someone else as successor." },
      {
        errors: [{ path: "successorEmail", message: "the current steward" }],
      },
    );
  }
  const stewardEmails = await deps.db
    .select({ email: emailIdentities.email })
    .from(memberships)
    .innerJoin(emailIdentities, eq(emailIdentities.userId, memberships.userId))
    .where(and(eq(memberships.agencyId, agency.id), inArray(memberships.status, ["active", "suspended"])));
  if (stewardEmails.some((s) => mailboxOf(s.email) === successorMailbox)) {
    throw new AppError("conflict", {
      th: "ผู้รับช่วงเป็นผู้ดูแลข้อมูลของหน่วยงานนี้อยู่แล้ว",
      en: "The successor is already a steward of this agency.",
    });
  }
  // The successor's language, if the address is already a verified address of an account.
  const [successor] = await deps.db
    .select({ locale: users.locale })
    .from(emailIdentities)
    .innerJoin(users, eq(users.id, emailIdentities.userId))
    .where(eq(emailIdentities.email, successorEmail))
    .limit(1);
  const now = deps.clock.now();
  const handover: Handover = {
    id: newId("hnd"),
    membershipId,
    agencyId: agency.id,
    successorEmail,
    status: "pending",
    requestedBy: actor.email ?? actor.id,
    successorApplicationId: null,
    createdAt: now,
    completedAt: null,
  };
  // Written only while the role is as read (a revocation meanwhile would find no handover to
  // cancel, and the invitation would name a role that has ended); the rest only with it.
  const roleUnchanged = sql`EXISTS (SELECT 1 FROM memberships WHERE id = ${membershipId} AND status = ${membership.status} AND version = ${membership.version})`;
  const requested = sql`EXISTS (SELECT 1 FROM handovers WHERE id = ${handover.id})`;
  const invitation = queueEmail(deps.db, {
    template: "handover_invitation",
    to: [successorEmail],
    email: handoverInvitationEmail({
      predecessorName: displayName(holder),
      agencyNameTh: agency.nameTh,
      agencyNameEn: agency.nameEn,
      appUrl: deps.config.appOrigin,
      lang: successor?.locale,
    }),
    now,
    guard: requested,
  });
  try {
    await runBatch(deps.db, [
      insertWhere(deps.db, handovers, handover, roleUnchanged),
      invitation.statement,
      auditStatement(deps.db, {
        actor: actor.isAdmin && actor.id !== holder.id ? `admin:${actor.email}` : (actor.email ?? actor.id),
        action: "handover.requested",
        subject: `membership:${membershipId}`,
        detail: { handoverId: handover.id, successorEmail },
        at: now,
        meta,
        guard: requested,
      }),
    ]);
  } catch (error) {
    if (String(error).includes("UNIQUE"))
      throw new AppError("conflict", {
        th: "มีการส่งมอบที่รอดำเนินการอยู่แล้ว",
        en: "A handover of this role is already pending.",
      });
    throw error;
  }
  const [written] = await deps.db.select({ id: handovers.id }).from(handovers).where(eq(handovers.id, handover.id));
  if (!written)
    throw new AppError("conflict", {
      th: "บทบาทนี้เปลี่ยนไประหว่างนั้น กรุณาโหลดใหม่",
      en: "The role changed meanwhile; reload and try again.",
    });
  return { handover, outboxIds: [invitation.id] };
}
