import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { isBlank } from "../../../lib/fields";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { listAgencyChoices } from "../../../services/agencies/agency";
import { submitApplication } from "../../../services/applications/submit";
import { acceptTerms, acceptedVersion, currentTerms, requireCurrentTerms } from "../../../services/terms/acceptance";
import { agencyOfEmail } from "../../../services/agencies/mail-domains";
import { formProblem, type FormMessages } from "../form-problem";
import type { FormProblem } from "../../../views/platform/form-problem";
import { termsJson } from "../../terms/serializers";
import { ApplicationBody } from "../../applications/schemas";
import { TermsAcceptBody } from "../../terms/schemas";
import { ApplyPage, type AgencyOption, type ApplyValues } from "../../../views/applications/apply-page";
import { TermsPage } from "../../../views/terms/terms-page";
import { attempt, formFields, layoutUser, pageUser, parseForm } from "../helpers";
import { html } from "../render";
import { APPLICANT_FIELDS, applicationPages } from "./application-pages";

/** The terms, the application form, and (mounted below) the applicant's own applications. */
export const accountPages = new Hono<AppEnv>();

accountPages.get("/terms", page("session"), async (c) => {
  const user = pageUser(c);
  const { deps } = c.var;
  const terms = await requireCurrentTerms(deps.db, deps.clock.now());
  return html(
    c,
    <TermsPage
      user={layoutUser(user)}
      terms={termsJson(terms)}
      acceptedVersion={await acceptedVersion(deps.db, user.id)}
    />,
  );
});

/** The terms' box, named for people when it is not ticked (see FormMessages). */
const TERMS_MESSAGES = {
  fields: {
    accept: {
      th: "ทำเครื่องหมายว่าท่านได้อ่านและยอมรับข้อตกลง",
      en: "Tick the box to say you have read and accept the terms",
    },
  },
} satisfies FormMessages;

accountPages.post("/terms/accept", page("session"), async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  if (form.accept !== "yes") {
    // Acceptance is an act of the person: the box must be ticked, not only the version posted.
    const { deps } = c.var;
    const terms = await requireCurrentTerms(deps.db, deps.clock.now());
    const unticked = new AppError("invalid_request", TERMS_MESSAGES.fields.accept, {
      errors: [{ path: "accept", message: "required" }],
    });
    return html(
      c,
      <TermsPage
        user={layoutUser(user)}
        terms={termsJson(terms)}
        acceptedVersion={await acceptedVersion(deps.db, user.id)}
        problem={formProblem(unticked, TERMS_MESSAGES)}
      />,
      unticked.status,
    );
  }
  const input = parseForm(TermsAcceptBody, { version: form.version ?? "" });
  if (!input.ok) throw input.error;
  await acceptTerms(c.var.deps, user.id, user.email ?? user.id, input.value.version, c.var.meta);
  return c.redirect("/apply", 303);
});

/** How the application form names its fields when they are wrong (see FormMessages). */
const APPLY_MESSAGES: FormMessages = {
  fields: {
    agencyId: { th: "เลือกหน่วยงานของท่าน", en: "Choose your agency" },
    ...APPLICANT_FIELDS,
    approverName: { th: "กรอกชื่อผู้อนุมัติ", en: "Enter the approver's name" },
    approverPosition: { th: "กรอกตำแหน่งผู้อนุมัติ", en: "Enter the approver's position" },
    approverEmail: {
      th: "กรอกอีเมลราชการของผู้อนุมัติ เช่น name@agency.go.th",
      en: "Enter the approver's government e-mail, like name@agency.go.th",
    },
  },
  codes: {
    email_domain_mismatch: "agencyId",
    not_found: "agencyId",
    approver_is_applicant: "approverEmail",
    email_domain_not_allowed: "approverEmail",
  },
};

async function renderApply(
  c: Context<AppEnv>,
  user: User,
  state: { values?: ApplyValues; problem?: FormProblem; status?: ContentfulStatusCode } = {},
) {
  const { deps } = c.var;
  const [agencies, terms, accepted] = await Promise.all([
    listAgencyChoices(deps.db),
    currentTerms(deps.db, deps.clock.now()),
    acceptedVersion(deps.db, user.id),
  ]);
  const values = state.values ?? { agencyId: agencyOfEmail(agencies, user.email, deps.config.sharedMailDomains) ?? "" };
  return html(
    c,
    <ApplyPage
      user={layoutUser(user)}
      agencies={agencies}
      termsAccepted={!terms || accepted === terms.version}
      values={values}
      problem={state.problem ?? null}
    />,
    state.status ?? 200,
  );
}

accountPages.get("/apply", page("session"), (c) => renderApply(c, pageUser(c)));

/**
 * The nominated approver to send: only for an agency with no executive on file, and only when
 * all three fields are filled (some but not all is an error there, rather than silently nothing).
 */
function nominationOf(
  values: ApplyValues,
  agency: AgencyOption | undefined,
): { name: string; position: string; email: string } | AppError | undefined {
  if (!agency || agency.hasExecutive) return undefined;
  // As typed: the schema checks the text before it trims.
  const name = values.approverName ?? "";
  const position = values.approverPosition ?? "";
  const email = values.approverEmail ?? "";
  const filled = [name, position, email].filter((v) => !isBlank(v)).length;
  if (filled === 0) return undefined;
  if (filled < 3) {
    const missing = (["approverName", "approverPosition", "approverEmail"] as const).filter((k) =>
      isBlank(values[k] ?? ""),
    );
    return new AppError(
      "invalid_request",
      {
        th: "กรุณากรอกชื่อ ตำแหน่ง และอีเมลของผู้อนุมัติให้ครบ หรือเว้นว่างทั้งหมด",
        en: "Give the approver's name, position and e-mail, or leave all three empty.",
      },
      { errors: missing.map((path) => ({ path, message: "required" })) },
    );
  }
  return { name, position, email };
}

accountPages.post("/apply", page("session"), async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  const values: ApplyValues = {
    agencyId: form.agencyId ?? "",
    position: form.position ?? "",
    phone: form.phone ?? "",
    reason: form.reason ?? "",
    approverName: form.approverName ?? "",
    approverPosition: form.approverPosition ?? "",
    approverEmail: form.approverEmail ?? "",
  };
  const options = await listAgencyChoices(c.var.deps.db);
  const approver = nominationOf(
    values,
    options.find((a) => a.id === values.agencyId),
  );
  const input =
    approver instanceof AppError
      ? { ok: false as const, error: approver }
      : parseForm(ApplicationBody, {
          agencyId: values.agencyId,
          role: "steward",
          position: values.position,
          phone: values.phone,
          reason: values.reason,
          ...(approver ? { approver } : {}),
        });
  const submitted = input.ok
    ? await attempt(() => submitApplication(c.var.deps, user, input.value, c.var.meta))
    : input;
  if (!submitted.ok) {
    const problem = formProblem(submitted.error, APPLY_MESSAGES);
    return renderApply(c, user, { values, problem, status: submitted.error.status });
  }
  deliverAfterResponse(c, submitted.value.outboxIds);
  return c.redirect(`/applications/${submitted.value.application.application.id}?done=submitted`, 303);
});

// The applicant's own applications (list, one application, resubmit, withdraw).
accountPages.route("/", applicationPages);
