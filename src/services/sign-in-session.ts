import { and, eq, sql, type SQL } from "drizzle-orm";
import { users, type User } from "../db/schema";
import type { Statement } from "../db/guarded";
import { AppError } from "../errors";
import { auditStatement } from "./audit";
import type { Deps, RequestMeta } from "./deps";
import { newSession, revokeSessionStatement } from "./sessions";

/** NIST SP 800-63B 5.2.2: at most 100 consecutive failed attempts on one account. */
export const MAX_FAILED_SIGN_INS = 100;

/** Refuses a sign-in into an account that is suspended or locked by failed attempts. */
export function assertCanSignIn(user: Pick<User, "status" | "failedSignIns">): void {
  if (user.status !== "active") throw new AppError("account_disabled", "บัญชีนี้ถูกระงับ / This account is suspended.");
  if (user.failedSignIns >= MAX_FAILED_SIGN_INS) {
    throw new AppError("too_many_attempts", "เข้าสู่ระบบผิดพลาดหลายครั้งเกินไป กรุณาติดต่อ สพร. / Too many failed sign-ins: ask DGA to unlock the account.");
  }
}

/** Counts one failed attempt against an account. */
export async function recordFailedSignIn(deps: Deps, userId: string): Promise<void> {
  await deps.db.update(users).set({ failedSignIns: sql`${users.failedSignIns} + 1` }).where(eq(users.id, userId));
}

/**
 * The statements that open a session: a new session id (this browser's previous session ends),
 * the failure counter reset, the sign-in audited. Part of the sign-in's own batch.
 */
export async function openSessionStatements(deps: Deps, user: Pick<User, "id" | "email" | "rightsVersion">, method: string, meta: RequestMeta, previousSessionId: string | null, actor: string, guard?: SQL) {
  const now = deps.clock.now();
  const session = await newSession(deps.db, user.id, now, meta, { guard, rightsVersion: user.rightsVersion });
  const statements: Statement[] = [
    ...(previousSessionId ? [revokeSessionStatement(deps.db, previousSessionId, now, guard)] : []),
    session.statement,
    deps.db.update(users).set({ failedSignIns: 0 }).where(and(eq(users.id, user.id), guard)),
    auditStatement(deps.db, { actor, action: "user.signed_in", subject: `user:${user.id}`, detail: { method, sessionId: session.id } }, now, meta, guard),
  ];
  return { token: session.token, statements };
}
