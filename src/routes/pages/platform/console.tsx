import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { confirmApprover, reviewApplication, reviewQueue } from "../../../services/applications/review";
import { reactivateUser, removeUserPasskeys, suspendUser } from "../../../services/identity/admin-users";
import { applicationJson } from "../../applications/serializers";
import { revokeMembership } from "../../../services/applications/memberships";
import { publishTerms } from "../../../services/terms/publish";
import { currentTermsVersion } from "../../../services/terms/versions";
import { PUBLIC_APPLICATION_STATUSES, type PublicApplicationStatus } from "../../../workflow/application-machine";
import { TermsPublishBody } from "../../terms/schemas";
import { ApproverBody } from "../../applications/schemas";
import { IdParam, ReasonBody, RequiredReasonBody } from "../../atoms";
import { approverSection } from "../../../views/applications/admin-approver-form";
import { AdminPage, reviewSection, type AdminApplicationView } from "../../../views/applications/admin-page";
import { ADMIN_DONE } from "../../../views/platform/admin-parts";
import { TERMS_SECTION } from "../../../views/terms/admin-terms-form";
import { REVOKE_SECTION, USER_ACTIONS, USER_SECTION, type UserAction } from "../../../views/identity/admin-user-tools";
import { attempt, formFields, layoutUser, messageOf, pageUser, parseForm } from "../helpers";

export const adminPages = new Hono<AppEnv>();

type Failure = { section: string; error: AppError; values: Record<string, string> };
type Outcome = { ok: true; value: { outboxIds?: string[] } } | { ok: false; error: AppError };

function requirePageAdmin(c: Context<AppEnv>) {
  const user = pageUser(c);
  if (!user.isAdmin) throw new AppError("forbidden", "Administrators only. / สำหรับผู้ดูแลระบบเท่านั้น");
  return user;
}

async function renderAdmin(
  c: Context<AppEnv>,
  user: User,
  filter: PublicApplicationStatus | null,
  failure: Failure | null = null,
) {
  const { db, clock } = c.var.deps;
  const [queue, termsVersion] = await Promise.all([reviewQueue(db, filter), currentTermsVersion(db, clock.now())]);
  const rows: AdminApplicationView[] = queue.map(({ record, agency, membership, awaitingApprover }) => {
    const a = applicationJson(record);
    return {
      id: a.id,
      agencyNameTh: agency.nameTh,
      agencyNameEn: agency.nameEn,
      role: a.role,
      status: a.status,
      position: a.position,
      phone: a.phone,
      reason: a.reason,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      decidedAt: a.decidedAt,
      decidedBy: a.decidedBy,
      decisionReason: a.decisionReason,
      deadlineAt: a.deadlineAt,
      approver: a.approver,
      awaitingApprover,
      applicantId: a.applicant.id,
      applicantName: a.applicant.name,
      applicantEmail: a.applicant.email,
      membership,
    };
  });
  const notice = failure ? null : (ADMIN_DONE[c.req.query("done") ?? ""] ?? null);
  const shown = failure
    ? { section: failure.section, message: messageOf(failure.error), values: failure.values }
    : null;
  c.header("Cache-Control", "no-store");
  return c.html(
    <AdminPage
      user={layoutUser(user)}
      applications={rows}
      filter={filter}
      currentTermsVersion={termsVersion}
      notice={notice}
      failure={shown}
    />,
    (failure?.error.status ?? 200) as ContentfulStatusCode,
  );
}

/** After an action: its e-mails go out and the browser is sent on, or the page shows the error at its form. */
function finish(c: Context<AppEnv>, user: User, outcome: Outcome, failed: Omit<Failure, "error">, location: string) {
  if (!outcome.ok) return renderAdmin(c, user, null, { ...failed, error: outcome.error });
  deliverAfterResponse(c, outcome.value.outboxIds ?? []);
  return c.redirect(location, 303);
}

adminPages.get("/admin", page("admin"), (c) => {
  const user = requirePageAdmin(c);
  const status = c.req.query("status");
  const filter = (PUBLIC_APPLICATION_STATUSES as readonly string[]).includes(status ?? "")
    ? (status as PublicApplicationStatus)
    : null;
  return renderAdmin(c, user, filter);
});

adminPages.post("/admin/applications/:id/:decision{(?:approve|reject|return)}", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const decision = c.req.param("decision") as "approve" | "reject" | "return";
  const input = parseForm(decision === "return" ? RequiredReasonBody : ReasonBody, { reason: form.reason ?? "" });
  const reason = input.ok ? input.value.reason || null : null;
  const outcome = !input.ok
    ? {
        ok: false as const,
        error:
          decision === "return" && !form.reason?.trim()
            ? new AppError("invalid_request", "กรุณาระบุเหตุผลที่ส่งกลับ / A returned application needs a reason.")
            : input.error,
      }
    : await attempt(() => reviewApplication(c.var.deps, user, id, { decision, reason }, c.var.meta));
  return finish(
    c,
    user,
    outcome,
    { section: reviewSection(id), values: { decision, reason: form.reason ?? "" } },
    "/admin?status=awaiting_review&done=reviewed",
  );
});

