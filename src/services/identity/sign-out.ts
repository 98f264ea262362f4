import { runBatch } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { revokeSessionStatement, type CurrentSession } from "./sessions";

export async function signOut(deps: Deps, session: CurrentSession | null, meta: RequestMeta): Promise<void> {
  if (!session) return;
  const now = deps.clock.now();
  await runBatch(deps.db, [
    revokeSessionStatement(deps.db, session.sessionId, now),
    auditStatement(deps.db, {
      actor: session.user.email ?? session.user.id,
      action: "user.signed_out",
      subject: `user:${session.user.id}`,
      detail: { sessionId: session.sessionId },
      at: now,
      meta,
    }),
  ]);
}
