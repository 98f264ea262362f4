import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { isBlank } from "../../../lib/fields";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { listAgencies, listAgencyChoices } from "../../../services/agencies/agency";
import {
  listUserApplications,
  viewApplication,
  resubmitApplication,
  withdrawApplication,
} from "../../../services/applications/applications";
import { submitApplication } from "../../../services/applications/submit";
import { applicationJson } from "../../applications/serializers";
import { applicationView } from "./application-view";
import { acceptTerms, acceptedVersion, requireCurrentTerms } from "../../../services/terms/acceptance";
import { termsJson } from "../../terms/serializers";
import { applicationTransition, type ApplicationStatus } from "../../../workflow/application-machine";
import { ApplicationBody, ResubmitBody } from "../../applications/schemas";
import { TermsAcceptBody } from "../../terms/schemas";
import { ApplicationPage } from "../../../views/applications/application-page";
import { ApplicationsPage } from "../../../views/applications/applications-page";
import type { ResubmitValues } from "../../../views/applications/application-views";
import { ApplyPage, type AgencyOption, type ApplyValues } from "../../../views/applications/apply-page";
import { TermsPage } from "../../../views/terms/terms-page";
import { attempt, formFields, layoutUser, messageOf, pageUser, parseForm, doneOf } from "../helpers";

export const accountPages = new Hono<AppEnv>();

accountPages.get("/terms", page("session"), async (c) => {
  const user = pageUser(c);
  const { deps } = c.var;
  const terms = await requireCurrentTerms(deps.db, deps.clock.now());
  return c.html(
    <TermsPage
      user={layoutUser(user)}
      terms={termsJson(terms)}
      acceptedVersion={await acceptedVersion(deps.db, user.id)}
    />,
  );
});

accountPages.post("/terms/accept", page("session"), async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  if (form.accept !== "yes") {
    // Acceptance is an act of the person: the box must be ticked, not only the version posted.
    const { deps } = c.var;
    const terms = await requireCurrentTerms(deps.db, deps.clock.now());
    const error = "กรุณาทำเครื่องหมายว่าท่านได้อ่านและยอมรับข้อตกลง / Tick the box to accept the terms.";
    return c.html(
      <TermsPage
        user={layoutUser(user)}
        terms={termsJson(terms)}
        acceptedVersion={await acceptedVersion(deps.db, user.id)}
        error={error}
      />,
      400,
    );
  }
  const input = parseForm(TermsAcceptBody, { version: form.version ?? "" });
  if (!input.ok) throw input.error;
  await acceptTerms(c.var.deps, user.id, user.email ?? user.id, input.value.version, c.var.meta);
  return c.redirect("/apply", 303);
});

accountPages.get("/apply", page("session"), async (c) => {
  const user = pageUser(c);
  return c.html(<ApplyPage user={layoutUser(user)} agencies={await listAgencyChoices(c.var.deps.db)} />);
});

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
    return new AppError(
      "invalid_request",
      "กรุณากรอกชื่อ ตำแหน่ง และอีเมลของผู้อนุมัติให้ครบ หรือเว้นว่างทั้งหมด / Give the approver's name, position and e-mail, or leave all three empty.",
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
    return c.html(
      <ApplyPage user={layoutUser(user)} agencies={options} error={messageOf(submitted.error)} values={values} />,
      submitted.error.status,
    );
  }
  deliverAfterResponse(c, submitted.value.outboxIds);
  return c.redirect(`/applications/${submitted.value.application.application.id}?done=submitted`, 303);
});

accountPages.get("/applications", page("session"), async (c) => {
  const user = pageUser(c);
  const [apps, agencies] = await Promise.all([
    listUserApplications(c.var.deps.db, user),
    listAgencies(c.var.deps.db, null),
  ]);
  return c.html(
    <ApplicationsPage
      user={layoutUser(user)}
      applications={apps.map((a) => applicationView(applicationJson(a), agencies))}
    />,
  );
});

/** The banner after an action on the application, by `?done=`; `{reference}` is the application's number. */
const DONE: Record<string, string> = {
  submitted:
    "ส่งคำขอแล้ว เลขที่คำขอ {reference} ใช้อ้างอิงเมื่อติดต่อ สพร. ขั้นตอนถัดไปแสดงด้านล่าง / Your application is sent: quote reference {reference} when you contact DGA. The next step is shown below.",
  resubmitted: "ส่งคำขออีกครั้งแล้ว ผู้บริหารได้รับลิงก์อนุมัติใหม่ / Submitted again: the executive has a new approval link.",
};

async function renderApplication(
  c: Context<AppEnv>,
  user: User,
  id: string,
  failed: { error: AppError; values: ResubmitValues } | null = null,
) {
  const { ctx, record } = await viewApplication(c.var.deps, id, user);
  const status = ctx.application.status as ApplicationStatus;
  const own = ctx.application.userId === user.id;
  const view = applicationView(applicationJson(record), [ctx.agency], status === "awaiting_approver");
  return c.html(
    <ApplicationPage
      user={layoutUser(user)}
      application={view}
      canWithdraw={own && applicationTransition(status, "WITHDRAWN") !== null}
      canResubmit={own && applicationTransition(status, "RESUBMITTED") !== null}
      notice={failed ? null : (doneOf(c, DONE)?.replaceAll("{reference}", view.reference) ?? null)}
      error={failed ? messageOf(failed.error) : null}
      resubmitValues={failed?.values ?? null}
    />,
    (failed?.error.status ?? 200) as ContentfulStatusCode,
  );
}

accountPages.get("/applications/:id", page("session"), (c) => renderApplication(c, pageUser(c), c.req.param("id")));

accountPages.post("/applications/:id/resubmit", page("session"), async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const values: ResubmitValues = { position: form.position ?? "", phone: form.phone ?? "", reason: form.reason ?? "" };
  const input = parseForm(ResubmitBody, values);
  const done = input.ok
    ? await attempt(() => resubmitApplication(c.var.deps, user, id, input.value, c.var.meta))
    : input;
  if (!done.ok) {
    if (done.error.code === "not_found") throw done.error;
    return renderApplication(c, user, id, { error: done.error, values });
  }
  deliverAfterResponse(c, done.value.outboxIds);
  return c.redirect(`/applications/${encodeURIComponent(id)}?done=resubmitted`, 303);
});

accountPages.post("/applications/:id/withdraw", page("session"), async (c) => {
  const user = pageUser(c);
  const { outboxIds } = await withdrawApplication(c.var.deps, user, c.req.param("id"), c.var.meta);
  deliverAfterResponse(c, outboxIds);
  return c.redirect(`/applications/${c.req.param("id")}`, 303);
});
