import type { Context } from "hono";
import type { Deps } from "../deps";
import { deliverOutbox } from "../services/platform/outbox";
import { deliverWebhooks } from "../services/portal/webhook-delivery";

/** Any request's context (every area's environment has the injected dependencies). */
type AnyContext = Pick<Context, "executionCtx"> & { var: { deps: Deps } };

/** Lets work finish after the response is sent. */
export function afterResponse(c: AnyContext, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (app.request in a unit test): the promise still runs.
  }
}

/** Delivers a committed transition's e-mails after the response (the cron retries failures). */
export function deliverAfterResponse(c: AnyContext, outboxIds: string[]): void {
  if (outboxIds.length > 0) afterResponse(c, deliverOutbox(c.var.deps, outboxIds));
}

/**
 * Sends a committed change's webhook events (by event id) after the response; without ids,
 * every due delivery. Failures wait for their retry (the cron sends what is due).
 */
export function deliverWebhooksAfterResponse(c: AnyContext, eventIds?: string[]): void {
  if (eventIds === undefined || eventIds.length > 0) afterResponse(c, deliverWebhooks(c.var.deps, eventIds));
}
