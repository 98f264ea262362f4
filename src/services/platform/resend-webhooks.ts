import { eq, sql } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import * as v from "valibot";
import { EmailAddress } from "../../lib/fields";
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

/** The part of a Resend event this service reads (other fields are kept out). */
const ResendEventSchema = v.object({
  type: v.pipe(v.string(), v.maxLength(100)),
  created_at: v.optional(v.string()),
  data: v.optional(
    v.object({
      email_id: v.optional(v.string()),
      to: v.optional(v.union([v.string(), v.array(v.unknown())])),
      bounce: v.optional(
        v.object({
          type: v.optional(v.string()),
          subType: v.optional(v.string()),
          message: v.optional(v.string()),
        }),
      ),
    }),
  ),
});

export type ResendEvent = v.InferOutput<typeof ResendEventSchema>;

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
    if (error instanceof WebhookVerificationError)
      throw new AppError("invalid_signature", {
        th: "ลายมือชื่อของ webhook ไม่ถูกต้องหรือหมดอายุ",
        en: `The webhook's signature does not verify (${error.message}).`,
      });
    // Signed, but no JSON.
    if (error instanceof SyntaxError) throw notAnEvent("malformed JSON");
    throw error;
  }
  const parsed = v.safeParse(ResendEventSchema, event);
  if (!parsed.success) throw notAnEvent(parsed.issues[0]?.message ?? "not an event");
  return { id: headers["webhook-id"], event: parsed.output };
}

const notAnEvent = (why: string) =>
  new AppError(
    "invalid_request",
    { th: "ไม่ใช่เหตุการณ์ของ Resend", en: "The body is no Resend event." },
    { errors: [{ path: "$", message: why }] },
  );

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

/** The event's recipients that are well-formed addresses, lower-cased. */
const recipientsOf = (event: ResendEvent): string[] => {
  const to = event.data?.to;
  const listed: unknown[] = Array.isArray(to) ? to : typeof to === "string" ? [to] : [];
  return listed.flatMap((a) => {
    const address = v.safeParse(EmailAddress, a);
    return address.success ? [address.output] : [];
  });
};

/** A moment from Resend (ISO 8601), or `fallback` when it is none or absurd. */
const momentOf = (iso: string | undefined, fallback: number): number => {
  const at = Date.parse(iso ?? "");
  return Number.isFinite(at) && at > Date.UTC(2020, 0, 1) ? at : fallback;
};

/**
 * Records a verified event in one atomic batch with the delivery id, so a replay or a duplicate
 * (also a concurrent one) changes nothing and answers `duplicate`. `email.delivered`,
 * `email.delivery_delayed`, `email.bounced`, `email.complained` are written on the outbox row of
 * the message (found by Resend's email id); a bounce (not a transient one) or a complaint also
 * suppresses its recipients and, for an approval request, flags the application and tells the
 * applicant. Other event types, and events about messages that are not ours, are acknowledged
 * (`ignored`). Returns the outcome and the outbox ids to deliver.
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
    const at = momentOf(event.created_at, now);
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
  // Resend sends email.bounced for permanent rejections; a bounce typed Transient or Undetermined
  // is recorded but suppresses nothing. Only our own messages suppress: another application on
  // the same Resend account must not silence addresses here.
  const bounceType = event.data?.bounce?.type?.toLowerCase();
  const hard =
    (kind === "bounced" && bounceType !== "transient" && bounceType !== "undetermined") || kind === "complained";
  if (hard && message) {
    const ours = (JSON.parse(message.to) as string[]).map((a) => a.toLowerCase());
    const named = recipientsOf(event).filter((a) => ours.includes(a));
    for (const address of named.length > 0 ? named : ours) {
      const reason = kind === "complained" ? "complaint" : "bounce";
      statements.push(
        suppressStatement(deps.db, {
          address,
          reason,
          detail: event.data?.bounce?.message ?? null,
          messageId: message.id,
          now,
        }),
        auditStatement(deps.db, {
          actor: "resend",
          action: "mail.suppressed",
          subject: `email:${address}`,
          detail: { reason, message: message.id, template: message.template, event: id },
          at: now,
          meta: null,
        }),
      );
      if (message.applicationId && APPROVAL_TEMPLATES.has(message.template)) {
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
  return { outcome: kind && message ? "recorded" : "ignored", outboxIds };
}
