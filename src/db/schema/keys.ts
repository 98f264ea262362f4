import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agencies } from "./agencies";
import { users } from "./identity";
import { memberships } from "./workflow";

// API keys: stored as SHA-256 with a short visible prefix.

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
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
    /** The administrators' forced rotation that last shortened this key's life (its transaction id). */
    forcedExpiryTx: text("forced_expiry_tx"),
  },
  (t) => [
    uniqueIndex("api_keys_hash").on(t.keyHash),
    index("api_keys_user").on(t.userId),
    index("api_keys_membership").on(t.membershipId),
  ],
);

/**
 * The expiry warnings sent for a key (14 and 3 days before): the unique (key, days) makes each
 * once-only, also when the cron runs twice or concurrently; `messageId` is the outbox row it wrote.
 */
export const keyExpiryWarnings = sqliteTable(
  "key_expiry_warnings",
  {
    keyId: text("key_id")
      .notNull()
      .references(() => apiKeys.id),
    days: integer("days").notNull(),
    messageId: text("message_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.days] })],
);

/**
 * Verifications per key and Bangkok day (`YYYY-MM-DD`): `valid` answers and `refused` ones (revoked,
 * expired, disabled, rate-limited, missing scope). Counted in the isolate and added here in batches
 * (services/keys/usage.ts), never written per request. No foreign key: a late flush must not fail.
 */
export const keyUsageDaily = sqliteTable(
  "key_usage_daily",
  {
    keyId: text("key_id").notNull(),
    date: text("date").notNull(),
    valid: integer("valid").notNull().default(0),
    refused: integer("refused").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.date] })],
);
