import type { Clock } from "./lib/clock";
import type { Config, Db } from "./env";
import type { UsageBuffer } from "./lib/usage-buffer";

/** What every service receives: injected so tests fix the clock and capture mail. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  mail: Mailer;
  /** Requests per minute per API key (services/keys/rate-limits.ts). */
  rateLimits: KeyRateLimits;
  /** This isolate's verification counts, written in batches (services/keys/usage.ts). */
  usage: UsageBuffer;
}

/** The Workers Rate Limiting binding's API: may `key` make one more request in this period? */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
  /** Seconds until a refused key may try again (the binding does not say: its period). */
  retryAfterSeconds(key: string): number;
}

/** One limiter per scope: a binding has one fixed limit, so each scope has its own binding. */
export interface KeyRateLimits {
  read: RateLimiter;
  publish: RateLimiter;
}

/** Where a request came from, kept as evidence in audit events and acceptances. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface OutgoingEmail {
  /** The outbox id: Resend's idempotency key, so a retry never sends twice. */
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export type SendResult = { ok: true; providerId: string | null } | { ok: false; retryable: boolean; error: string };

export interface Mailer {
  /** `local` mailers keep messages on the machine (read them at /dev/mail). */
  readonly kind: "resend" | "local";
  send(email: OutgoingEmail): Promise<SendResult>;
}
