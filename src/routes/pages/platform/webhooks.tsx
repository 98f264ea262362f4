import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import { deliverWebhooksAfterResponse } from "../../../middleware/after-commit";
import { AppError } from "../../../errors";
import {
  listWebhookEndpoints,
  registerWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "../../../services/portal/webhook-endpoints";
import { listWebhookDeliveries, retryWebhookDelivery } from "../../../services/portal/webhook-deliveries";
import {
  claimFormToken,
  newFormToken,
  postedFormToken,
  releaseFormToken,
} from "../../../services/platform/form-tokens";
import { WEBHOOKS_DONE, WebhooksPage } from "../../../views/platform/webhooks-page";
import { WEBHOOK_FORM_MESSAGES, type WebhookFormValues } from "../../../views/platform/webhook-form";
import { WebhookEndpointBody } from "../../admin/webhook-schemas";
import { formProblem } from "../form-problem";
import { attempt, doneOf, formBody, layoutUser, pageUser, parseForm } from "../helpers";
import { html } from "../render";

/** The administrators' webhooks page (GET /admin/webhooks) and its actions, each redirecting back. */
export const webhookPages = new Hono<AppEnv>();

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Deliveries shown per endpoint (the API lists up to 100). */
const RECENT = 20;

async function renderWebhooks(
  c: Context<AppEnv>,
  failure: { error: AppError; values?: WebhookFormValues; form?: boolean } | null = null,
  status: ContentfulStatusCode = 200,
) {
  const { deps } = c.var;
  const endpoints = await listWebhookEndpoints(deps);
  const rows = await Promise.all(
    endpoints.map(async (e) => ({
      ...e,
      events: [...e.events],
      createdAt: iso(e.createdAt)!,
      previousSecretUntil: iso(e.previousSecretUntil),
      rotateToken: newFormToken(),
      deliveries: (await listWebhookDeliveries(deps, e.id, { limit: RECENT })).map((d) => ({
        ...d,
        createdAt: iso(d.createdAt)!,
        nextAttemptAt: iso(d.nextAttemptAt),
      })),
    })),
  );
  // The page shows signing secrets: never kept by a cache.
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <WebhooksPage
      user={layoutUser(pageUser(c))}
      endpoints={rows}
      formToken={newFormToken()}
      values={failure?.values ?? null}
      problem={failure?.form ? formProblem(failure.error, WEBHOOK_FORM_MESSAGES) : null}
      error={failure && !failure.form ? failure.error.text : null}
      notice={failure ? null : doneOf(c, WEBHOOKS_DONE)}
    />,
    status,
  );
}

webhookPages.get("/admin/webhooks", page("admin"), (c) => renderWebhooks(c));

webhookPages.post("/admin/webhooks", page("admin"), async (c) => {
  const admin = pageUser(c);
  // Several boxes share the name `events`: every value is kept.
  const body = await c.req.parseBody({ all: true }).catch(() => {
    throw new AppError("invalid_request", {
      th: "แบบฟอร์มไม่สมบูรณ์ กรุณาส่งใหม่",
      en: "The form arrived incomplete; please send it again.",
    });
  });
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
  const events = [body.events ?? []].flat().filter((e): e is string => typeof e === "string");
  const values: WebhookFormValues = { url: text("url").trim(), description: text("description"), events };
  const input = parseForm(WebhookEndpointBody, { url: values.url, description: values.description, events });
  if (!input.ok) return renderWebhooks(c, { error: input.error, values, form: true }, 400);
  // A second post of the same form (a double click) registers nothing more.
  const token = postedFormToken(text("formToken"));
  if (token && !(await claimFormToken(c.var.deps.db, admin.id, token, c.var.deps.clock.now())))
    return c.redirect("/admin/webhooks?done=resent", 303);
  const done = await attempt(() => registerWebhookEndpoint(c.var.deps, admin, input.value, c.var.meta));
  if (!done.ok) {
    if (token) await releaseFormToken(c.var.deps.db, admin.id, token);
    return renderWebhooks(c, { error: done.error, values, form: true }, 400);
  }
  return c.redirect("/admin/webhooks?done=registered", 303);
});

webhookPages.post("/admin/webhooks/:id/status", page("admin"), async (c) => {
  const body = await formBody(c);
  const status = body.status === "enabled" ? "enabled" : body.status === "disabled" ? "disabled" : null;
  if (!status)
    return renderWebhooks(
      c,
      { error: new AppError("invalid_request", { th: "สถานะไม่ถูกต้อง", en: "Not a status." }) },
      400,
    );
  const done = await attempt(() =>
    updateWebhookEndpoint(c.var.deps, pageUser(c), c.req.param("id"), { status }, c.var.meta),
  );
  if (!done.ok) return renderWebhooks(c, { error: done.error }, done.error.status as ContentfulStatusCode);
  return c.redirect(`/admin/webhooks?done=${status}`, 303);
});

webhookPages.post("/admin/webhooks/:id/rotate-secret", page("admin"), async (c) => {
  const admin = pageUser(c);
  const body = await formBody(c);
  const immediately = body.immediately === "true";
  // A second post of the same form (a double click without JavaScript) rotates nothing more:
  // it would make the secret the receiver still uses two rotations old, and stop it at once.
  const token = postedFormToken(typeof body.formToken === "string" ? body.formToken : "");
  if (token && !(await claimFormToken(c.var.deps.db, admin.id, token, c.var.deps.clock.now())))
    return c.redirect("/admin/webhooks?done=resent", 303);
  const done = await attempt(() =>
    rotateWebhookSecret(c.var.deps, admin, c.req.param("id"), { immediately }, c.var.meta),
  );
  if (!done.ok) {
    if (token) await releaseFormToken(c.var.deps.db, admin.id, token);
    return renderWebhooks(c, { error: done.error }, done.error.status as ContentfulStatusCode);
  }
  return c.redirect(`/admin/webhooks?done=${immediately ? "rotated_now" : "rotated"}`, 303);
});

webhookPages.post("/admin/webhook-deliveries/:id/retry", page("admin"), async (c) => {
  const done = await attempt(() => retryWebhookDelivery(c.var.deps, pageUser(c), c.req.param("id"), c.var.meta));
  if (!done.ok) return renderWebhooks(c, { error: done.error }, done.error.status as ContentfulStatusCode);
  deliverWebhooksAfterResponse(c, [done.value.eventId]);
  return c.redirect("/admin/webhooks?done=retried", 303);
});
