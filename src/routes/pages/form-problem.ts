import type { AppError, ErrorCode } from "../../errors";
import type { Bilingual } from "../../text/bilingual";
import type { FormProblem } from "../../views/platform/form-problem";

/**
 * How a form's fields are named to people when they are wrong: for each input (its `name` and
 * `id`), the message to show when its value is missing or invalid ("Enter your work phone", never
 * the field's id); and, optionally, which field a service's error code is about (e.g.
 * `email_domain_mismatch` → the agency).
 */
export interface FormMessages {
  fields: Record<string, Bilingual>;
  codes?: Partial<Record<ErrorCode, string>>;
}

/**
 * The FormProblem of a failed action: field errors of a checked form (parseForm's `errors`,
 * whose paths start with the field's name) get that field's message; a service error whose code
 * the form assigns to a field is shown there; anything else is a form-level message.
 */
export function formProblem(error: AppError, messages: FormMessages): FormProblem {
  const fields: FormProblem["fields"] = [];
  const general: Bilingual[] = [];
  const add = (field: string, text: Bilingual) => {
    if (!fields.some((f) => f.field === field)) fields.push({ field, text });
  };
  // A service error a form assigns to a field says the service's own words there (e.g. "the
  // approver must be someone else"), before any generic message of that field.
  const codeField = messages.codes?.[error.code];
  if (codeField) add(codeField, error.text);
  for (const e of error.errors ?? []) {
    // A nested path names its input by joining the steps: `approver.email` → `approverEmail`.
    const steps = e.path.split(".");
    const joined = steps.map((step, i) => (i === 0 ? step : step.charAt(0).toUpperCase() + step.slice(1))).join("");
    const field = Object.hasOwn(messages.fields, joined) ? joined : (steps[0] ?? "");
    const text = Object.hasOwn(messages.fields, field) ? messages.fields[field] : undefined;
    if (text) add(field, text);
  }
  if (fields.length === 0) general.push(error.text);
  // The summary lists the fields in the form's own order.
  const order = Object.keys(messages.fields);
  fields.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { fields, general };
}
