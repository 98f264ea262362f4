import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { AppError } from "../../../errors";
import { ConfirmPage, type Confirmation } from "../../../views/platform/confirm-page";
import { RequiredReasonBody } from "../../atoms";
import { attempt, formFields, layoutUser, messageOf, pageUser, parseForm } from "../helpers";

// The form of a confirmation page (views/platform/confirm-page.tsx): a required reason and,
// for forced rotation, a grace in seconds.

export type ConfirmValues = { reason: string; graceSeconds: string };

/** The most grace a forced rotation may have, in seconds (CONTRACT: 0..604800). */
const MAX_GRACE_SECONDS = 604800;

/**
 * Checks a posted confirmation with the API's own reason rule; the grace, when asked for, is
 * whole seconds within 0..604800. A failure is a 400 AppError naming the field.
 */
export function confirmInput(
  values: ConfirmValues,
  needsGrace: boolean,
): { ok: true; value: { reason: string; graceSeconds: number } } | { ok: false; error: AppError } {
  let graceSeconds = 0;
  if (needsGrace) {
    const text = values.graceSeconds.trim();
    graceSeconds = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    if (!(graceSeconds >= 0 && graceSeconds <= MAX_GRACE_SECONDS)) {
      return {
        ok: false,
        error: new AppError("invalid_request", "กรุณาเลือกระยะผ่อนผัน 0 ถึง 7 วัน / Choose a grace of 0 to 7 days.", {
          errors: [{ path: "graceSeconds", message: "0..604800" }],
        }),
      };
    }
  }
  if (!values.reason.trim()) {
    return {
      ok: false,
      error: new AppError("invalid_request", "กรุณาระบุเหตุผล / Give a reason.", {
        errors: [{ path: "reason", message: "required" }],
      }),
    };
  }
  const parsed = parseForm(RequiredReasonBody, { reason: values.reason });
  return parsed.ok ? { ok: true, value: { reason: parsed.value.reason, graceSeconds } } : parsed;
}

/** How a refused confirmation shows: its message, and the field it belongs to. */
export function failureOf(error: AppError): { message: string; field: "reason" | "graceSeconds" | null } {
  const path = error.errors?.[0]?.path;
  const field = path === "reason" || path === "graceSeconds" ? path : null;
  const detail = error.errors?.[0]?.message;
  const message = field && detail && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
  return { message: field ? message : messageOf(error), field };
}

/** The banner after a done action: forced rotation that changed no key says so instead. */
export function doneKey(done: string, result: unknown): string {
  const keys = (result as { keys?: unknown } | null)?.keys;
  return done === "keys-expired" && keys === 0 ? "keys-none" : done;
}

/**
 * The post of a confirmation page (Post/Redirect/Get): reads the reason (and grace), runs the
 * action, delivers its e-mails after the response and redirects to `location(result)`; a
 * refusal shows the confirmation page again with the error at its field and the error's status.
 */
export async function confirmAction(
  c: Context<AppEnv>,
  spec: {
    needsGrace: boolean;
    run: (input: { reason: string; graceSeconds: number }) => Promise<unknown>;
    location: (result: unknown) => string;
    confirmation: () => Promise<Confirmation>;
  },
) {
  const admin = pageUser(c);
  const form = await formFields(c);
  const values: ConfirmValues = { reason: form.reason ?? "", graceSeconds: form.graceSeconds ?? "" };
  const input = confirmInput(values, spec.needsGrace);
  const outcome = input.ok ? await attempt(() => spec.run(input.value)) : input;
  if (outcome.ok) {
    const sent = (outcome.value as { outboxIds?: string[] } | null)?.outboxIds;
    if (sent) deliverAfterResponse(c, sent);
    return c.redirect(spec.location(outcome.value), 303);
  }
  return c.html(
    <ConfirmPage
      user={layoutUser(admin)}
      confirm={await spec.confirmation()}
      error={failureOf(outcome.error)}
      values={values}
    />,
    outcome.error.status as ContentfulStatusCode,
  );
}
