import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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
