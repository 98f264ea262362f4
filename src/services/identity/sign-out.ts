import { runBatch } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { revokeSessionStatement, sessionAlive, type CurrentSession } from "./sessions";

/**
 * Ends the current session (both its ids), audited once: the audit row comes first, under the
 * update's own condition, so a second sign-out at once (two tabs) writes nothing.
 */
export async function signOut(deps: Deps, session: CurrentSession | null, meta: RequestMeta): Promise<void> {
  if (!session) return;
  const now = deps.clock.now();
  await runBatch(deps.db, [
    auditStatement(deps.db, {
      actor: session.user.email ?? session.user.id,
      action: "user.signed_out",
      subject: `user:${session.user.id}`,
      detail: { sessionId: session.sessionId },
      at: now,
      meta,
      guard: sessionAlive(session.sessionId),
    }),
    revokeSessionStatement(deps.db, session.sessionId, now),
  ]);
}
