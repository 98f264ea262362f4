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
    /** `suppressed`: not sent, every recipient is on the suppression list (a hard bounce or complaint). */
    status: text("status", { enum: ["pending", "sent", "failed", "local", "suppressed"] })
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
    /** The application an approval request or reminder is about (a bounce flags it). */
    applicationId: text("application_id"),
    /** Set when the message went in a Resend batch: every retry resends that batch with this key. */
    batchKey: text("batch_key"),
    /** What Resend's webhooks said after accepting it (latest meaningful event). */
    delivery: text("delivery", { enum: ["delivered", "delayed", "bounced", "complained"] }),
    /** When that event happened (ms, Resend's `created_at`). */
    deliveryAt: integer("delivery_at"),
    /** The bounce's type and message, for administrators. */
    deliveryDetail: text("delivery_detail"),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_provider").on(t.providerId),
    index("outbox_batch").on(t.batchKey),
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

/**
 * Addresses mail is not sent to: a hard bounce or a complaint put them here (Resend's webhooks).
 * Lifting keeps the row (who lifted it and when); a new bounce suppresses it again.
 */
export const emailSuppressions = sqliteTable("email_suppressions", {
  /** Lower-case address. */
  address: text("address").primaryKey(),
  reason: text("reason", { enum: ["bounce", "complaint"] }).notNull(),
  detail: text("detail"),
  /** The outbox message whose bounce or complaint caused it. */
  messageId: text("message_id"),
  createdAt: integer("created_at").notNull(),
  liftedAt: integer("lifted_at"),
  liftedBy: text("lifted_by"),
});

/** Webhook deliveries already handled, by their id (`svix-id`): a replay or duplicate changes nothing. */
export const webhookEvents = sqliteTable("webhook_events", {
  id: text("id").primaryKey(),
  source: text("source").notNull(),
  type: text("type").notNull(),
  receivedAt: integer("received_at").notNull(),
});
