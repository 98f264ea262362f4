import * as v from "valibot";
import { WEBHOOK_EVENT_TYPES } from "../../lib/vocabulary";
import { isoDate, nullableIso, text } from "../atoms";

// The webhook endpoints' and deliveries' requests and answers (src/routes/admin/webhooks.ts).
// The URL's own rules (https, no credentials, no fragment) are the service's, so that the
// console's form and the API refuse the same URLs (webhookUrlProblem).

const EVENT_CHOICES = ["*", ...WEBHOOK_EVENT_TYPES] as const;

/** A URL as sent; its rules are checked by the service (a clear problem at `url`). */
const UrlField = v.pipe(v.string(), v.maxLength(2000, "ยาวเกิน 2000 ตัวอักษร / at most 2000 characters"));
const EventsField = v.pipe(
  v.array(v.picklist(EVENT_CHOICES, `ชนิดเหตุการณ์ที่รู้จัก หรือ * / one of ${EVENT_CHOICES.join(", ")}`)),
  v.minLength(1, "เลือกอย่างน้อยหนึ่งรายการ / at least one event type"),
  v.maxLength(EVENT_CHOICES.length, "too many"),
);

export const WebhookEndpointBody = v.object({
  url: UrlField,
  description: v.optional(text(200, { optional: true })),
  /** The events delivered: some of the types, or `["*"]` for all (also later ones). */
  events: v.optional(EventsField, ["*"]),
});

export const WebhookEndpointPatch = v.object({
  url: v.optional(UrlField),
  description: v.optional(text(200, { optional: true })),
  events: v.optional(EventsField),
  status: v.optional(v.picklist(["enabled", "disabled"])),
});

export const WebhookEndpointJson = v.object({
  id: v.string(),
  url: v.string(),
  description: v.string(),
  /** The signing secret (`whsec_` + base64): the receiver verifies the `webhook-signature` with it. */
  secret: v.string(),
  events: v.array(v.picklist(EVENT_CHOICES)),
  status: v.picklist(["enabled", "disabled"]),
  /** Until when deliveries also carry the signature of the secret before the last rotation (null: they do not). */
  previousSecretExpiresAt: nullableIso,
  createdBy: v.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export const WebhookEndpointList = v.object({ endpoints: v.array(WebhookEndpointJson) });
export const WebhookEndpointResponse = v.object({ endpoint: WebhookEndpointJson });

const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export const WebhookDeliveryQuery = v.object({ status: v.optional(v.picklist(DELIVERY_STATUSES)) });
export const WebhookDeliveryJson = v.object({
  id: v.string(),
  endpointId: v.string(),
  /** The `webhook-id` header: the same on every attempt and every endpoint. */
  eventId: v.string(),
  eventType: v.string(),
  status: v.picklist(DELIVERY_STATUSES),
  attempts: v.number(),
  nextAttemptAt: nullableIso,
  /** The receiver's last HTTP status (null: no answer). */
  lastStatus: v.nullable(v.number()),
  /** What went wrong last (at most about 200 characters of the answer). */
  lastError: v.nullable(v.string()),
  createdAt: isoDate,
  deliveredAt: nullableIso,
});
export const WebhookDeliveryList = v.object({ deliveries: v.array(WebhookDeliveryJson) });
export const WebhookDeliveryResponse = v.object({ delivery: WebhookDeliveryJson });

export const RotateSecretBody = v.strictObject({
  /** Stop the old secret at once (it leaked) rather than after a day of double signatures. */
  immediately: v.optional(v.boolean(), false),
});
