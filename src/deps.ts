import type { Clock } from "./lib/clock";
import type { Config, Db } from "./env";

/** What every service receives: injected so tests fix the clock and capture mail. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  mail: Mailer;
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
