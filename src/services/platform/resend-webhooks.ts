import { eq, sql } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { outbox, webhookEvents } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import { AppError } from "../../errors";
import type { Deps } from "../../deps";
import { APPROVAL_TEMPLATES, approverBounceStatements } from "../applications/approver-bounce";
import { suppressStatement } from "./suppressions";

// Resend's webhooks (https://resend.com/docs/webhooks): signed the Svix / Standard Webhooks way
// (`svix-id`, `svix-timestamp`, `svix-signature`: HMAC-SHA256 of "id.timestamp.body" with the
// endpoint's `whsec_` secret). Verified by the `standardwebhooks` package, which also refuses a
// timestamp more than 5 minutes from now; each delivery id is handled once.

/** The part of a Resend event this service reads. */
export interface ResendEvent {
  type: string;
  created_at?: string;
  data?: {
    email_id?: string;
    to?: string[] | string;
    bounce?: { type?: string; subType?: string; message?: string };
  };
}

/** A verified delivery: its id (the replay key) and the event. */
export interface VerifiedWebhook {
  id: string;
  event: ResendEvent;
}

/**
 * Verifies a delivery's signature over the raw `body` with `secret` (`whsec_…`), reading the
 * `svix-*` headers (or the Standard Webhooks `webhook-*` ones) through `header`. Returns the
 * delivery id and the parsed event. Throws 401 `invalid_signature` (forged, stale, missing
 * headers) or 400 `invalid_request` (a signed body that is no event).
 */
export function verifyResendWebhook(
  secret: string,
  body: string,
  header: (name: string) => string | undefined,
): VerifiedWebhook {
  const pick = (name: string) => header(`svix-${name}`) ?? header(`webhook-${name}`) ?? "";
  const headers = {
    "webhook-id": pick("id"),
    "webhook-timestamp": pick("timestamp"),
    "webhook-signature": pick("signature"),
  };
  let event: unknown;
  try {
    event = new Webhook(secret).verify(body, headers);
  } catch (error) {
    if (error instanceof WebhookVerificationError || error instanceof SyntaxError)
      throw new AppError("invalid_signature", {
        th: "ลายมือชื่อของ webhook ไม่ถูกต้องหรือหมดอายุ",
        en: `The webhook's signature does not verify (${error.message}).`,
      });
    throw error;
  }
  if (typeof event !== "object" || event === null || typeof (event as ResendEvent).type !== "string")
    throw new AppError("invalid_request", { th: "ไม่ใช่เหตุการณ์ของ Resend", en: "The body is no Resend event." });
  return { id: headers["webhook-id"], event: event as ResendEvent };
}

const DELIVERY: Record<string, "delivered" | "delayed" | "bounced" | "complained"> = {
  "email.delivered": "delivered",
  "email.delivery_delayed": "delayed",
  "email.bounced": "bounced",
  "email.complained": "complained",
};

/**
 * Which stored state an event may replace: events arrive in any order, and a later "delayed"
 * must not hide a delivery, nor a delivery a bounce or complaint.
 */
const MAY_REPLACE: Record<string, string[]> = {
  delayed: ["delayed"],
  delivered: ["delayed", "delivered"],
  bounced: ["delayed", "delivered", "bounced"],
  complained: ["delayed", "delivered", "bounced", "complained"],
};

export type WebhookOutcome = "recorded" | "duplicate" | "ignored";

const recipientsOf = (event: ResendEvent): string[] => {
  const to = event.data?.to;
  return (Array.isArray(to) ? to : typeof to === "string" ? [to] : []).filter((a) => typeof a === "string");
};

/**
 * Records a verified event in one atomic batch with the delivery id, so a replay or a duplicate
 * (also a concurrent one) changes nothing and answers `duplicate`. `email.delivered`,
 * `email.delivery_delayed`, `email.bounced`, `email.complained` are written on the outbox row of
 * the message (found by Resend's email id); a bounce (not a transient one) or a complaint also
 * suppresses its recipients and, for an approval request, flags the application and tells the
 * applicant. Other event types are acknowledged (`ignored`). Returns the outcome and the outbox
 * ids to deliver.
 */
export async function recordResendEvent(
  deps: Deps,
  webhook: VerifiedWebhook,
): Promise<{ outcome: WebhookOutcome; outboxIds: string[] }> {
  const { id, event } = webhook;
  const [seen] = await deps.db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, id));
  if (seen) return { outcome: "duplicate", outboxIds: [] };
  const now = deps.clock.now();
  const statements: Statement[] = [
    deps.db.insert(webhookEvents).values({ id, source: "resend", type: event.type.slice(0, 100), receivedAt: now }),
  ];
  const outboxIds: string[] = [];
  const kind = DELIVERY[event.type];
  const emailId = event.data?.email_id;
  const [message] =
    kind && typeof emailId === "string"
      ? await deps.db.select().from(outbox).where(eq(outbox.providerId, emailId)).limit(1)
      : [];
  if (kind && message) {
    const at = Date.parse(event.created_at ?? "") || now;
    const bounce = event.data?.bounce;
    const detail = bounce
      ? [bounce.type, bounce.subType, bounce.message].filter(Boolean).join(" · ").slice(0, 500)
      : null;
    statements.push(
      deps.db
        .update(outbox)
        .set({ delivery: kind, deliveryAt: at, deliveryDetail: detail })
        .where(
          sql`${outbox.id} = ${message.id} AND (${outbox.delivery} IS NULL OR ${outbox.delivery} IN ${MAY_REPLACE[kind]!})`,
        ),
    );
  }
  const hard = (kind === "bounced" && event.data?.bounce?.type?.toLowerCase() !== "transient") || kind === "complained";
  if (hard) {
    const addresses =
      recipientsOf(event).length > 0 ? recipientsOf(event) : message ? (JSON.parse(message.to) as string[]) : [];
    for (const address of addresses.slice(0, 50)) {
      const reason = kind === "complained" ? "complaint" : "bounce";
      statements.push(
        suppressStatement(deps.db, {
          address,
          reason,
          detail: event.data?.bounce?.message ?? null,
          messageId: message?.id ?? null,
          now,
        }),
        auditStatement(deps.db, {
          actor: "resend",
          action: "mail.suppressed",
          subject: `email:${address.toLowerCase()}`,
          detail: { reason, message: message?.id ?? null, template: message?.template ?? null, event: id },
          at: now,
          meta: null,
        }),
      );
      if (message?.applicationId && APPROVAL_TEMPLATES.has(message.template)) {
        const flag = await approverBounceStatements(deps, {
          applicationId: message.applicationId,
          address,
          cause: event.type,
          now,
        });
        statements.push(...flag.statements);
        outboxIds.push(...flag.outboxIds);
      }
    }
  }
  try {
    await runBatch(deps.db, statements);
  } catch (error) {
    // A concurrent delivery of the same event inserted its id first: the whole batch rolled back.
    if (error instanceof Error && /UNIQUE constraint failed: webhook_events\.id/.test(error.message))
      return { outcome: "duplicate", outboxIds: [] };
    throw error;
  }
  return { outcome: kind ? "recorded" : "ignored", outboxIds };
}
