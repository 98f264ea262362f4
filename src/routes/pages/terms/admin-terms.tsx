import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { publishTerms } from "../../../services/terms/publish";
import { currentTermsVersion } from "../../../services/terms/versions";
import { TermsPublishBody } from "../../terms/schemas";
import { ADMIN_DONE } from "../../../views/platform/admin-parts";
import type { TermsFormValues } from "../../../views/terms/admin-terms-form";
import { AdminTermsPage } from "../../../views/terms/admin-terms-page";
import { formProblem, type FormMessages } from "../form-problem";
import { attempt, formFields, layoutUser, pageUser, parseForm, doneOf } from "../helpers";
import { html } from "../render";

export const adminTermsPages = new Hono<AppEnv>();

/** How the publish form names its fields when they are wrong (see FormMessages). */
const TERMS_MESSAGES: FormMessages = {
  fields: {
    version: {
      th: "กรอกรุ่นของข้อตกลง ใช้ตัวอักษรอังกฤษ ตัวเลข . _ - ไม่เกิน 50 ตัว เช่น 2025-06",
      en: "Enter the version: letters, digits, . _ - (up to 50), like 2025-06",
    },
    titleTh: { th: "กรอกหัวเรื่องภาษาไทย ไม่เกิน 300 ตัวอักษร", en: "Enter the Thai title, up to 300 characters" },
    titleEn: { th: "กรอกหัวเรื่องภาษาอังกฤษ ไม่เกิน 300 ตัวอักษร", en: "Enter the English title, up to 300 characters" },
    bodyTh: { th: "กรอกเนื้อหาภาษาไทย ไม่เกิน 30,000 ตัวอักษร", en: "Enter the Thai text, up to 30,000 characters" },
    bodyEn: {
      th: "กรอกเนื้อหาภาษาอังกฤษ ไม่เกิน 30,000 ตัวอักษร",
      en: "Enter the English text, up to 30,000 characters",
    },
    effectiveAt: {
      th: "กรอกวันและเวลาที่มีผลให้ครบ หรือเว้นว่างเพื่อให้มีผลทันที",
      en: "Enter the date and time it takes effect in full, or leave it empty to take effect now",
    },
  },
  codes: { conflict: "version" },
};

async function render(c: Context<AppEnv>, user: User, failed: { error: AppError; values: TermsFormValues } | null) {
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <AdminTermsPage
      user={layoutUser(user)}
      currentVersion={await currentTermsVersion(c.var.deps.db, c.var.deps.clock.now())}
      notice={doneOf(c, ADMIN_DONE)}
      problem={failed ? formProblem(failed.error, TERMS_MESSAGES) : null}
      values={failed?.values ?? null}
    />,
    (failed?.error.status ?? 200) as ContentfulStatusCode,
  );
}

adminTermsPages.get("/admin/terms", page("admin"), (c) => render(c, pageUser(c), null));

/** A `datetime-local` value is Bangkok wall time; the API takes an ISO timestamp. */
function bangkokToIso(local: string): string | null | undefined {
  const text = local.trim();
  if (!text) return null;
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.exec(text);
  const ms = match ? Date.parse(`${text}${match[1] ? "" : ":00"}+07:00`) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

adminTermsPages.post("/admin/terms", page("admin"), async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  const fields = ["version", "titleTh", "titleEn", "bodyTh", "bodyEn", "effectiveAt"] as const;
  const values = Object.fromEntries(fields.map((f) => [f, form[f] ?? ""])) as TermsFormValues;
  const effectiveAt = bangkokToIso(values.effectiveAt);
  const input =
    effectiveAt === undefined
      ? {
          ok: false as const,
          error: new AppError(
            "invalid_request",
            { th: "วันเวลาที่มีผลไม่ถูกต้อง", en: "The effective date and time is not valid." },
            {
              errors: [{ path: "effectiveAt", message: "a date and time" }],
            },
          ),
        }
      : parseForm(TermsPublishBody, { ...values, effectiveAt });
  const outcome = input.ok ? await attempt(() => publishTerms(c.var.deps, user, input.value, c.var.meta)) : input;
  if (!outcome.ok) return render(c, user, { error: outcome.error, values });
  deliverAfterResponse(c, outcome.value.outboxIds ?? []);
  return c.redirect("/admin/terms?done=terms", 303);
});
