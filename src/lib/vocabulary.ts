// The closed vocabularies of the domain: every status, event, scope, role and audit action there
// is. The state machines (src/workflow/) give the statuses and events their meaning; the text
// layer (src/text/) labels each of them, checked exhaustively against these lists.

/** An application's stored statuses; `awaiting_approver` is shown as `awaiting_review`. */
export const APPLICATION_STATUSES = [
  "awaiting_approver",
  "awaiting_executive",
  "awaiting_review",
  "returned",
  "approved",
  "active",
  "rejected",
  "expired",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The statuses the API and the pages show. */
export const PUBLIC_APPLICATION_STATUSES = [
  "awaiting_executive",
  "awaiting_review",
  "returned",
  "approved",
  "active",
  "rejected",
  "expired",
  "withdrawn",
] as const;
export type PublicApplicationStatus = (typeof PUBLIC_APPLICATION_STATUSES)[number];

export const APPLICATION_EVENTS = [
  "APPROVER_CONFIRMED",
  /** Every approver of an application waiting for them left the agency's list (or is its applicant). */
  "APPROVERS_GONE",
  "EXECUTIVE_APPROVED",
  "EXECUTIVE_ENDORSED",
  "EXECUTIVE_REJECTED",
  "ADMIN_APPROVED",
  "ADMIN_REJECTED",
  "ADMIN_RETURNED",
  "RESUBMITTED",
  /** Resubmitted while no approver other than the applicant is on file: administrators confirm one. */
  "RESUBMITTED_FOR_APPROVER",
  "WITHDRAWN",
  "EXPIRED",
  "FIRST_KEY_ISSUED",
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

export const MEMBERSHIP_STATUSES = ["active", "suspended", "revoked", "superseded"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const MEMBERSHIP_EVENTS = ["SUSPENDED", "RESUMED", "REVOKED", "CANCELLED", "SUPERSEDED"] as const;
export type MembershipEvent = (typeof MEMBERSHIP_EVENTS)[number];

export const KEY_STATUSES = ["active", "rotating", "revoked", "expired"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export const SCOPES = ["read", "publish"] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLES = ["steward"] as const;
export type Role = (typeof ROLES)[number];

/** Every action the audit log records (an application's and a membership's follow their events). */
export type AuditAction =
  | `application.${Lowercase<ApplicationEvent>}`
  | `membership.${Lowercase<MembershipEvent>}`
  | "application.submitted"
  | "application.reminder_sent"
  | "application.fallback_sent"
  | "application.approvers_changed"
  | "membership.granted"
  | "handover.requested"
  | "handover.completed"
  | "user.signed_up"
  | "user.signed_in"
  | "user.signed_out"
  | "user.renamed"
  | "user.suspended"
  | "user.reactivated"
  | "user.unlocked"
  | "admin.granted"
  | "admin.revoked"
  | "admin.bootstrapped"
  | "email.verified"
  | "identity.linked"
  | "identity.unlinked"
  | "passkey.registered"
  | "passkey.removed"
  | "passkeys.removed_by_admin"
  | "session.ended"
  | "session.others_ended"
  | "terms.published"
  | "terms.accepted"
  | "key.created"
  | "key.rotated"
  | "key.deleted"
  | "keys.expired_by_admin"
  | "agency.created"
  | "agency.updated"
  | "agency.imported"
  | "application.approver_bounced"
  | "mail.suppressed"
  | "mail.suppression_lifted"
  | "mail.retried"
  | "ckan.editor_added"
  | "ckan.editor_removed"
  | "ckan.call_retried"
  | "ckan.steward_view_applied"
  | "webhook_endpoint.created"
  | "webhook_endpoint.updated"
  | "webhook_endpoint.secret_rotated"
  | "webhook_endpoint.deleted"
  | "webhook_delivery.retried";

/**
 * Signed events delivered to registered webhook endpoints (src/services/portal/webhook-delivery.ts).
 * Names follow `<noun>.<past participle>`, as the audit log's actions do.
 */
export const WEBHOOK_EVENT_TYPES = [
  "membership.activated",
  "membership.suspended",
  "membership.resumed",
  "membership.revoked",
  "membership.cancelled",
  "membership.superseded",
  "key.created",
  "key.rotated",
  "key.revoked",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
