import type { Deps } from "../../deps";
import { deliverCkanOperations } from "./ckan-delivery";
import { deliverWebhooks } from "./webhook-delivery";

/**
 * Makes what the portal side is owed after a commit: the due CKAN calls (with CKAN configured)
 * and the due webhook deliveries (membership events). Never throws (a failure is logged; the
 * cron's next run tries again).
 */
export async function deliverPortal(deps: Deps): Promise<void> {
  const log = (what: string) => (error: unknown) =>
    console.error(`${what} not made`, error instanceof Error ? error.message : error);
  await Promise.all([
    deps.config.ckan ? deliverCkanOperations(deps).catch(log("CKAN calls")) : null,
    deliverWebhooks(deps).catch(log("webhook deliveries")),
  ]);
}
