import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { applications, emailIdentities, memberships, type Application, type User } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { DAY } from "../../lib/clock";
import { mailboxOf } from "../../lib/fields";
import { newId } from "../../lib/ids";
import { isOpenApplication, publicStatus, type ApplicationStatus } from "../../workflow/application-machine";
import { verifiedEmailsOf, type ApplicationContext } from "../../workflow/application-context";
import { approvalRequestStatements, approversOf } from "../../workflow/approval-links";
import { agencyDomainList, getAgency } from "../agencies/agency";
import { auditStatement } from "../../db/statements/audit";
import { queueEmailWith } from "../../db/statements/outbox";
import { displayName } from "../../text/bilingual";
import { applicationReceivedEmail } from "../../../emails/application-received";
import { randomBase62 } from "../../lib/crypto";
import type { Deps, RequestMeta } from "../../deps";
import { emailDomain, isGovernmentEmail, normalizeEmail } from "../agencies/mail-domains";
import { hasAcceptedCurrentTerms } from "../terms/acceptance";
import type { ApplicationRecord } from "./applications";

export interface ApplicationInput {
  agencyId: string;
  role: "steward";
  position: string;
  phone: string;
  reason: string;
  approver?: { name: string; position: string; email: string };
}

/** The user's verified address that may speak for the agency: its own domain first, then shared mail. */
async function officialEmailFor(deps: Deps, userId: string, agencyId: string): Promise<string | null> {
  const verified = await deps.db
    .select({ email: emailIdentities.email })
    .from(emailIdentities)
    .where(eq(emailIdentities.userId, userId));
  const domains = await agencyDomainList(deps.db, agencyId);
  const own = verified.find((e) => domains.includes(emailDomain(e.email)));
  if (own) return own.email;
  return verified.find((e) => deps.config.sharedMailDomains.includes(emailDomain(e.email)))?.email ?? null;
}

/**
 * Submits an application; it goes to the agency's approvers as they stand when it is written.
 * An administrator's change of those approvers in between makes the write miss (its guard on
 * the agency's `updated_at`), and the submission is made again on the new list. Throws 409
 * `terms_not_accepted` / `application_exists` / `conflict`, 422 `email_domain_mismatch` /
 * `approver_is_applicant` / `email_domain_not_allowed`, 404.
 */
export async function submitApplication(deps: Deps, user: User, input: ApplicationInput, meta: RequestMeta) {
  for (let round = 0; round < 3; round++) {
    const submitted = await submitOnce(deps, user, input, meta);
    if (submitted) return submitted;
  }
  throw new AppError("conflict", {
    th: "ข้อมูลหน่วยงานเปลี่ยนระหว่างยื่นคำขอ กรุณาลองใหม่",
    en: "The agency changed meanwhile; please try again.",
  });
}

