import { and, desc, eq, inArray } from "drizzle-orm";
import { auditEvents, memberships, oneTimeTokens } from "../../db/schema";
import type { Db } from "../../env";
import { detailOf } from "../../text/audit";
import type { TimelineEntry } from "../../text/timeline";

export type { TimelineEntry } from "../../text/timeline";

// An application's history as its applicant and administrators follow it: from the audit trail
// of the application and of the steward role it led to, and the approval requests it sent.

/** The most steps of each kind a timeline reads, the newest (an application has a few dozen at most). */
const MAX_EVENTS = 200;

/**
 * The steps of an application (`applicationId`), oldest first: its audit events, the events of
 * the steward role it granted, and each approval request sent (by the approval links it made),
 * a request sent in the same batch as a reminder or a fallback being folded into that step.
 * Past MAX_EVENTS steps of one kind, the oldest are left out (never the newest).
 * Two queries and one more when a role exists.
 */
export async function applicationTimeline(db: Db, applicationId: string): Promise<TimelineEntry[]> {
  const [events, links, roles] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subject, `application:${applicationId}`))
      .orderBy(desc(auditEvents.at))
      .limit(MAX_EVENTS),
    db
      .select({ email: oneTimeTokens.email, createdAt: oneTimeTokens.createdAt })
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.applicationId, applicationId), eq(oneTimeTokens.purpose, "approval")))
      .orderBy(desc(oneTimeTokens.createdAt))
      .limit(MAX_EVENTS),
    db.select({ id: memberships.id }).from(memberships).where(eq(memberships.applicationId, applicationId)),
  ]);
  const roleEvents = roles.length
    ? await db
        .select()
        .from(auditEvents)
        .where(
          inArray(
            auditEvents.subject,
            roles.map((r) => `membership:${r.id}`),
          ),
        )
        .orderBy(desc(auditEvents.at))
        .limit(MAX_EVENTS)
    : [];

  const entries: TimelineEntry[] = [...events, ...roleEvents].map((e) => {
    const detail = detailOf(e.detail);
    const reason = typeof detail.reason === "string" && detail.reason.trim() ? detail.reason.trim() : null;
    const to = Array.isArray(detail.to) ? detail.to.filter((x): x is string => typeof x === "string") : [];
    return { at: e.at, action: e.action, actor: e.actor, to, reason };
  });
  // Approval links made together are one request; a reminder's or fallback's links join its step.
  const sent = new Map<number, string[]>();
  for (const link of links) sent.set(link.createdAt, [...(sent.get(link.createdAt) ?? []), link.email]);
  for (const [at, to] of sent) {
    const notice = entries.find(
      (e) => e.at === at && (e.action === "application.reminder_sent" || e.action === "application.fallback_sent"),
    );
    if (notice) notice.to = [...new Set([...notice.to, ...to])];
    else entries.push({ at, action: "application.sent", actor: "system", to: [...new Set(to)], reason: null });
  }
  // Steps of one batch keep a natural order: the cause before the request it sent.
  const rank = (e: TimelineEntry) => (e.action === "application.sent" ? 1 : 0);
  return entries.sort((a, b) => a.at - b.at || rank(a) - rank(b));
}
