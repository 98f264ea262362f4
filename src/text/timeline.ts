import { actorLabel } from "./audit";
import { labelOf, type Bilingual } from "./bilingual";
import { AUDIT_ACTIONS } from "./catalogue";

/** One step in an application's history. */
export interface TimelineEntry {
  /** When (ms). */
  at: number;
  /** The audit action (`application.executive_approved`, `membership.suspended`, …), or `application.sent` for approval requests. */
  action: string;
  /** Who acted, as the audit trail names them (`system`, `admin:…`, `executive:…`, an address). */
  actor: string;
  /** The addresses a request or reminder went to (empty for other steps). */
  to: string[];
  /** The reason given with a decision or a change, if any. */
  reason: string | null;
}

/** A step of an application's history in words (see services/applications/timeline.ts). */
export interface TimelineStep {
  what: Bilingual;
  /** Who acted; null for the system's own steps. */
  who: Bilingual | null;
  /** The addresses a request went to, and the reason given, as one line each (or null). */
  to: string | null;
  reason: string | null;
}

const SENT = {
  th: "ส่งอีเมลขออนุมัติถึงผู้อนุมัติ",
  en: "Approval request e-mailed to the approver",
} as const satisfies Bilingual;

const DGA = { th: "สพร.", en: "DGA" } as const satisfies Bilingual;

/**
 * One step for its reader: the applicant sees DGA's administrators as "สพร. / DGA" (not their
 * addresses); administrators see who exactly. Approvers are named by their address to both
 * (the applicant was told whom the request went to).
 */
export function describeTimelineStep(
  entry: { action: string; actor: string; to: string[]; reason: string | null },
  audience: "applicant" | "administrator",
): TimelineStep {
  const what = entry.action === "application.sent" ? SENT : labelOf(AUDIT_ACTIONS, entry.action);
  let who: Bilingual | null = entry.actor === "system" ? null : actorLabel(entry.actor);
  if (audience === "applicant" && entry.actor.startsWith("admin:")) who = DGA;
  return { what, who, to: entry.to.length ? entry.to.join(", ") : null, reason: entry.reason };
}
