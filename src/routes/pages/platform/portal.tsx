import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as v from "valibot";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import { deliverPortalAfterResponse } from "../../../middleware/after-commit";
import { AppError } from "../../../errors";
import { listCkanCalls, retryCkanCalls } from "../../../services/portal/ckan-calls";
import { applyStewardView, checkNow, listOrganizations } from "../../../services/portal/ckan-organizations";
import { PORTAL_DONE, PortalPage } from "../../../views/platform/portal-page";
import { attempt, doneOf, layoutUser, pageUser } from "../helpers";
import { html } from "../render";
import { CkanName } from "../../admin/portal-schemas";

/** The administrators' CKAN page (GET /admin/portal) and its actions, each redirecting back. */
export const portalPages = new Hono<AppEnv>();

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function renderPortal(c: Context<AppEnv>, error: AppError | null = null, status: ContentfulStatusCode = 200) {
  const { deps } = c.var;
  const [calls, organizations] = await Promise.all([listCkanCalls(deps, "attention"), listOrganizations(deps)]);
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <PortalPage
      user={layoutUser(pageUser(c))}
      ckanUrl={deps.config.ckan?.url ?? null}
      calls={calls.map((call) => ({ ...call, nextAttemptAt: iso(call.nextAttemptAt)! }))}
      organizations={organizations.map((o) => ({
        ...o,
        agencies: o.agencies.map((a) => ({ th: a.nameTh, en: a.nameEn })),
        checkedAt: iso(o.checkedAt),
      }))}
      notice={error ? null : doneOf(c, PORTAL_DONE)}
      error={error?.text ?? null}
    />,
    status,
  );
}

/** The organization named in the path, as CKAN spells names; else the page says so (404). */
function organizationOf(c: Context<AppEnv>): string | null {
  const parsed = v.safeParse(CkanName, c.req.param("organization"));
  return parsed.success ? parsed.output : null;
}

const statusOf = (error: AppError): ContentfulStatusCode => (error.code === "not_found" ? 404 : 409);

/** Runs a page action: back to the page with `done`, or the page with the error. */
async function act(c: Context<AppEnv>, work: () => Promise<unknown>, done: string) {
  const result = await attempt(work);
  if (!result.ok) return renderPortal(c, result.error, statusOf(result.error));
  deliverPortalAfterResponse(c);
  return c.redirect(`/admin/portal?done=${done}`, 303);
}

const noSuchOrganization = () =>
  new AppError("not_found", { th: "ไม่มีหน่วยงานใดผูกกับองค์กรนี้", en: "No agency maps to this organization." });

portalPages.get("/admin/portal", page("admin"), (c) => renderPortal(c));

portalPages.post("/admin/portal/calls/:id/retry", page("admin"), (c) =>
  act(c, () => retryCkanCalls(c.var.deps, pageUser(c), [c.req.param("id")], null, c.var.meta), "retried"),
);

portalPages.post("/admin/portal/calls/retry", page("admin"), (c) =>
  act(c, () => retryCkanCalls(c.var.deps, pageUser(c), null, null, c.var.meta), "retried"),
);

portalPages.post("/admin/portal/organizations/:organization/check", page("admin"), (c) => {
  const organization = organizationOf(c);
  if (!organization) return renderPortal(c, noSuchOrganization(), 404);
  return act(c, () => checkNow(c.var.deps, organization), "checked");
});

portalPages.post("/admin/portal/organizations/:organization/apply", page("admin"), (c) => {
  const organization = organizationOf(c);
  if (!organization) return renderPortal(c, noSuchOrganization(), 404);
  return act(c, () => applyStewardView(c.var.deps, pageUser(c), organization, null, c.var.meta), "applied");
});
