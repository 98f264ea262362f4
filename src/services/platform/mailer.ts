import { Resend } from "resend";
import type { BatchResult, Mailer, OutgoingEmail, SendFailure } from "../../deps";

/** Development: nothing leaves the machine. */
export const localMailer: Mailer = {
  kind: "local",
  send: async () => ({ ok: true, providerId: null }),
  sendBatch: async (emails) => ({ ok: true, providerIds: emails.map(() => null) }),
};

/** Resend's API error (the SDK returns it in `{ error }`; `statusCode` null when nothing answered). */
interface ResendError {
  name: string;
  message: string;
  statusCode?: number | null;
}

/**
 * Resend's answer classified (https://resend.com/docs/api-reference/errors): 429 (rate or
 * daily quota), 5xx, no answer at all (timeout, network), a concurrent request with the same
 * idempotency key, and 401/403 (a missing or restricted API key, an unverified domain: the
 * operator's to fix, not the message's fault) are worth another try, `retry-after` (seconds)
 * honoured; any other 4xx (a validation error of this message) is not.
 */
export function classifyResendError(error: ResendError, headers: Record<string, string> | null): SendFailure {
  const status = error.statusCode ?? null;
  const retryable =
    status === null ||
    status === 429 ||
    status === 401 ||
    status === 403 ||
    status >= 500 ||
    error.name === "concurrent_idempotent_requests";
  const after = Number(headers?.["retry-after"]);
  return {
    ok: false,
    retryable,
    status,
    retryAfterSeconds: Number.isFinite(after) && after >= 0 ? after : null,
    error: `${error.name} (${status ?? "no answer"}): ${error.message}`,
  };
}

const payload = (email: OutgoingEmail) => ({
  from: email.from,
  to: email.to,
  subject: email.subject,
  text: email.text,
  html: email.html,
});

/**
 * Resend through its SDK (which answers `{ data, error, headers }` and does not throw on API
 * errors; a request that takes longer than `timeoutMs` is aborted and counts as no answer).
 */
export function resendMailer(apiKey: string, timeoutMs = 10_000): Mailer {
  const resend = new Resend(apiKey);
  const failed = (cause: unknown): SendFailure => ({
    ok: false,
    retryable: true,
    status: null,
    retryAfterSeconds: null,
    error: cause instanceof Error ? cause.message : String(cause),
  });
  return {
    kind: "resend",
    async send(email) {
      try {
        const { data, error, headers } = await resend.emails.send(payload(email), {
          idempotencyKey: email.id,
          signal: AbortSignal.timeout(timeoutMs),
        } as never);
        if (error) return classifyResendError(error, headers);
        return { ok: true, providerId: data?.id ?? null };
      } catch (cause) {
        return failed(cause);
      }
    },
    async sendBatch(emails, idempotencyKey): Promise<BatchResult> {
      try {
        const { data, error, headers } = await resend.batch.send(emails.map(payload), {
          idempotencyKey,
          signal: AbortSignal.timeout(timeoutMs),
        } as never);
        if (error) return classifyResendError(error, headers);
        const ids = (data as { data?: { id: string }[] } | null)?.data ?? [];
        return { ok: true, providerIds: emails.map((_, i) => ids[i]?.id ?? null) };
      } catch (cause) {
        return failed(cause);
      }
    },
  };
}
