import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { deliverOutbox } from "../services/outbox";

/** Delivers a committed transition's e-mails after the response (the cron retries failures). */
export function deliverAfterResponse(c: Context<AppEnv>, outboxIds: string[]): void {
  if (outboxIds.length === 0) return;
  const work = deliverOutbox(c.var.deps, outboxIds);
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (a direct app.request in tests): the promise still runs.
  }
}
