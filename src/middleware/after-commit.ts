import type { Context } from "hono";
import type { Deps } from "../deps";
import { deliverOutbox } from "../services/platform/outbox";
import { deliverPortal } from "../services/portal/deliver";

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

/** Makes the portal's pending calls after the response (an agency's new CKAN organization). */
export function deliverPortalAfterResponse(c: AnyContext): void {
  if (c.var.deps.config.ckan) afterResponse(c, deliverPortal(c.var.deps));
}
