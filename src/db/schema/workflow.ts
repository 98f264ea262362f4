import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agencies } from "./agencies";
import { users } from "./identity";

// The approval workflow: applications, memberships, one-time tokens, approval notices,
// handovers. Workflow rows carry `version` (compare-and-swap) and `transition_id` (the id of
// the last transition's batch: the guard that lets a batch's side rows see whether its CAS matched).

export const applications = sqliteTable(
  "applications",
  {
    id: text("id").primaryKey(),
    /** A short number people can quote on the phone (เลขที่คำขอ): the row's sequence, six digits. */
    reference: text("reference"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    role: text("role", { enum: ["steward"] }).notNull(),
    status: text("status").notNull(),
    version: integer("version").notNull().default(0),
    transitionId: text("transition_id"),
    applicantEmail: text("applicant_email").notNull(),
    position: text("position").notNull(),
    phone: text("phone").notNull(),
    reason: text("reason").notNull(),
    approverName: text("approver_name"),
    approverPosition: text("approver_position"),
    approverEmail: text("approver_email"),
    /** The applicant named the approver (the agency had none on file): an administrator confirms. */
    approverNominated: integer("approver_nominated", { mode: "boolean" }).notNull().default(false),
    /** Each sending to the approvers is a round; reminders are counted per round. */
    approvalRound: integer("approval_round").notNull().default(0),
    sentAt: integer("sent_at"),
    submittedAt: integer("submitted_at").notNull(),
    deadlineAt: integer("deadline_at"),
    executiveDecidedAt: integer("executive_decided_at"),
    executiveDecidedBy: text("executive_decided_by"),
    /** The executive's comment with their decision (shown to DGA's reviewers and the applicant). */
    executiveReason: text("executive_reason"),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by"),
    decisionReason: text("decision_reason"),
    /**
     * An approver's address did not accept the approval request (a hard bounce or a suppressed
     * address): administrators see the flag while that address still holds a live link.
     */
    approverBouncedAt: integer("approver_bounced_at"),
    approverBouncedAddress: text("approver_bounced_address"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("applications_user").on(t.userId),
    index("applications_status").on(t.status, t.createdAt),
    // At most one open application per user and agency, enforced by the database.
    uniqueIndex("applications_reference").on(t.reference),
    uniqueIndex("applications_one_open")
      .on(t.userId, t.agencyId)
      .where(sql`status IN ('awaiting_approver', 'awaiting_executive', 'awaiting_review', 'returned')`),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    applicationId: text("application_id").references(() => applications.id),
    role: text("role", { enum: ["steward"] }).notNull(),
    status: text("status").notNull(),
    version: integer("version").notNull().default(0),
    transitionId: text("transition_id"),
    /** When the status last changed and why (the reason given by whoever changed it). */
    statusChangedAt: integer("status_changed_at"),
    statusReason: text("status_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("memberships_user").on(t.userId),
    index("memberships_agency").on(t.agencyId),
    index("memberships_status").on(t.status, t.createdAt),
  ],
);

/**
 * One-time secrets: e-mail sign-in (a 6-digit code and a link in one row: using either
 * consumes both), official e-mail verification, and approval links. Only SHA-256 hashes are stored.
 */
export const oneTimeTokens = sqliteTable(
  "one_time_tokens",
  {
    id: text("id").primaryKey(),
    purpose: text("purpose", { enum: ["email_sign_in", "email_verify", "approval", "approval_confirm"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    codeHash: text("code_hash"),
    email: text("email").notNull(),
    applicationId: text("application_id").references(() => applications.id),
    data: text("data"),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    /** The id of the batch that consumed the token: guards the rest of that batch. */
    usedTx: text("used_tx"),
    /** Who used it (an approver's address), for "already decided by X on date". */
    usedBy: text("used_by"),
    revokedAt: integer("revoked_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("one_time_tokens_hash").on(t.tokenHash),
    index("one_time_tokens_email").on(t.purpose, t.email, t.createdAt),
    index("one_time_tokens_application").on(t.applicationId),
  ],
);

/** Reminders and fallback requests sent for an approval round: at most one of each per day. */
export const approvalNotices = sqliteTable(
  "approval_notices",
  {
    id: text("id").primaryKey(),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    round: integer("round").notNull(),
    kind: text("kind", { enum: ["reminder", "fallback"] }).notNull(),
    day: integer("day").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("approval_notices_once").on(t.applicationId, t.round, t.kind, t.day)],
);

/** A steward hands the role over to a successor, who applies; approval completes it. */
export const handovers = sqliteTable(
  "handovers",
  {
    id: text("id").primaryKey(),
    membershipId: text("membership_id")
      .notNull()
      .references(() => memberships.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    successorEmail: text("successor_email").notNull(),
    status: text("status", { enum: ["pending", "completed", "cancelled"] }).notNull(),
    requestedBy: text("requested_by").notNull(),
    successorApplicationId: text("successor_application_id"),
    createdAt: integer("created_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [
    // One pending handover per membership: of concurrent requests, one wins.
    uniqueIndex("handovers_one_pending")
      .on(t.membershipId)
      .where(sql`status = 'pending'`),
    index("handovers_successor").on(t.successorEmail, t.agencyId),
  ],
);
