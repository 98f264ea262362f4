import { and, desc, eq, sql } from "drizzle-orm";
import { webhookDeliveries, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { actorOf, auditStatement } from "../../db/statements/audit";
import { AppError } from "../../errors";
import type { Deps, RequestMeta } from "../../deps";
import { getWebhookEndpoint } from "./webhook-endpoints";

// What administrators see of the deliveries (their status, attempts, the receiver's last answer),
// and the retry of a failed one. The payload is not shown: it is the event, no more.

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

/** A delivery as administrators see it (times in epoch ms). */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

const COLUMNS = {
  id: webhookDeliveries.id,
  endpointId: webhookDeliveries.endpointId,
  eventId: webhookDeliveries.eventId,
  eventType: webhookDeliveries.eventType,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatus: webhookDeliveries.lastStatus,
  lastError: webhookDeliveries.lastError,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
};

const deliveryOf = (row: Omit<WebhookDelivery, "nextAttemptAt"> & { nextAttemptAt: number }): WebhookDelivery => ({
  ...row,
  nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
});

/**
 * An endpoint's deliveries, newest first (at most `limit`, default 100), of one status when
 * given. Throws 404 `not_found` for an unknown endpoint.
 */
export async function listWebhookDeliveries(
  deps: Deps,
  endpointId: string,
  options: { status?: WebhookDeliveryStatus; limit?: number } = {},
): Promise<WebhookDelivery[]> {
  await getWebhookEndpoint(deps, endpointId);
  const rows = await deps.db
    .select(COLUMNS)
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        options.status ? eq(webhookDeliveries.status, options.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), sql`webhook_deliveries.rowid DESC`)
    .limit(options.limit ?? 100);
  return rows.map(deliveryOf);
}

/**
 * Sends a failed delivery again: `pending`, attempts reset, due now (the same event id and
 * payload, signed anew), audited `webhook_delivery.retried`. Throws 404 `not_found`, 409
 * `invalid_transition` when it is not `failed` (also when another administrator retried it
 * first) or its endpoint is disabled.
 */
export async function retryWebhookDelivery(
  deps: Deps,
  admin: User,
  id: string,
  meta: RequestMeta,
): Promise<WebhookDelivery> {
  const [delivery] = await deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
  if (!delivery) throw new AppError("not_found", { th: "ไม่พบการส่งนี้", en: "No such delivery." });
  const endpoint = await getWebhookEndpoint(deps, delivery.endpointId);
  if (endpoint.status !== "enabled")
    throw new AppError("invalid_transition", {
      th: "ปลายทางนี้ปิดใช้งานอยู่ เปิดใช้งานก่อนส่งอีกครั้ง",
      en: "The endpoint is disabled: enable it first.",
    });
  if (delivery.status !== "failed")
    throw new AppError("invalid_transition", {
      th: "ส่งอีกครั้งได้เฉพาะรายการที่ส่งไม่สำเร็จ",
      en: "Only a failed delivery can be sent again.",
    });
  const now = deps.clock.now();
  // The audit row first, on the update's own condition: written exactly when the update matches.
  const [, updated] = await runBatch(deps.db, [
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "webhook_delivery.retried",
      subject: `webhook_delivery:${id}`,
      detail: {
        endpointId: delivery.endpointId,
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        lastStatus: delivery.lastStatus,
        lastError: delivery.lastError,
      },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = ${id} AND status = 'failed' AND attempts = ${delivery.attempts})`,
    }),
    deps.db
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null })
      .where(
        and(
          eq(webhookDeliveries.id, id),
          eq(webhookDeliveries.status, "failed"),
          eq(webhookDeliveries.attempts, delivery.attempts),
        ),
      )
      .returning({ id: webhookDeliveries.id }),
  ]);
  if ((updated ?? []).length === 0)
    throw new AppError("invalid_transition", {
      th: "รายการนี้ถูกส่งอีกครั้งไปแล้ว",
      en: "This delivery was already sent again.",
    });
  const [row] = await deps.db.select(COLUMNS).from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return deliveryOf(row!);
}
