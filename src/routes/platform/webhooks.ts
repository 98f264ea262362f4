import { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { AppError } from "../../errors";
import { recordResendEvent, verifyResendWebhook } from "../../services/platform/resend-webhooks";
import { describe } from "../operation";

/** Webhooks from outside services, authenticated by their signatures. */
export const webhookRoutes = new Hono<AppEnv>();

webhookRoutes.post(
  "/resend",
  describe({
    tags: ["Webhooks"],
    summary: "Resend's delivery events (delivered, delayed, bounced, complained)",
    description:
      "Signed as Resend signs (Svix / Standard Webhooks: `svix-id`, `svix-timestamp`, `svix-signature` over the raw body, with RESEND_WEBHOOK_SECRET); a timestamp more than 5 minutes away is refused. " +
      "Each delivery id is handled once: a replay answers `duplicate` and changes nothing. A bounce or complaint suppresses the recipients; a bounced approval request flags its application. " +
      "Other event types are acknowledged (`ignored`). 404 when no signing secret is configured.",
    response: v.object({ outcome: v.picklist(["recorded", "duplicate", "ignored"]) }),
    errors: ["invalid_request", "not_found", "payload_too_large", "unsupported_media_type"],
    security: "webhook",
  }),
  async (c) => {
    const secret = c.var.deps.config.resendWebhookSecret;
    if (!secret) throw new AppError("not_found", { th: "ไม่ได้ตั้งค่า webhook", en: "No webhook is configured." });
    const verified = verifyResendWebhook(secret, await c.req.text(), (name) => c.req.header(name));
    const { outcome, outboxIds } = await recordResendEvent(c.var.deps, verified);
    deliverAfterResponse(c, outboxIds);
    return c.json({ outcome });
  },
);
