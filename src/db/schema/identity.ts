import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// People and how they prove who they are: accounts, verified e-mails, OpenID identities,
// passkeys, WebAuthn challenges, sessions.

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email"),
  name: text("name").notNull().default(""),
  status: text("status", { enum: ["active", "suspended", "deleted"] })
    .notNull()
    .default("active"),
  isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
  /** Bumped whenever the user's rights change; a session of an older version gets a new id. */
  rightsVersion: integer("rights_version").notNull().default(0),
  /** The language the person chose for pages and e-mails; null until they choose (e-mails then carry both). */
  locale: text("locale", { enum: ["th", "en"] }),
  /** The id of the last administrator change (suspend, reactivate, role): its batch's later statements check it. */
  transitionId: text("transition_id"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** A verified e-mail address of a user (a sign-in code or link proves it). */
export const emailIdentities = sqliteTable(
  "email_identities",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    email: text("email").notNull(),
    verifiedAt: integer("verified_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("email_identities_email").on(t.email), index("email_identities_user").on(t.userId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
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

/** An OpenID Connect identity: a user is found by (issuer, subject), never by e-mail. */
export const oidcIdentities = sqliteTable(
  "oidc_identities",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
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
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    transports: text("transports").notNull().default("[]"),
    deviceType: text("device_type"),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull().default(false),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    /** The id of the sign-in batch that last advanced the counter: guards that batch's session. */
    usedTx: text("used_tx"),
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

/**
 * Consecutive wrong e-mailed codes per purpose and address, whether or not an account exists
 * (NIST SP 800-63B 5.2.2). A success ends the run; a new code does not. Past a number of
 * failures each next try waits (`lockedUntil`), at most an hour: a wait, never a wall.
 */
export const codeFailures = sqliteTable("code_failures", {
  /** `<purpose>:<address>` (with the user or application it is for, where codes are theirs). */
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at").notNull(),
  lockedUntil: integer("locked_until").notNull(),
  /** The one attempt that holds the next try once the free failures are spent (see attemptCode). */
  reservedBy: text("reserved_by"),
});
