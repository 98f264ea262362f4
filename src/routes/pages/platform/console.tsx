import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { confirmApprover, reviewApplication } from "../../../services/applications/review";
import { listApplications, type ApplicationFilter } from "../../../services/applications/application-list";
import { consoleSummary } from "../../../services/platform/console-summary";
import { applicationJson } from "../../applications/serializers";
import { PUBLIC_APPLICATION_STATUSES } from "../../../workflow/application-machine";
import { ApproverBody } from "../../applications/schemas";
import { ReasonBody, RequiredReasonBody } from "../../atoms";
import { approverSection } from "../../../views/applications/admin-approver-form";
import {
  AdminApplicationsPage,
  reviewSection,
  type AdminApplicationView,
} from "../../../views/applications/admin-page";
import { ADMIN_DONE, type AdminFailure } from "../../../views/platform/admin-parts";
import { ConsoleHome } from "../../../views/platform/console-home";
import { attempt, formFields, layoutUser, pageUser, parseForm, doneOf } from "../helpers";
import { consoleFormProblem } from "../applications/review-forms";
import { applicationView } from "../applications/application-view";
import { html } from "../render";

export const adminPages = new Hono<AppEnv>();

adminPages.get("/admin", page("admin"), async (c) => {
  const user = pageUser(c);
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <ConsoleHome user={layoutUser(user)} counts={await consoleSummary(c.var.deps)} notice={doneOf(c, ADMIN_DONE)} />,
  );
});

type Tab = "review" | "applications";

const FILTERS = [...PUBLIC_APPLICATION_STATUSES, "open", "all"] as const;

/** A console list of applications: the review queue, or every application by status. */
async function renderList(c: Context<AppEnv>, user: User, tab: Tab, failure: Failure | null = null) {
  const q = (c.req.query("q") ?? "").slice(0, 200);
  const param = c.req.query("status") ?? "open";
  const filter = tab === "review" ? "awaiting_review" : (FILTERS as readonly string[]).includes(param) ? param : "open";
  const cursor = failure ? null : (c.req.query("cursor") ?? null);
  const status = filter === "all" ? null : (filter as ApplicationFilter["status"]);
  const listed = await attempt(() => listApplications(c.var.deps, { status, q, cursor }));
  const rows: AdminApplicationView[] = (listed.ok ? listed.value.items : []).map(
    ({ record, agency, awaitingApprover }) => {
      const a = applicationJson(record);
      return {
        ...applicationView(a, [agency], awaitingApprover),
        applicantId: a.applicant.id,
        applicantName: a.applicant.name,
        applicantEmail: a.applicant.email,
      };
    },
  );
  c.header("Cache-Control", "no-store");
  const shown: AdminFailure | null = failure
    ? {
        section: failure.section,
        message: failure.error.message,
        values: failure.values,
        problem: consoleFormProblem(failure) ?? { fields: [], general: [failure.error.text] },
      }
    : listed.ok
      ? null
      : {
          section: "q",
          message: listed.error.message,
          values: {},
          problem: { fields: [], general: [listed.error.text] },
        };
  return html(
    c,
    <AdminApplicationsPage
      user={layoutUser(user)}
      tab={tab}
      applications={rows}
      q={q}
      filter={filter}
      cursor={listed.ok ? cursor : null}
      nextCursor={listed.ok ? listed.value.nextCursor : null}
      notice={doneOf(c, ADMIN_DONE)}
      failure={shown}
    />,
    (failure?.error.status ?? (listed.ok ? 200 : 400)) as ContentfulStatusCode,
  );
}

adminPages.get("/admin/review", page("admin"), (c) => renderList(c, pageUser(c), "review"));
adminPages.get("/admin/applications", page("admin"), (c) => renderList(c, pageUser(c), "applications"));

type Failure = { section: string; error: AppError; values: Record<string, string> };
type Outcome = { ok: true; value: { outboxIds?: string[] } } | { ok: false; error: AppError };

/** After a review action: its e-mails go out and the browser is sent on, or the queue shows the error at its form. */
function finish(c: Context<AppEnv>, user: User, outcome: Outcome, failed: Omit<Failure, "error">, location: string) {
  if (!outcome.ok) return renderList(c, user, "review", { ...failed, error: outcome.error });
  deliverAfterResponse(c, outcome.value.outboxIds ?? []);
  return c.redirect(location, 303);
}

adminPages.post("/admin/applications/:id/:decision{(?:approve|reject|return)}", page("admin"), async (c) => {
  const user = pageUser(c);
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
            ? new AppError("invalid_request", {
                th: "กรุณาระบุเหตุผลที่ส่งกลับ",
                en: "A returned application needs a reason.",
              })
            : input.error,
      }
    : await attempt(() => reviewApplication(c.var.deps, user, id, { decision, reason }, c.var.meta));
  return finish(
    c,
    user,
    outcome,
    { section: reviewSection(id), values: { decision, reason: form.reason ?? "" } },
    "/admin/review?done=reviewed",
  );
});

adminPages.post("/admin/applications/:id/approver", page("admin"), async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const values = { name: form.name ?? "", position: form.position ?? "", email: form.email ?? "" };
  const input = parseForm(ApproverBody, values);
  const outcome = input.ok
    ? await attempt(() => confirmApprover(c.var.deps, user, id, input.value, c.var.meta))
    : input;
  return finish(c, user, outcome, { section: approverSection(id), values }, "/admin/review?done=approver");
});
