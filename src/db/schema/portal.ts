import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// The portal side of a membership: CKAN organization membership (an outbox of action calls,
// the CKAN account each person was matched to, what reconciliation found) and signed events for
// other portals (registered endpoints and their deliveries). See src/services/portal/.

/**
 * One CKAN action call owed by a membership change (`organization_member_create` as editor, or
 * `organization_member_delete`), written in the batch of that change. Calls for one person and
 * organization are made in the order they were written; each is idempotent in CKAN.
 */
export const ckanOperations = sqliteTable(
  "ckan_operations",
  {
    id: text("id").primaryKey(),
    /** Write order (ms, then `seq` within one millisecond). */
    seq: integer("seq").notNull(),
    /** The CKAN action: `organization_member_create` (capacity editor) or `organization_member_delete`. */
    action: text("action", { enum: ["organization_member_create", "organization_member_delete"] }).notNull(),
    /** The CKAN organization's `name`, as mapped when the row was written. */
    organization: text("organization").notNull(),
    agencyId: text("agency_id").notNull(),
    userId: text("user_id").notNull(),
    /** The official address the CKAN account is found or created with. */
    email: text("email").notNull(),
    /** The membership (null: an administrator applied steward's view after a reconciliation). */
    membershipId: text("membership_id"),
    /** What caused it: `membership.activated`, `membership.revoked`, …, or `reconciliation`. */
    cause: text("cause").notNull(),
    /**
     * `pending` (due at `next_attempt_at`), `done`, `failed` (an administrator sees it and may retry),
     * `superseded` (a later call for the same person and organization was made: retrying would undo it).
     */
    status: text("status", { enum: ["pending", "done", "failed", "superseded"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    /** A deliverer holds the row until then (ms); another skips it meanwhile. */
    leaseUntil: integer("lease_until"),
    /** The classified failure (`not_found`, `validation`, `authorization`, `server`, `unreachable`) and CKAN's message. */
    lastErrorKind: text("last_error_kind"),
    lastError: text("last_error"),
    /** The CKAN user name the call was made for. */
    ckanUser: text("ckan_user"),
    createdAt: integer("created_at").notNull(),
    doneAt: integer("done_at"),
  },
  (t) => [
    uniqueIndex("ckan_operations_seq").on(t.seq),
    index("ckan_operations_due").on(t.status, t.nextAttemptAt),
    index("ckan_operations_pair").on(t.userId, t.organization, t.createdAt),
    index("ckan_operations_created").on(t.createdAt),
  ],
);

/** The CKAN account a person was matched to (found by name or e-mail, or created by steward). */
export const ckanAccounts = sqliteTable("ckan_accounts", {
  userId: text("user_id").primaryKey(),
  ckanId: text("ckan_id").notNull(),
  ckanName: text("ckan_name").notNull(),
  /** steward created it with `user_create` (else it existed). */
  created: integer("created", { mode: "boolean" }).notNull().default(false),
  linkedAt: integer("linked_at").notNull(),
});

/** The last reconciliation of one CKAN organization: when, and what it could not read. */
export const ckanChecks = sqliteTable("ckan_checks", {
  organization: text("organization").primaryKey(),
  checkedAt: integer("checked_at").notNull(),
  /** Editors CKAN listed. */
  editors: integer("editors").notNull().default(0),
  /** Why the organization could not be read (null: it was). */
  error: text("error"),
});

/**
 * Drift found by the last reconciliation of an organization: `extra_in_ckan` (an editor in CKAN
 * without an active membership here) or `missing_in_ckan` (an active steward who is not an editor).
 */
export const ckanDrift = sqliteTable(
  "ckan_drift",
  {
    id: text("id").primaryKey(),
    organization: text("organization").notNull(),
    kind: text("kind", { enum: ["extra_in_ckan", "missing_in_ckan"] }).notNull(),
    ckanUserId: text("ckan_user_id"),
    ckanUserName: text("ckan_user_name"),
    /** The steward person (null: a CKAN user steward does not know). */
    userId: text("user_id"),
    agencyId: text("agency_id"),
    foundAt: integer("found_at").notNull(),
  },
  (t) => [index("ckan_drift_organization").on(t.organization)],
);

/** An administrator-registered receiver of signed events (Standard Webhooks). */
export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  /** The signing secret, `whsec_` + base64 (Standard Webhooks). */
  secret: text("secret").notNull(),
  /** The secret before the last rotation: deliveries carry its signature too until `previousSecretUntil` (ms). */
  previousSecret: text("previous_secret"),
  previousSecretUntil: integer("previous_secret_until"),
  /** Event types delivered (JSON array; `["*"]` for all). */
  events: text("events").notNull().default('["*"]'),
  status: text("status", { enum: ["enabled", "disabled"] })
    .notNull()
    .default("enabled"),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** One event owed to one endpoint, written in the batch of the change it reports. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    /** The event's id: the `webhook-id` header, the same on every retry and every endpoint. */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** The JSON body as signed: `{ type, timestamp, data }`. */
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    leaseUntil: integer("lease_until"),
    /** The receiver's last HTTP status (null: no answer) and what went wrong. */
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    index("webhook_deliveries_due").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint").on(t.endpointId, t.createdAt),
  ],
);