adminPages.post("/admin/applications/:id/approver", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const values = { name: form.name ?? "", position: form.position ?? "", email: form.email ?? "" };
  const input = parseForm(ApproverBody, values);
  const outcome = input.ok
    ? await attempt(() => confirmApprover(c.var.deps, user, id, input.value, c.var.meta))
    : input;
  return finish(c, user, outcome, { section: approverSection(id), values }, "/admin?done=approver");
});

/** A `datetime-local` value is Bangkok wall time; the API takes an ISO timestamp. */
function bangkokToIso(local: string): string | null | undefined {
  const text = local.trim();
  if (!text) return null;
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.exec(text);
  const ms = match ? Date.parse(`${text}${match[1] ? "" : ":00"}+07:00`) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

adminPages.post("/admin/terms", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const form = await formFields(c);
  const fields = ["version", "titleTh", "titleEn", "bodyTh", "bodyEn", "effectiveAt"] as const;
  const values = Object.fromEntries(fields.map((f) => [f, form[f] ?? ""])) as Record<(typeof fields)[number], string>;
  const effectiveAt = bangkokToIso(values.effectiveAt);
  const input =
    effectiveAt === undefined
      ? {
          ok: false as const,
          error: new AppError("invalid_request", "วันเวลาที่มีผลไม่ถูกต้อง / The effective date and time is not valid.", {
            errors: [{ path: "effectiveAt", message: "a date and time" }],
          }),
        }
      : parseForm(TermsPublishBody, { ...values, effectiveAt });
  const outcome = input.ok ? await attempt(() => publishTerms(c.var.deps, user, input.value, c.var.meta)) : input;
  return finish(c, user, outcome, { section: TERMS_SECTION, values }, "/admin?done=terms#terms");
});

async function revoke(c: Context<AppEnv>, pathId: string | null) {
  const user = requirePageAdmin(c);
  const form = await formFields(c);
  const values = { membershipId: pathId ?? form.membershipId ?? "", reason: form.reason ?? "" };
  const id = values.membershipId.trim();
  const input = parseForm(IdParam, { id }).ok
    ? parseForm(RequiredReasonBody, { reason: values.reason })
    : {
        ok: false as const,
        error: new AppError("invalid_request", "กรุณาระบุรหัสบทบาทให้ถูกต้อง / Give a valid membership ID."),
      };
  const outcome = input.ok
    ? await attempt(() => revokeMembership(c.var.deps, user, id, input.value.reason, c.var.meta))
    : input;
  return finish(c, user, outcome, { section: REVOKE_SECTION, values }, "/admin?done=revoked#user-tools");
}

adminPages.post("/admin/memberships/revoke", page("admin"), (c) => revoke(c, null));
adminPages.post("/admin/memberships/:id/revoke", page("admin"), (c) => revoke(c, c.req.param("id")));

type UserService = (
  deps: AppEnv["Variables"]["deps"],
  admin: User,
  id: string,
  reason: string,
  meta: AppEnv["Variables"]["meta"],
) => Promise<unknown>;
const USER_SERVICES: Record<UserAction, UserService> = {
  suspend: suspendUser,
  reactivate: reactivateUser,
  "remove-passkeys": removeUserPasskeys,
};
const USER_DONE: Record<UserAction, string> = {
  suspend: "suspended",
  reactivate: "reactivated",
  "remove-passkeys": "passkeys",
};

async function userAction(c: Context<AppEnv>, pathId: string | null, pathAction: string | null) {
  const admin = requirePageAdmin(c);
  const form = await formFields(c);
  const values = {
    userId: pathId ?? form.userId ?? "",
    action: pathAction ?? form.action ?? "",
    reason: form.reason ?? "",
  };
  const failed = { section: USER_SECTION, values };
  const id = values.userId.trim();
  const action = Object.hasOwn(USER_ACTIONS, values.action) ? (values.action as UserAction) : null;
  const validId = parseForm(IdParam, { id }).ok;
  if (!validId || !action) {
    const message = !validId
      ? "กรุณาระบุรหัสผู้ใช้ให้ถูกต้อง / Give a valid user ID."
      : "กรุณาเลือกการดำเนินการ / Choose an action.";
    return finish(c, admin, { ok: false, error: new AppError("invalid_request", message) }, failed, "/admin");
  }
  const input = parseForm(RequiredReasonBody, { reason: values.reason });
  const outcome = input.ok
    ? await attempt(
        async () => (await USER_SERVICES[action](c.var.deps, admin, id, input.value.reason, c.var.meta), {}),
      )
    : input;
  return finish(c, admin, outcome, failed, `/admin?done=${USER_DONE[action]}#user-tools`);
}

adminPages.post("/admin/users", page("admin"), (c) => userAction(c, null, null));
adminPages.post("/admin/users/:id/:action{(?:suspend|reactivate|remove-passkeys)}", page("admin"), (c) =>
  userAction(c, c.req.param("id"), c.req.param("action")),
);
