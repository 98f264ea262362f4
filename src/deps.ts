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
  /** Waits `ms` (the mail sweeper's pacing); tests advance their fixed clock instead. */
  sleep(ms: number): Promise<void>;
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

/** Why a request to the provider failed: retry or not, and when (Resend's `retry-after`, seconds). */
export interface SendFailure {
  ok: false;
  retryable: boolean;
  error: string;
  /** The provider's HTTP status (null: no answer — a timeout or a network error). */
  status: number | null;
  retryAfterSeconds: number | null;
}

export type SendResult = { ok: true; providerId: string | null } | SendFailure;

/** A batch's answer: one provider id per message, in order, or one failure for all of them. */
export type BatchResult = { ok: true; providerIds: (string | null)[] } | SendFailure;

export interface Mailer {
  /** `local` mailers keep messages on the machine (read them at /dev/mail). */
  readonly kind: "resend" | "local";
  /** One message; its outbox id is the Idempotency-Key. */
  send(email: OutgoingEmail): Promise<SendResult>;
  /** Up to 100 messages in one request (Resend's batch endpoint), under one Idempotency-Key. */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult>;
}
