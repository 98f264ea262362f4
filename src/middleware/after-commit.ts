import type { Context } from "hono";
import type { Deps } from "../deps";
import { deliverOutbox } from "../services/platform/outbox";
import { deliverPortal } from "../services/portal/deliver";
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

/**
 * Delivers a committed transition's e-mails after the response, and the portal's calls it may
 * have written (CKAN; the cron retries failures of both).
 */
export function deliverAfterResponse(c: AnyContext, outboxIds: string[]): void {
  if (outboxIds.length === 0) return;
  const deps = c.var.deps;
  afterResponse(c, Promise.all([deliverOutbox(deps, outboxIds), deliverPortal(deps)]));
}

/** Makes the portal's pending calls and deliveries after the response (an agency's new CKAN organization, a retry). */
export function deliverPortalAfterResponse(c: AnyContext): void {
  afterResponse(c, deliverPortal(c.var.deps));
}

/**
 * Sends a committed change's webhook events (by event id) after the response; without ids,
 * every due delivery. Failures wait for their retry (the cron sends what is due).
 */
export function deliverWebhooksAfterResponse(c: AnyContext, eventIds?: string[]): void {
  if (eventIds === undefined || eventIds.length > 0) afterResponse(c, deliverWebhooks(c.var.deps, eventIds));
}
