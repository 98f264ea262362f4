import { Hono } from "hono";
import type * as v from "valibot";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverWebhooksAfterResponse } from "../../middleware/after-commit";
import {
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  registerWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpoint,
} from "../../services/portal/webhook-endpoints";
import {
  listWebhookDeliveries,
  retryWebhookDelivery,
  type WebhookDelivery,
} from "../../services/portal/webhook-deliveries";
import { BODY_ERRORS, describe, validate } from "../operation";
import { IdParam } from "../atoms";
import {
  RotateSecretBody,
  WebhookDeliveryJson,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookDeliveryResponse,
  WebhookEndpointBody,
  WebhookEndpointJson,
  WebhookEndpointList,
  WebhookEndpointPatch,
  WebhookEndpointResponse,
} from "./webhook-schemas";

// Signed events for other portals (docs/webhooks.md): the endpoints administrators register, and
// their deliveries. Answers carry the signing secret: never cached.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const NO_STORE = { "Cache-Control": "no-store" };

export function endpointJson(e: WebhookEndpoint): v.InferOutput<typeof WebhookEndpointJson> {
  const { previousSecretUntil, ...rest } = e;
  return {
    ...rest,
    previousSecretExpiresAt: iso(previousSecretUntil),
    createdAt: iso(e.createdAt)!,
    updatedAt: iso(e.updatedAt)!,
  };
}

export function deliveryJson(d: WebhookDelivery): v.InferOutput<typeof WebhookDeliveryJson> {
  return { ...d, nextAttemptAt: iso(d.nextAttemptAt), createdAt: iso(d.createdAt)!, deliveredAt: iso(d.deliveredAt) };
}

const tags = ["Administration"];
const URL_RULES =
  'The URL is https (plain http only outside production), without user name, password or #fragment, at most 2,000 characters; `events` are some of the event types or `["*"]` (every type, also later ones). A URL or event list that breaks these is 400 `invalid_request` with the field\'s path.';

export const adminWebhookRoutes = new Hono<AdminEnv>();

adminWebhookRoutes.get(
  "/",
  describe({
    security: "admin",
    tags,
    summary: "Webhook endpoints, newest first, with their signing secrets",
    response: WebhookEndpointList,
  }),
  async (c) => c.json({ endpoints: (await listWebhookEndpoints(c.var.deps)).map(endpointJson) }, 200, NO_STORE),
);

adminWebhookRoutes.post(
  "/",
  describe({
    security: "admin",
    tags,
    summary: "Register a webhook endpoint (enabled, with a fresh `whsec_` secret; audited)",
    description: URL_RULES,
    status: 201,
    response: WebhookEndpointResponse,
    errors: [...BODY_ERRORS],
  }),
  validate("json", WebhookEndpointBody),
  async (c) => {
    const endpoint = await registerWebhookEndpoint(c.var.deps, c.var.admin, c.req.valid("json"), c.var.meta);
    return c.json({ endpoint: endpointJson(endpoint) }, 201, NO_STORE);
  },
);

adminWebhookRoutes.patch(
  "/:id",
  describe({
    security: "admin",
    tags,
    summary: "Change an endpoint's URL, description, events or status (audited)",
    description: `${URL_RULES} Disabling it fails its pending deliveries (they may be sent again once it is enabled).`,
    response: WebhookEndpointResponse,
    errors: [...BODY_ERRORS, "not_found"],
  }),
  validate("param", IdParam),
  validate("json", WebhookEndpointPatch),
  async (c) => {
    const endpoint = await updateWebhookEndpoint(
      c.var.deps,
      c.var.admin,
      c.req.valid("param").id,
      c.req.valid("json"),
      c.var.meta,
    );
    return c.json({ endpoint: endpointJson(endpoint) }, 200, NO_STORE);
  },
);

adminWebhookRoutes.delete(
  "/:id",
  describe({
    security: "admin",
    tags,
    summary: "Delete an endpoint and its deliveries (audited); nothing more is sent to it",
    status: 204,
    errors: ["not_found"],
  }),
  validate("param", IdParam),
  async (c) => {
    await deleteWebhookEndpoint(c.var.deps, c.var.admin, c.req.valid("param").id, c.var.meta);
    return c.body(null, 204);
  },
);

adminWebhookRoutes.post(
  "/:id/rotate-secret",
  describe({
    security: "admin",
    tags,
    summary: "Give an endpoint a fresh signing secret (audited); the old one still signs for a day",
    description:
      "For 24 hours each delivery's `webhook-signature` carries two signatures, the new secret's and the old one's (space-separated, as Standard Webhooks provides for rotation), so the receiver can switch without refusing events; `previousSecretExpiresAt` says until when. `immediately: true` (a secret that leaked) stops the old one at once: deliveries the receiver refuses until it has the new secret are retried on the usual schedule (5 s, 5 min, 30 min, …). Send `{}` for the default (an empty body is read as `{}`). A second rotation within the day keeps only the secret it replaced.",
    response: WebhookEndpointResponse,
    errors: [...BODY_ERRORS, "not_found"],
  }),
  validate("param", IdParam),
  validate("json", RotateSecretBody),
  async (c) => {
    const endpoint = await rotateWebhookSecret(
      c.var.deps,
      c.var.admin,
      c.req.valid("param").id,
      c.req.valid("json"),
      c.var.meta,
    );
    return c.json({ endpoint: endpointJson(endpoint) }, 200, NO_STORE);
  },
);

adminWebhookRoutes.get(
  "/:id/deliveries",
  describe({
    security: "admin",
    tags,
    summary: "An endpoint's deliveries, newest first (at most 100): status, attempts, the receiver's last answer",
    response: WebhookDeliveryList,
    errors: ["invalid_request", "not_found"],
  }),
  validate("param", IdParam),
  validate("query", WebhookDeliveryQuery),
  async (c) => {
    const deliveries = await listWebhookDeliveries(c.var.deps, c.req.valid("param").id, c.req.valid("query"));
    return c.json({ deliveries: deliveries.map(deliveryJson) });
  },
);

export const adminWebhookDeliveryRoutes = new Hono<AdminEnv>();

adminWebhookDeliveryRoutes.post(
  "/:id/retry",
  describe({
    security: "admin",
    tags,
    summary: "Send a failed delivery again (attempts reset, the same webhook-id; audited)",
    description:
      "409 `invalid_transition` when it is not failed (also when another administrator retried it first), or its endpoint is disabled.",
    response: WebhookDeliveryResponse,
    errors: ["unsupported_media_type", "payload_too_large", "not_found", "invalid_transition"],
  }),
  validate("param", IdParam),
  async (c) => {
    const delivery = await retryWebhookDelivery(c.var.deps, c.var.admin, c.req.valid("param").id, c.var.meta);
    deliverWebhooksAfterResponse(c, [delivery.eventId]);
    return c.json({ delivery: deliveryJson(delivery) });
  },
);
