import { and, eq, sql } from "drizzle-orm";
import { displayName } from "../../text/bilingual";
import { agencies, applications, approvalNotices, users } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { DAY } from "../../lib/clock";
import { newId } from "../../lib/ids";
import { approvalProgressEmail, type ApprovalProgress } from "../../../emails/approval-progress";
import { verifiedEmailsOf, type ApplicationContext } from "../../workflow/application-context";
import { agencyUnchanged } from "../../workflow/application-commit";
import { approvalRequestStatements, approversOf } from "../../workflow/approval-links";
import { auditStatement } from "../../db/statements/audit";
import type { Deps } from "../../deps";
import { queueEmail } from "../../db/statements/outbox";

type Notice = { kind: "reminder" | "fallback"; day: number };

/** The notice due now for an application sent at `sentAt`, if any: the latest due reminder, and the fallback. */
export function dueNotices(
  ctx: ApplicationContext,
  now: number,
  sent: { reminderDay: number; fallback: boolean },
): Notice[] {
  const { application: app, agency } = ctx;
  if (app.sentAt === null || app.deadlineAt === null) return [];
  const elapsedDays = Math.floor((now - app.sentAt) / DAY);
  const notices: Notice[] = [];
  const reminderDays = (JSON.parse(agency.reminderDays) as number[]).filter(
    (d) => d <= elapsedDays && app.sentAt! + d * DAY < app.deadlineAt!,
  );
  const latest = Math.max(0, ...reminderDays);
  if (latest > sent.reminderDay) notices.push({ kind: "reminder", day: latest });
  if (agency.fallbackEmail && elapsedDays >= agency.fallbackAfterDays && !sent.fallback)
    notices.push({ kind: "fallback", day: agency.fallbackAfterDays });
  return notices;
}

/**
 * One notice, one batch: the notice row is inserted only while the application still waits in
 * the same round and no such notice exists (a unique index decides between concurrent cron
 * runs); the new links and e-mails are guarded by that insert.
 */
async function sendNotice(
  deps: Deps,
  ctx: ApplicationContext,
  notice: Notice,
  fallbackSent: boolean,
): Promise<string[]> {
  const { application: app } = ctx;
  const now = deps.clock.now();
  const id = newId("ntc");
  // Sent only while the application waits in this round and its agency's approvers are those read.
  const stillWaiting = sql`(EXISTS (SELECT 1 FROM applications WHERE id = ${app.id} AND status = 'awaiting_executive' AND approval_round = ${app.approvalRound}) AND ${agencyUnchanged(ctx)})`;
  const inserted = sql`EXISTS (SELECT 1 FROM approval_notices WHERE id = ${id})`;
  const recipients =
    notice.kind === "fallback"
      ? approversOf(ctx, { fallback: true }).filter((a) => a.role === "fallback")
      : approversOf(ctx, { fallback: fallbackSent });
  const links = await approvalRequestStatements(deps, ctx, recipients, inserted, {
    reminder: notice.kind === "reminder",
    expiresAt: app.deadlineAt!,
  });
  const progress: ApprovalProgress = notice.kind === "reminder" ? "reminder_sent" : "fallback_sent";
  const applicantMail = queueEmail(deps.db, {
    template: `application_${progress}`,
    to: [app.applicantEmail],
    email: approvalProgressEmail({
      applicantName: displayName({ name: ctx.applicant.name, email: app.applicantEmail }),
      agencyNameTh: ctx.agency.nameTh,
      agencyNameEn: ctx.agency.nameEn,
      progress,
      day: notice.day,
      deadline: app.deadlineAt!,
      appUrl: deps.config.appOrigin,
      lang: ctx.applicant.locale,
    }),
    now,
    guard: inserted,
  });
  await runBatch(deps.db, [
    insertWhere(
      deps.db,
      approvalNotices,
      { id, applicationId: app.id, round: app.approvalRound, kind: notice.kind, day: notice.day, createdAt: now },
      stillWaiting,
      { ignoreConflict: true },
    ),
    ...links.statements,
    applicantMail.statement,
    auditStatement(deps.db, {
      actor: "system",
      action: `application.${notice.kind}_sent`,
      subject: `application:${app.id}`,
      detail: { day: notice.day, round: app.approvalRound, to: recipients.map((r) => r.email) },
      at: now,
      meta: null,
      guard: inserted,
    }),
  ]);
  return [...links.outboxIds, applicantMail.id];
}

/** Reminders (by default on day 3 and 7) and the fallback approver (day 5), once each per round. */
export async function sendApprovalNotices(deps: Deps): Promise<string[]> {
  const now = deps.clock.now();
  const waiting = await deps.db
    .select({ application: applications, agency: agencies, applicant: users })
    .from(applications)
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.status, "awaiting_executive"), sql`${applications.sentAt} <= ${now - DAY}`))
    .limit(200);
  const outboxIds: string[] = [];
  for (const row of waiting) {
    const ctx: ApplicationContext = { ...row, applicantEmails: await verifiedEmailsOf(deps.db, row.applicant.id) };
    const sent = await deps.db
      .select({ kind: approvalNotices.kind, day: approvalNotices.day })
      .from(approvalNotices)
      .where(
        and(
          eq(approvalNotices.applicationId, ctx.application.id),
          eq(approvalNotices.round, ctx.application.approvalRound),
        ),
      );
    const state = {
      reminderDay: Math.max(0, ...sent.filter((n) => n.kind === "reminder").map((n) => n.day)),
      fallback: sent.some((n) => n.kind === "fallback"),
    };
    for (const notice of dueNotices(ctx, now, state)) {
      outboxIds.push(...(await sendNotice(deps, ctx, notice, state.fallback || notice.kind === "fallback")));
    }
  }
  return outboxIds;
}
