import type { SQL } from "drizzle-orm";
import { displayName } from "../text/bilingual";
import { oneTimeTokens } from "../db/schema";
import { insertWhere, type Statement } from "../db/guarded";
import { randomBase62, sha256Hex } from "../lib/crypto";
import { mailboxOf } from "../lib/fields";
import { newId } from "../lib/ids";
import { approvalRequestEmail } from "../../emails/approval-request";
import type { Deps } from "../deps";
import { queueEmail } from "../db/statements/outbox";
import type { ApplicationContext } from "./application-context";

export interface Approver {
  email: string;
  name: string | null;
  role: "executive" | "delegate" | "fallback";
}

/**
 * Who may decide an application: its approver (the executive, or the one an administrator
 * confirmed), the agency's deputies, and, once the fallback delay has passed, the fallback
 * approver; never the applicant, under any of their verified addresses. Each gets a link of
 * their own; the first decision closes them all.
 */
export function approversOf(ctx: ApplicationContext, options: { fallback: boolean }): Approver[] {
  const { application, agency, applicantEmails } = ctx;
  const list: Approver[] = [];
  if (application.approverEmail)
    list.push({ email: application.approverEmail, name: application.approverName, role: "executive" });
  for (const email of JSON.parse(agency.delegateEmails) as string[]) list.push({ email, name: null, role: "delegate" });
  if (options.fallback && agency.fallbackEmail)
    list.push({ email: agency.fallbackEmail, name: agency.fallbackName, role: "fallback" });
  // Compared by mailbox: a `+tag` address of the applicant is the applicant.
  const seen = new Set<string>(applicantEmails.map(mailboxOf));
  return list.filter((a) => !seen.has(mailboxOf(a.email)) && seen.add(mailboxOf(a.email)));
}

/** One approval link per approver (only its hash stored) and the e-mail that carries it. */
export async function approvalRequestStatements(
  deps: Deps,
  ctx: ApplicationContext,
  approvers: Approver[],
  guard: SQL,
  options: { reminder: boolean; expiresAt: number },
) {
  const now = deps.clock.now();
  const statements: Statement[] = [];
  const outboxIds: string[] = [];
  for (const approver of approvers) {
    const secret = randomBase62(32);
    statements.push(
      insertWhere(
        deps.db,
        oneTimeTokens,
        {
          id: newId("otk"),
          purpose: "approval",
          tokenHash: await sha256Hex(secret),
          email: approver.email,
          applicationId: ctx.application.id,
          data: JSON.stringify({ role: approver.role }),
          expiresAt: options.expiresAt,
          createdAt: now,
        },
        guard,
      ),
    );
    const message = queueEmail(deps.db, {
      template: options.reminder ? "approval_reminder" : "approval_request",
      to: [approver.email],
      applicationId: ctx.application.id,
      email: approvalRequestEmail({
        approverName: approver.name,
        applicantName: displayName({ name: ctx.applicant.name, email: ctx.application.applicantEmail }),
        applicantEmail: ctx.application.applicantEmail,
        position: ctx.application.position,
        agencyNameTh: ctx.agency.nameTh,
        agencyNameEn: ctx.agency.nameEn,
        role: "steward",
        reason: ctx.application.reason,
        link: `${deps.config.appOrigin}/approvals/${secret}`,
        expiresAt: options.expiresAt,
        reminder: options.reminder,
      }),
      now,
      guard,
      secretExpiresAt: options.expiresAt,
    });
    statements.push(message.statement);
    outboxIds.push(message.id);
  }
  return { statements, outboxIds };
}
