import type { SQL } from "drizzle-orm";
import type { Statement } from "../../db/guarded";
import { queueCkanOperation } from "../../db/statements/portal";
import type { Deps } from "../../deps";
import { stewardsOf } from "./ckan-reconcile";

/**
 * When an agency's CKAN organization changes, its active stewards follow, in the batch of the
 * change (written only if `guard` holds): removed from the old organization, made editors of the
 * new one. Nothing without CKAN configured, or for an agency without active stewards.
 */
export async function remappingStatements(
  deps: Deps,
  change: { agencyId: string; from: string | null; to: string | null; now: number; guard: SQL },
): Promise<Statement[]> {
  if (!deps.config.ckan || change.from === change.to) return [];
  const statements: Statement[] = [];
  for (const s of await stewardsOf(deps, { agencyId: change.agencyId })) {
    const common = {
      agencyId: change.agencyId,
      userId: s.userId,
      email: s.email,
      membershipId: s.membershipId,
      cause: "agency.remapped",
      now: change.now,
      guard: change.guard,
    };
    if (change.from)
      statements.push(
        queueCkanOperation(deps.db, { ...common, action: "organization_member_delete", organization: change.from }),
      );
    if (change.to)
      statements.push(
        queueCkanOperation(deps.db, { ...common, action: "organization_member_create", organization: change.to }),
      );
  }
  return statements;
}
