import { Resend } from "resend";
import type { Mailer } from "../../deps";

/** Development: nothing leaves the machine. */
export const localMailer: Mailer = {
  kind: "local",
  send: async () => ({ ok: true, providerId: null }),
};

/** Resend's SDK returns `{ data, error }` and does not throw on API errors. */
export function resendMailer(apiKey: string): Mailer {
  const resend = new Resend(apiKey);
  return {
    kind: "resend",
    async send(email) {
      try {
        const { data, error } = await resend.emails.send(
          { from: email.from, to: email.to, subject: email.subject, text: email.text, html: email.html },
          { idempotencyKey: email.id },
        );
        if (error) {
          const status = error.statusCode ?? 0;
          const retryable =
            status === 429 || status >= 500 || status === 0 || error.name === "concurrent_idempotent_requests";
          return { ok: false, retryable, error: `${error.name} (${status}): ${error.message}` };
        }
        return { ok: true, providerId: data?.id ?? null };
      } catch (cause) {
        // Network failures reach us as exceptions: always worth another try.
        return { ok: false, retryable: true, error: cause instanceof Error ? cause.message : String(cause) };
      }
    },
  };
}
