import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { deliverOutbox } from "../services/platform/outbox";

/** Lets work finish after the response is sent. */
export function afterResponse(c: Context<AppEnv>, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (app.request in a unit test): the promise still runs.
  }
}

/** Delivers a committed transition's e-mails after the response (the cron retries failures). */
export function deliverAfterResponse(c: Context<AppEnv>, outboxIds: string[]): void {
  if (outboxIds.length > 0) afterResponse(c, deliverOutbox(c.var.deps, outboxIds));
}
