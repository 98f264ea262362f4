import { and, eq, lte } from "drizzle-orm";
import { applications } from "../../db/schema";
import { AppError } from "../../errors";
import { commitApplicationTransition } from "../../workflow/application-commit";
import { loadApplication } from "../applications/applications";
import type { Deps } from "../../deps";
import { deliverOutbox, eraseSecretBodies } from "./outbox";
import { sendApprovalNotices } from "../applications/reminders";
import { sendKeyExpiryWarnings } from "../keys/expiry-warnings";
import { flushUsage } from "../keys/usage";
import { deliverCkanOperations } from "../portal/ckan-delivery";
import { reconcileDue } from "../portal/ckan-reconcile";

/** Runs one step of the cron's work that must not stop the rest (CKAN down, a write failed): logs its error. */
async function bestEffort(step: string, work: () => Promise<unknown>): Promise<void> {
  await work().catch((error) => console.error(`${step} failed`, error instanceof Error ? error.message : error));
}
import { deliverWebhooks } from "../portal/webhook-delivery";

/** Applications sent to an executive who did not decide by the deadline become `expired`. */
export async function expireOverdueApplications(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const overdue = await deps.db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.status, "awaiting_executive"), lte(applications.deadlineAt, now)))
    .limit(50);
  let expired = 0;
  for (const { id } of overdue) {
    try {
      const ctx = await loadApplication(deps, id, null);
      const committed = await commitApplicationTransition(deps, ctx, "EXPIRED", {
        actor: "system",
        meta: null,
        reason: null,
      });
      await deliverOutbox(deps, committed.outboxIds);
      expired++;
    } catch (error) {
      // A decision that raced the deadline wins; the next run sees the new status.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  return expired;
}

/** The Cron Trigger's work; also runs on POST /dev/cron in development. */
export async function runScheduledWork(deps: Deps): Promise<string[]> {
  const ran: string[] = [];
  // Usage figures are best effort: a failed write (kept for the next) must not stop the rest.
  await bestEffort("flush_key_usage", () => flushUsage(deps));
  ran.push("flush_key_usage");
  await expireOverdueApplications(deps);
  ran.push("expire_applications");
  await deliverOutbox(deps, await sendApprovalNotices(deps));
  ran.push("approval_notices");
  await deliverOutbox(deps, await sendKeyExpiryWarnings(deps));
  ran.push("key_expiry_warnings");
  await deliverOutbox(deps);
  ran.push("deliver_outbox");
  await eraseSecretBodies(deps);
  ran.push("erase_secret_bodies");
  if (deps.config.ckan) {
    await bestEffort("ckan_calls", () => deliverCkanOperations(deps));
    ran.push("ckan_calls");
    await bestEffort("reconcile_ckan", () => reconcileDue(deps));
    ran.push("reconcile_ckan");
  }
  await bestEffort("deliver_webhooks", () => deliverWebhooks(deps));
  ran.push("deliver_webhooks");
  return ran;
}
