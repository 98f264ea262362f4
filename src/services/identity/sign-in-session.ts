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
  if (user.status !== "active")
    throw new AppError("account_disabled", { th: "บัญชีนี้ถูกระงับ", en: "This account is suspended." });
}

/** A sign-in that has passed its check, about to open a session. */
export interface SessionOpening {
  user: Pick<User, "id" | "email" | "rightsVersion">;
  /** How the user proved who they are, for the audit log: `passkey`, `email_code`, `oidc:<provider>`. */
  method: string;
  meta: RequestMeta;
  /** This browser's session before the sign-in, which ends with it. */
  previousSessionId: string | null;
  /** Who the audit log names (the address, or the provider's subject). */
  actor: string;
  /** The condition of the sign-in's batch: when it fails, no session is opened. */
  guard?: SQL;
}

/**
 * The statements that open a session: a new session id (this browser's previous session ends),
 * the sign-in audited. Part of the sign-in's own batch. Returns the session token and the statements.
 */
export async function openSessionStatements(
  deps: Deps,
  { user, method, meta, previousSessionId, actor, guard }: SessionOpening,
) {
  const now = deps.clock.now();
  const session = await newSession(deps.db, user.id, now, meta, { guard, rightsVersion: user.rightsVersion });
  const statements: Statement[] = [
    ...(previousSessionId ? [revokeSessionStatement(deps.db, previousSessionId, now, guard)] : []),
    session.statement,
    auditStatement(deps.db, {
      actor,
      action: "user.signed_in",
      subject: `user:${user.id}`,
      detail: { method, sessionId: session.id },
      at: now,
      meta,
      guard,
    }),
  ];
  return { token: session.token, statements };
}
