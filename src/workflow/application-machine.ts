/**
 * The application state machine: a pure transition table, no I/O.
 *
 * `awaiting_approver` is the stage where the agency has no executive on file and an
 * administrator must confirm one; the API shows it as `awaiting_review` (see publicStatus).
 */
import type { ApplicationEvent, ApplicationStatus, PublicApplicationStatus } from "../lib/vocabulary";

export { APPLICATION_EVENTS, APPLICATION_STATUSES, PUBLIC_APPLICATION_STATUSES } from "../lib/vocabulary";
export type { ApplicationEvent, ApplicationStatus, PublicApplicationStatus } from "../lib/vocabulary";

/** What a transition causes besides the status change; persistence turns these into rows. */
export type ApplicationEffect =
  | { kind: "send_approval_request" }
  | { kind: "close_approval_links" }
  | { kind: "grant_membership" }
  | { kind: "notify_applicant"; outcome: "approved" | "rejected" | "in_review" | "returned" | "expired" | "withdrawn" };

const TRANSITIONS = {
  awaiting_approver: { APPROVER_CONFIRMED: "awaiting_executive", WITHDRAWN: "withdrawn" },
  awaiting_executive: {
    EXECUTIVE_APPROVED: "approved",
    EXECUTIVE_ENDORSED: "awaiting_review",
    EXECUTIVE_REJECTED: "rejected",
    EXPIRED: "expired",
    WITHDRAWN: "withdrawn",
    APPROVERS_GONE: "awaiting_approver",
  },
  awaiting_review: {
    ADMIN_APPROVED: "approved",
    ADMIN_REJECTED: "rejected",
    ADMIN_RETURNED: "returned",
    WITHDRAWN: "withdrawn",
  },
  returned: {
    RESUBMITTED: "awaiting_executive",
    RESUBMITTED_FOR_APPROVER: "awaiting_approver",
    WITHDRAWN: "withdrawn",
  },
  expired: { RESUBMITTED: "awaiting_executive", RESUBMITTED_FOR_APPROVER: "awaiting_approver" },
  approved: { FIRST_KEY_ISSUED: "active" },
  active: {},
  rejected: {},
  withdrawn: {},
} as const satisfies { [S in ApplicationStatus]: Partial<Record<ApplicationEvent, ApplicationStatus>> };

function effectsOf(event: ApplicationEvent, from: ApplicationStatus): ApplicationEffect[] {
  switch (event) {
    case "APPROVER_CONFIRMED":
    case "RESUBMITTED":
      return [{ kind: "close_approval_links" }, { kind: "send_approval_request" }];
    case "EXECUTIVE_APPROVED":
    case "ADMIN_APPROVED":
      return [
        { kind: "close_approval_links" },
        { kind: "grant_membership" },
        { kind: "notify_applicant", outcome: "approved" },
      ];
    case "EXECUTIVE_ENDORSED":
      return [{ kind: "close_approval_links" }, { kind: "notify_applicant", outcome: "in_review" }];
    case "EXECUTIVE_REJECTED":
    case "ADMIN_REJECTED":
      return [{ kind: "close_approval_links" }, { kind: "notify_applicant", outcome: "rejected" }];
    case "ADMIN_RETURNED":
      return [{ kind: "notify_applicant", outcome: "returned" }];
    case "EXPIRED":
      return [{ kind: "close_approval_links" }, { kind: "notify_applicant", outcome: "expired" }];
    case "APPROVERS_GONE":
    case "RESUBMITTED_FOR_APPROVER":
      return [{ kind: "close_approval_links" }];
    case "WITHDRAWN":
      return from === "awaiting_executive" ? [{ kind: "close_approval_links" }] : [];
    case "FIRST_KEY_ISSUED":
      return [];
  }
}

export interface ApplicationTransition {
  from: ApplicationStatus;
  to: ApplicationStatus;
  event: ApplicationEvent;
  effects: ApplicationEffect[];
}

/** The next status and effects, or null when the event is not allowed in that status. */
export function applicationTransition(from: ApplicationStatus, event: ApplicationEvent): ApplicationTransition | null {
  const row: Partial<Record<ApplicationEvent, ApplicationStatus>> = TRANSITIONS[from];
  const to = row[event];
  return to ? { from, to, event, effects: effectsOf(event, from) } : null;
}

/** The event an executive's approval is: straight to approved, or on to DGA review. */
export function executiveApprovalEvent(reviewRequired: boolean): ApplicationEvent {
  return reviewRequired ? "EXECUTIVE_ENDORSED" : "EXECUTIVE_APPROVED";
}

/** The event a resubmission is: back to the approvers, or to administrators when none is left. */
export function resubmissionEvent(hasApprover: boolean): ApplicationEvent {
  return hasApprover ? "RESUBMITTED" : "RESUBMITTED_FOR_APPROVER";
}

/** Statuses in which an application is still open (at most one per user and agency). */
export function isOpenApplication(status: ApplicationStatus): boolean {
  return (
    status === "awaiting_approver" ||
    status === "awaiting_executive" ||
    status === "awaiting_review" ||
    status === "returned"
  );
}

/** Whether an executive's approval link can still be used in this status. */
export function acceptsExecutiveDecision(status: ApplicationStatus): boolean {
  return applicationTransition(status, "EXECUTIVE_REJECTED") !== null;
}

export function publicStatus(status: ApplicationStatus): PublicApplicationStatus {
  return status === "awaiting_approver" ? "awaiting_review" : status;
}

/** The stored statuses behind a public status filter. */
export function storedStatuses(status: PublicApplicationStatus): ApplicationStatus[] {
  return status === "awaiting_review" ? ["awaiting_review", "awaiting_approver"] : [status];
}
