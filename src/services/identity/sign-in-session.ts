import type { SQL } from "drizzle-orm";
import type { User } from "../../db/schema";
import type { Statement } from "../../db/guarded";
import { AppError } from "../../errors";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { newSession, revokeSessionStatement } from "./sessions";

/**
 * Refuses a sign-in into a suspended or deleted account (403 `account_disabled`). Called only
 * once the person has shown a valid credential, so the answer tells nobody else anything.
 * Failed attempts never lock an account: wrong e-mail codes make that address wait (see
 * one-time-codes.ts), and passkeys and OpenID cannot be guessed.
 */
export function assertCanSignIn(user: Pick<User, "status">): void {
  if (user.status !== "active") throw new AppError("account_disabled", "บัญชีนี้ถูกระงับ / This account is suspended.");
}

/**
 * The statements that open a session: a new session id (this browser's previous session ends),
 * the sign-in audited. Part of the sign-in's own batch.
 */
export async function openSessionStatements(
  deps: Deps,
  user: Pick<User, "id" | "email" | "rightsVersion">,
  method: string,
  meta: RequestMeta,
  previousSessionId: string | null,
  actor: string,
  guard?: SQL,
) {
  const now = deps.clock.now();
  const session = await newSession(deps.db, user.id, now, meta, { guard, rightsVersion: user.rightsVersion });
  const statements: Statement[] = [
    ...(previousSessionId ? [revokeSessionStatement(deps.db, previousSessionId, now, guard)] : []),
    session.statement,
    auditStatement(
      deps.db,
      { actor, action: "user.signed_in", subject: `user:${user.id}`, detail: { method, sessionId: session.id } },
      now,
      meta,
      guard,
    ),
  ];
  return { token: session.token, statements };
}