async function submitOnce(deps: Deps, user: User, input: ApplicationInput, meta: RequestMeta) {
  const { db } = deps;
  const now = deps.clock.now();
  const agency = await getAgency(db, input.agencyId);
  if (!(await hasAcceptedCurrentTerms(db, user.id, now))) {
    throw new AppError("terms_not_accepted", {
      th: "กรุณายอมรับข้อตกลงการใช้งานฉบับปัจจุบันก่อน",
      en: "Accept the current terms of use first.",
    });
  }
  const applicantEmail = await officialEmailFor(deps, user.id, agency.id);
  if (!applicantEmail) {
    throw new AppError("email_domain_mismatch", {
      th: "กรุณายืนยันอีเมลของหน่วยงานนี้ก่อน",
      en: "Verify an official e-mail of this agency (or mail.go.th) first.",
    });
  }
  const existing = await db
    .select({ status: applications.status })
    .from(applications)
    .where(and(eq(applications.userId, user.id), eq(applications.agencyId, agency.id)));
  const active = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, user.id),
        eq(memberships.agencyId, agency.id),
        inArray(memberships.status, ["active", "suspended"]),
      ),
    )
    .limit(1);
  if (existing.some((a) => isOpenApplication(a.status as ApplicationStatus)) || active.length > 0) {
    throw new AppError("application_exists", {
      th: "มีคำขอหรือบทบาทในหน่วยงานนี้อยู่แล้ว",
      en: "You already have an open application or role at this agency.",
    });
  }

  const hasExecutive = Boolean(agency.executiveEmail);
  const nominee = input.approver ? { ...input.approver, email: normalizeEmail(input.approver.email) } : null;
  const applicantEmails = await verifiedEmailsOf(db, user.id);
  if (nominee && applicantEmails.some((email) => mailboxOf(email) === mailboxOf(nominee.email))) {
    throw new AppError(
      "approver_is_applicant",
      { th: "ผู้อนุมัติต้องเป็นผู้อื่น ไม่ใช่ผู้ยื่นคำขอ", en: "Name someone else as approver: nobody approves their own application." },
      { errors: [{ path: "approver.email", message: "an address of the applicant" }] },
    );
  }
  if (nominee && hasExecutive) {
    throw new AppError(
      "invalid_request",
      { th: "หน่วยงานนี้มีข้อมูลผู้บริหารแล้ว", en: "This agency's executive is on file: no nomination needed." },
      { errors: [{ path: "approver", message: "the agency has an executive on file" }] },
    );
  }
  if (nominee && !(await isGovernmentEmail(db, deps.config, nominee.email))) {
    throw new AppError("email_domain_not_allowed", {
      th: "ผู้อนุมัติต้องใช้อีเมลหน่วยงานรัฐ",
      en: "The approver needs a government e-mail.",
    });
  }
  const draft: Application = {
    id: newId("app"),
    userId: user.id,
    agencyId: agency.id,
    role: input.role,
    status: "awaiting_approver",
    version: 0,
    transitionId: newId("tx"),
    applicantEmail,
    position: input.position,
    phone: input.phone,
    reason: input.reason,
    reference: null,
    approverName: nominee?.name ?? agency.executiveName,
    approverPosition: nominee?.position ?? agency.executivePosition,
    approverEmail: nominee?.email ?? agency.executiveEmail,
    approverNominated: nominee !== null,
    approvalRound: 0,
    sentAt: null,
    submittedAt: now,
    deadlineAt: null,
    executiveDecidedAt: null,
    executiveDecidedBy: null,
    executiveReason: null,
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    approverBouncedAt: null,
    approverBouncedAddress: null,
    createdAt: now,
    updatedAt: now,
  };
  // It goes to its approvers at once when the agency has some besides the applicant (an
  // executive applying for themselves leaves the deputies); otherwise administrators confirm one.
  const approvers = hasExecutive
    ? approversOf({ application: draft, agency, applicant: user, applicantEmails }, { fallback: false })
    : [];
  const application: Application = approvers.length
    ? {
        ...draft,
        status: "awaiting_executive",
        approvalRound: 1,
        sentAt: now,
        deadlineAt: now + agency.approvalTtlDays * DAY,
      }
    : draft;
  const ctx: ApplicationContext = { application, agency, applicant: user, applicantEmails };
  const guard = sql`EXISTS (SELECT 1 FROM applications WHERE id = ${application.id} AND transition_id = ${application.transitionId})`;
  const links = approvers.length
    ? await approvalRequestStatements(deps, ctx, approvers, guard, {
        reminder: false,
        expiresAt: application.deadlineAt!,
      })
    : null;
  const excluded =
    hasExecutive && approvers.length < approversOf({ ...ctx, applicantEmails: [] }, { fallback: false }).length;
  // The applicant's receipt, with the reference the insert below gives the application; the
  // placeholder is random, so no text a user typed can stand in for it.
  const referencePlaceholder = `ref-${randomBase62(16)}`;
  const receipt = applicantEmail
    ? queueEmailWith(
        db,
        {
          template: "application_received",
          to: [applicantEmail],
          email: applicationReceivedEmail({
            applicantName: displayName(user),
            reference: referencePlaceholder,
            agencyNameTh: agency.nameTh,
            agencyNameEn: agency.nameEn,
            approvers: approvers.map((a) => a.name ?? a.email),
            deadlineAt: application.deadlineAt,
            applicationUrl: `${deps.config.appOrigin}/applications/${application.id}`,
            lang: user.locale,
          }),
          now,
          guard,
        },
        {
          placeholder: referencePlaceholder,
          value: sql`(SELECT reference FROM applications WHERE id = ${application.id})`,
        },
      )
    : null;
  const agencyUnchanged = sql`EXISTS (SELECT 1 FROM agencies WHERE id = ${agency.id} AND updated_at = ${agency.updatedAt})`;
  try {
    await runBatch(db, [
      insertWhere(db, applications, application, agencyUnchanged),
      // Its reference (เลขที่คำขอ): the next number after the highest given, in the batch that
      // writes the row (D1 runs batches one at a time, and a unique index backs it).
      db
        .update(applications)
        .set({
          reference: sql`printf('%06d', coalesce((SELECT max(CAST(a.reference AS INTEGER)) FROM applications a), 0) + 1)`,
        })
        .where(and(eq(applications.id, application.id), isNull(applications.reference))),
      ...(links?.statements ?? []),
      ...(receipt ? [receipt.statement] : []),
      auditStatement(db, {
        actor: user.email ?? user.id,
        action: "application.submitted",
        subject: `application:${application.id}`,
        detail: {
          agencyId: agency.id,
          role: input.role,
          status: publicStatus(application.status as ApplicationStatus),
          nominatedApprover: nominee?.email ?? null,
          ...(excluded ? { applicantIsApprover: true } : {}),
        },
        at: now,
        meta,
        guard,
      }),
    ]);
    // The agency's approvers changed since they were read: nothing was written.
    const reference = await referenceOf(db, application.id);
    if (reference === null) return null;
    application.reference = reference;
  } catch (error) {
    // The partial unique index refuses a concurrent second open application (its columns are
    // user and agency; any other unique index failing is not the applicant's doing).
    if (/UNIQUE constraint failed: applications\.user_id/.test(String(error))) throw new AppError("application_exists");
    throw error;
  }
  return {
    application: { application, applicant: user, membership: null } satisfies ApplicationRecord,
    outboxIds: [...(links?.outboxIds ?? []), ...(receipt ? [receipt.id] : [])],
  };
}

/** An application's reference, or null when there is no such application. */
async function referenceOf(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ reference: applications.reference })
    .from(applications)
    .where(eq(applications.id, id))
    .limit(1);
  return row ? (row.reference ?? "") : null;
}
