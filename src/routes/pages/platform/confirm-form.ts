import { AppError } from "../../../errors";
import { RequiredReasonBody } from "../../atoms";
import { messageOf, parseForm } from "../helpers";

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
