import { eq, sql } from "drizzle-orm";
import { agencies, applications, users } from "../../db/schema";
import type { Statement } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import { queueEmail } from "../../db/statements/outbox";
import { approverBouncedEmail } from "../../../emails/approver-bounced";
import { displayName } from "../../text/bilingual";
import type { Deps } from "../../deps";

/** The templates of messages that carry an approval link to an approver. */
export const APPROVAL_TEMPLATES: ReadonlySet<string> = new Set(["approval_request", "approval_reminder"]);

/**
 * The statements that flag an application whose approver's `address` does not accept mail (a hard
 * bounce, a complaint, or a suppressed address), for the batch that records the cause: the flag
 * for administrators, an audit event, and one e-mail to the applicant — once per address (a second
 * bounce of the same address, say a reminder's, changes nothing). Only while the application waits
 * for its executive. Returns no statements otherwise.
 */
export async function approverBounceStatements(
  deps: Deps,
  input: { applicationId: string; address: string; cause: string; now: number },
): Promise<{ statements: Statement[]; outboxIds: string[] }> {
  const { applicationId, now } = input;
  const address = input.address.toLowerCase();
  const [row] = await deps.db
    .select({ application: applications, applicant: users, agency: agencies })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(eq(applications.id, applicationId))
    .limit(1);
  if (!row || row.application.status !== "awaiting_executive") return { statements: [], outboxIds: [] };
  const { application, applicant, agency } = row;
  const unflagged = sql`EXISTS (SELECT 1 FROM applications WHERE id = ${applicationId} AND status = 'awaiting_executive' AND (approver_bounced_address IS NULL OR approver_bounced_address <> ${address}))`;
  const message = queueEmail(deps.db, {
    template: "approver_bounced",
    to: [application.applicantEmail],
    email: approverBouncedEmail({
      applicantName: displayName({ name: applicant.name, email: application.applicantEmail }),
      agencyNameTh: agency.nameTh,
      agencyNameEn: agency.nameEn,
      reference: application.reference,
      approverEmail: address,
      appUrl: deps.config.appOrigin,
      lang: applicant.locale ?? undefined,
    }),
    now,
    guard: unflagged,
  });
  return {
    statements: [
      message.statement,
      auditStatement(deps.db, {
        actor: "system",
        action: "application.approver_bounced",
        subject: `application:${applicationId}`,
        detail: { address, cause: input.cause },
        at: now,
        meta: null,
        guard: unflagged,
      }),
      deps.db
        .update(applications)
        .set({ approverBouncedAt: now, approverBouncedAddress: address })
        .where(sql`id = ${applicationId} AND status = 'awaiting_executive'`),
    ],
    outboxIds: [message.id],
  };
}
