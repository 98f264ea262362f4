import type { SQL } from "drizzle-orm";
import type { Statement } from "../../db/guarded";
import { queueRemapping } from "../../db/statements/portal";
import type { Deps } from "../../deps";

/**
 * When an agency's CKAN organization changes, its active stewards follow, in the batch of the
 * change (written only if `guard` holds; the agency's update must come first): removed from the
 * old organization (unless another agency mapped there keeps them steward), made editors of the
 * new one. Nothing without CKAN configured.
 */
export function remappingStatements(
  deps: Deps,
  change: { agencyId: string; from: string | null; to: string | null; now: number; guard: SQL },
): Statement[] {
  if (!deps.config.ckan || change.from === change.to) return [];
  return queueRemapping(deps.db, change);
}
