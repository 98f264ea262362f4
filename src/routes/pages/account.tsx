import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { deliverAfterResponse } from "../../lib/after-commit";
import { listAgencies, type AgencyView } from "../../services/agencies";
import { listUserApplications, loadApplication, serializeApplication, submitApplication, withdrawApplication, type ApplicationJson } from "../../services/applications";
import { acceptTerms, acceptedVersion, requireCurrentTerms, serializeTerms } from "../../services/terms";
import { applicationTransition, type ApplicationStatus } from "../../workflow/application-machine";
import { ApplicationPage, ApplicationsPage, type ApplicationView } from "../../views/applications-page";
import { ApplyPage } from "../../views/apply-page";
import { TermsPage } from "../../views/terms-page";
import { attempt, formFields, layoutUser, messageOf, pageUser } from "./helpers";

export const accountPages = new Hono<AppEnv>();

accountPages.get("/terms", async (c) => {
  const user = pageUser(c);
  const { deps } = c.var;
  const terms = await requireCurrentTerms(deps.db, deps.clock.now());
  return c.html(<TermsPage user={layoutUser(user)} terms={serializeTerms(terms)} acceptedVersion={await acceptedVersion(deps.db, user.id)} />);
});

accountPages.post("/terms/accept", async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  await acceptTerms(c.var.deps, user.id, user.email ?? user.id, form.version ?? "", c.var.meta);
  return c.redirect("/apply", 303);
});

accountPages.get("/apply", async (c) => {
  const user = pageUser(c);
  return c.html(<ApplyPage user={layoutUser(user)} agencies={await listAgencies(c.var.deps.db, null)} />);
});

accountPages.post("/apply", async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  const input = { agencyId: form.agencyId ?? "", role: "steward" as const, position: form.position?.trim() ?? "", phone: form.phone?.trim() ?? "", reason: form.reason?.trim() ?? "" };
  const missing = !input.agencyId || !input.position || !input.phone || !input.reason;
  const submitted = missing ? null : await attempt(() => submitApplication(c.var.deps, user, input, c.var.meta));
  if (!submitted?.ok) {
    const error = submitted ? messageOf(submitted.error) : "กรุณากรอกข้อมูลให้ครบ / Please fill in every field";
    return c.html(<ApplyPage user={layoutUser(user)} agencies={await listAgencies(c.var.deps.db, null)} error={error} values={input} />, submitted ? submitted.error.status : 400);
  }
  deliverAfterResponse(c, submitted.value.outboxIds);
  return c.redirect(`/applications/${submitted.value.application.id}`, 303);
});

function toView(app: ApplicationJson, agencies: AgencyView[]): ApplicationView {
  const agency = agencies.find((a) => a.id === app.agencyId);
  return {
    id: app.id,
    agencyNameTh: agency?.nameTh ?? app.agencyId,
    agencyNameEn: agency?.nameEn ?? app.agencyId,
    role: app.role,
    status: app.status,
    position: app.position,
    phone: app.phone,
    reason: app.reason,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    decidedAt: app.decidedAt,
    decidedBy: app.decidedBy,
    decisionReason: app.decisionReason,
  };
}

accountPages.get("/applications", async (c) => {
  const user = pageUser(c);
  const [apps, agencies] = await Promise.all([listUserApplications(c.var.deps.db, user), listAgencies(c.var.deps.db, null)]);
  return c.html(<ApplicationsPage user={layoutUser(user)} applications={apps.map((a) => toView(a, agencies))} />);
});

accountPages.get("/applications/:id", async (c) => {
  const user = pageUser(c);
  const ctx = await loadApplication(c.var.deps, c.req.param("id"), user);
  const app = serializeApplication(ctx.application, ctx.applicant);
  const canWithdraw = ctx.application.userId === user.id && applicationTransition(ctx.application.status as ApplicationStatus, "WITHDRAWN") !== null;
  return c.html(<ApplicationPage user={layoutUser(user)} application={toView(app, [{ ...ctx.agency, domains: [] }])} canWithdraw={canWithdraw} />);
});
accountPages.post("/applications/:id/withdraw", async (c) => {
  const user = pageUser(c);
  const { outboxIds } = await withdrawApplication(c.var.deps, user, c.req.param("id"), c.var.meta);
  deliverAfterResponse(c, outboxIds);
  return c.redirect(`/applications/${c.req.param("id")}`, 303);
});
