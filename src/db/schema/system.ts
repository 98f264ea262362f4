import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Audit log, transactional outbox, rate-limit counters.

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
  (t) => [
    index("audit_events_at").on(t.at),
    index("audit_events_subject").on(t.subject),
    index("audit_events_actor").on(t.actor, t.at),
    index("audit_events_action").on(t.action, t.at),
  ],
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
    status: text("status", { enum: ["pending", "sent", "failed", "local"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    /** When the code or link the body carries dies (null: the body holds no secret). */
    secretExpiresAt: integer("secret_expires_at"),
    /** When the body was erased (outside development, once sent or its secret is dead). */
    bodyErasedAt: integer("body_erased_at"),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_created").on(t.createdAt),
    index("outbox_secret_bodies").on(t.bodyErasedAt, t.secretExpiresAt),
  ],
);

/** Fixed-window counters for rate limits, keyed by purpose and subject. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});
