import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { deliverAfterResponse, deliverWebhooksAfterResponse } from "../../../middleware/after-commit";
import { AppError, type FieldError } from "../../../errors";
import { ConfirmPage, type Confirmation } from "../../../views/platform/confirm-page";
import { RequiredReasonBody } from "../../atoms";
import { attempt, formFields, layoutUser, pageUser, parseForm } from "../helpers";
import { formProblem, type FormMessages } from "../form-problem";
import { html } from "../render";

// The form of a confirmation page (views/platform/confirm-page.tsx): a required reason and,
// for forced rotation, a grace in seconds.

export type ConfirmValues = { reason: string; graceSeconds: string };

/** The most grace a forced rotation may have, in seconds (CONTRACT: 0..604800). */
const MAX_GRACE_SECONDS = 604800;

/**
 * Checks a posted confirmation with the API's own reason rule; the grace, when asked for, is
 * whole seconds within 0..604800. A failure is a 400 AppError naming every field that is wrong.
 */
export function confirmInput(
  values: ConfirmValues,
  needsGrace: boolean,
): { ok: true; value: { reason: string; graceSeconds: number } } | { ok: false; error: AppError } {
  const errors: FieldError[] = [];
  let graceSeconds = 0;
  if (needsGrace) {
    const text = values.graceSeconds.trim();
    graceSeconds = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    if (!(graceSeconds >= 0 && graceSeconds <= MAX_GRACE_SECONDS))
      errors.push({ path: "graceSeconds", message: "0..604800" });
  }
  const parsed = values.reason.trim() ? parseForm(RequiredReasonBody, { reason: values.reason }) : null;
  if (!parsed) errors.push({ path: "reason", message: "required" });
  else if (!parsed.ok) errors.push(...(parsed.error.errors ?? [{ path: "reason", message: "invalid" }]));
  if (errors.length > 0 || !parsed?.ok) {
    return {
      ok: false,
      error: new AppError("invalid_request", { th: "กรุณาตรวจสอบข้อมูลที่กรอก", en: "Please check the form." }, { errors }),
    };
  }
  return { ok: true, value: { reason: parsed.value.reason, graceSeconds } };
}

/** How a confirmation's fields are named when they are wrong (GOV.UK's error pattern). */
const CONFIRM_MESSAGES: FormMessages = {
  fields: {
    graceSeconds: { th: "เลือกระยะผ่อนผัน 0 ถึง 7 วัน", en: "Choose a grace of 0 to 7 days" },
    reason: {
      th: "ระบุเหตุผลของการดำเนินการนี้ ไม่เกิน 2,000 ตัวอักษร",
      en: "Give the reason for this action, up to 2,000 characters",
    },
  },
};

/** The banner after a done action: forced rotation that changed no key says so instead. */
export function doneKey(done: string, result: unknown): string {
  const keys = (result as { keys?: unknown } | null)?.keys;
  return done === "keys-expired" && keys === 0 ? "keys-none" : done;
}

/**
 * The post of a confirmation page (Post/Redirect/Get): reads the reason (and grace), runs the
 * action, delivers its e-mails and webhook events after the response and redirects to `location(result)`; a
 * refusal shows the confirmation page again with the error summary, the message at its field,
 * the values as typed and the error's status.
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
    const { outboxIds, eventIds } = (outcome.value ?? {}) as { outboxIds?: string[]; eventIds?: string[] };
    if (outboxIds) deliverAfterResponse(c, outboxIds);
    if (eventIds) deliverWebhooksAfterResponse(c, eventIds);
    return c.redirect(spec.location(outcome.value), 303);
  }
  return html(
    c,
    <ConfirmPage
      user={layoutUser(admin)}
      confirm={await spec.confirmation()}
      problem={formProblem(outcome.error, CONFIRM_MESSAGES)}
      values={values}
    />,
    outcome.error.status as ContentfulStatusCode,
  );
}
