import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Times are epoch milliseconds (integer). Ids are prefixed random strings (src/lib/ids.ts).
// Workflow rows carry `version` (compare-and-swap) and `transition_id` (the id of the last
// transition's batch: the guard that lets a batch's side rows see whether its CAS matched).

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email"),
  name: text("name").notNull().default(""),
  status: text("status", { enum: ["active", "suspended", "deleted"] }).notNull().default("active"),
  isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
  /** Consecutive failed sign-in attempts (NIST SP 800-63B caps them at 100). */
  failedSignIns: integer("failed_sign_ins").notNull().default(0),
  /** Bumped whenever the user's rights change; a session of an older version gets a new id. */
  rightsVersion: integer("rights_version").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** A verified e-mail address of a user (sign-in by code or link proves it). */
export const emailIdentities = sqliteTable(
  "email_identities",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    email: text("email").notNull(),
    verifiedAt: integer("verified_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("email_identities_email").on(t.email), index("email_identities_user").on(t.userId)],
);

export const agencies = sqliteTable("agencies", {
  id: text("id").primaryKey(),
  nameTh: text("name_th").notNull(),
  nameEn: text("name_en").notNull(),
  ministryTh: text("ministry_th"),
  ministryEn: text("ministry_en"),
  executiveName: text("executive_name"),
  executivePosition: text("executive_position"),
  executiveEmail: text("executive_email"),
  reviewRequired: integer("review_required", { mode: "boolean" }).notNull().default(false),
  approvalTtlDays: integer("approval_ttl_days").notNull().default(14),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const agencyDomains = sqliteTable(
  "agency_domains",
  {
    domain: text("domain").primaryKey(),
    agencyId: text("agency_id").notNull().references(() => agencies.id),
  },
  (t) => [index("agency_domains_agency").on(t.agencyId)],
);

export const termsVersions = sqliteTable("terms_versions", {
  version: text("version").primaryKey(),
  titleTh: text("title_th").notNull(),
  titleEn: text("title_en").notNull(),
  bodyTh: text("body_th").notNull(),
  bodyEn: text("body_en").notNull(),
  sha256: text("sha256").notNull(),
  effectiveAt: integer("effective_at").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const termsAcceptances = sqliteTable(
  "terms_acceptances",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    version: text("version").notNull().references(() => termsVersions.version),
    sha256: text("sha256").notNull(),
    acceptedAt: integer("accepted_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [uniqueIndex("terms_acceptances_user_version").on(t.userId, t.version)],
);

export const applications = sqliteTable(
  "applications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    agencyId: text("agency_id").notNull().references(() => agencies.id),
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
    submittedAt: integer("submitted_at").notNull(),
    deadlineAt: integer("deadline_at"),
    executiveDecidedAt: integer("executive_decided_at"),
    executiveDecidedBy: text("executive_decided_by"),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by"),
    decisionReason: text("decision_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("applications_user").on(t.userId),
    index("applications_status").on(t.status, t.createdAt),
    // At most one open application per user and agency, enforced by the database.
    uniqueIndex("applications_one_open")
      .on(t.userId, t.agencyId)
      .where(sql`status IN ('awaiting_approver', 'awaiting_executive', 'awaiting_review', 'returned')`),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    agencyId: text("agency_id").notNull().references(() => agencies.id),
    applicationId: text("application_id").references(() => applications.id),
    role: text("role", { enum: ["steward"] }).notNull(),
    status: text("status").notNull(),
    version: integer("version").notNull().default(0),
    transitionId: text("transition_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("memberships_user").on(t.userId), index("memberships_agency").on(t.agencyId)],
);

/**
 * One-time secrets: e-mail sign-in (a 6-digit code and a link in one row: using either
 * consumes both) and approval links. Only SHA-256 hashes are stored.
 */
export const oneTimeTokens = sqliteTable(
  "one_time_tokens",
  {
    id: text("id").primaryKey(),
    purpose: text("purpose", { enum: ["email_sign_in", "email_verify", "approval"] }).notNull(),
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

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    userId: text("user_id").notNull().references(() => users.id),
    rightsVersion: integer("rights_version").notNull().default(0),
    /** Set when the session was given a new id after a change of rights. */
    replacedBy: text("replaced_by"),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    membershipId: text("membership_id").references(() => memberships.id),
    agencyId: text("agency_id").references(() => agencies.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").notNull(),
    ttlDays: integer("ttl_days"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
    graceUntil: integer("grace_until"),
    revokedAt: integer("revoked_at"),
    replacedBy: text("replaced_by"),
  },
  (t) => [
    uniqueIndex("api_keys_hash").on(t.keyHash),
    index("api_keys_user").on(t.userId),
    index("api_keys_membership").on(t.membershipId),
  ],
);

export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    subject: text("subject").notNull(),
    detail: text("detail").notNull().default("{}"),
    ip: text("ip"),
  },
  (t) => [index("audit_events_at").on(t.at), index("audit_events_subject").on(t.subject)],
);

/** Transactional outbox: written in the batch of the transition that causes the message. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    template: text("template").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed", "local"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt), index("outbox_created").on(t.createdAt)],
);

/** Fixed-window counters for rate limits, keyed by purpose and subject. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

export type User = typeof users.$inferSelect;
export type Agency = typeof agencies.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type OneTimeToken = typeof oneTimeTokens.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type TermsVersion = typeof termsVersions.$inferSelect;

/** An OpenID Connect identity: a user is found by (issuer, subject), never by e-mail. */
export const oidcIdentities = sqliteTable(
  "oidc_identities",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    providerId: text("provider_id").notNull(),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    email: text("email"),
    name: text("name"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("oidc_identities_iss_sub").on(t.issuer, t.subject), index("oidc_identities_user").on(t.userId)],
);

/**
 * A started OpenID Connect sign-in, keyed by the hash of its `state`. One row per flow, so
 * sign-ins started in several tabs do not disturb each other; a browser-binding cookie proves
 * the callback comes back to the browser that started it.
 */
export const oidcFlows = sqliteTable("oidc_flows", {
  stateHash: text("state_hash").primaryKey(),
  providerId: text("provider_id").notNull(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  bindingHash: text("binding_hash").notNull(),
  returnTo: text("return_to").notNull(),
  linkUserId: text("link_user_id"),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
  createdAt: integer("created_at").notNull(),
});

export const passkeys = sqliteTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    transports: text("transports").notNull().default("[]"),
    deviceType: text("device_type"),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull().default(false),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("passkeys_credential").on(t.credentialId), index("passkeys_user").on(t.userId)],
);

/** WebAuthn challenges: single use, five minutes. */
export const webauthnChallenges = sqliteTable("webauthn_challenges", {
  challenge: text("challenge").primaryKey(),
  purpose: text("purpose", { enum: ["registration", "authentication"] }).notNull(),
  userId: text("user_id"),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
  createdAt: integer("created_at").notNull(),
});

export type OidcIdentity = typeof oidcIdentities.$inferSelect;
export type Passkey = typeof passkeys.$inferSelect;
