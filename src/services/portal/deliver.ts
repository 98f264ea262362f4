import type { Deps } from "../../deps";
import { deliverCkanOperations } from "./ckan-delivery";

/**
 * Makes what the portal side is owed after a commit: the due CKAN calls. Never throws (a failure
 * is logged; the cron's next run tries again). Nothing without CKAN configured.
 */
export async function deliverPortal(deps: Deps): Promise<void> {
  if (!deps.config.ckan) return;
  await deliverCkanOperations(deps).catch((error) =>
    console.error("CKAN calls not made", error instanceof Error ? error.message : error),
  );
}
