import { Hono } from "hono";
import * as v from "valibot";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { listMail, retryMessage, type MailRecord } from "../../services/platform/mail-admin";
import { liftSuppression, listSuppressions, type Suppression } from "../../services/platform/suppressions";
import { BODY_ERRORS, describe, validate } from "../operation";
import { IdParam, ReasonBody } from "../atoms";
import { LiftBody, MailList, MailQuery, MailResponse, SuppressionJson, SuppressionList } from "./schemas";

// The mail administrators look after: dead letters with a retry, the suppression list.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function mailJson(m: MailRecord): v.InferOutput<typeof MailResponse>["message"] {
  return {
    ...m,
    delivery: m.delivery as "delivered" | "delayed" | "bounced" | "complained" | null,
    createdAt: iso(m.createdAt)!,
    sentAt: iso(m.sentAt),
    deliveryAt: iso(m.deliveryAt),
  };
}

export function suppressionJson(s: Suppression): v.InferOutput<typeof SuppressionJson> {
  return { ...s, createdAt: iso(s.createdAt)!, liftedAt: iso(s.liftedAt) };
}

export const adminMailRoutes = new Hono<AdminEnv>();

adminMailRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary:
      "Messages that failed (default), were suppressed, or bounced: recipient, template, attempts, last error; never a body",
    response: MailList,
    errors: ["invalid_request"],
  }),
  validate("query", MailQuery),
  async (c) =>
    c.json({ messages: (await listMail(c.var.deps, c.req.valid("query").status ?? "failed")).map(mailJson) }),
);

adminMailRoutes.post(
  "/:id/retry",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Send a failed message again (attempts reset; audited)",
    description: "409 `invalid_transition` when it is not failed, or when its one-time code or link has expired.",
    response: MailResponse,
    errors: [...BODY_ERRORS, "not_found", "invalid_transition"],
  }),
  validate("param", IdParam),
  validate("json", ReasonBody),
  async (c) => {
    const message = await retryMessage(
      c.var.deps,
      c.var.admin,
      c.req.valid("param").id,
      c.req.valid("json").reason ?? null,
      c.var.meta,
    );
    deliverAfterResponse(c, [message.id]);
    return c.json({ message: mailJson(message) });
  },
);

export const adminSuppressionRoutes = new Hono<AdminEnv>();

adminSuppressionRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Addresses mail is not sent to (hard bounces and complaints), newest first",
    response: SuppressionList,
  }),
  async (c) => c.json({ suppressions: (await listSuppressions(c.var.deps.db)).map(suppressionJson) }),
);

adminSuppressionRoutes.post(
  "/lift",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Lift a suppression: mail to the address is sent again (audited with the reason)",
    description: "404 when the address is not suppressed (also when another administrator lifted it first).",
    response: v.object({ suppression: SuppressionJson }),
    errors: [...BODY_ERRORS, "not_found"],
  }),
  validate("json", LiftBody),
  async (c) => {
    const { address, reason } = c.req.valid("json");
    const lifted = await liftSuppression(c.var.deps, c.var.admin, address, reason, c.var.meta);
    return c.json({ suppression: suppressionJson(lifted) });
  },
);
