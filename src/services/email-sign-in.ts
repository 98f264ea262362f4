import { and, eq, sql } from "drizzle-orm";
import { emailIdentities, oneTimeTokens, users, type OneTimeToken, type User } from "../db/schema";
import { insertWhere, runBatch } from "../db/guarded";
import { AppError } from "../errors";
import { MINUTE } from "../lib/clock";
import { sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { signInCodeEmail } from "../../emails/sign-in-code";
import { auditStatement } from "./audit";
import { attemptCode, clearFailuresStatement, codeProblem, consumeCodeStatement, issueCode } from "./one-time-codes";
export { MAX_CODE_ATTEMPTS } from "./one-time-codes";
import type { Deps, RequestMeta } from "./deps";
import { isGovernmentEmail, normalizeEmail } from "./mail-domains";
import { queueEmail } from "./outbox";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import { assertCanSignIn, openSessionStatements } from "./sign-in-session";

export const CODE_TTL_MS = 10 * MINUTE;

/**
 * Starts an e-mail sign-in (which also signs up): one row holds a 6-digit code and a link
 * token; using either consumes both. Answers the same whether or not the address has an
 * account. The name given here is kept with the code and becomes the new account's name only
 * once the code is used; it never goes into the e-mail.
 */
export async function startEmailSignIn(deps: Deps, input: { email: string; name?: string | null }, meta: RequestMeta) {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  if (!(await isGovernmentEmail(deps.db, deps.config, email))) {
    throw new AppError("email_domain_not_allowed", "กรุณาใช้อีเมลหน่วยงานรัฐ / Use your government e-mail (MailGoThai or your agency's domain).");
  }
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerIp, meta.ip ?? "unknown", now);
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerAddress, email, now);

  const issued = await issueCode(deps, { purpose: "email_sign_in", email, ttlMs: CODE_TTL_MS, data: { name: input.name?.trim() || null } });
  const link = `${deps.config.appOrigin}/auth/email/${issued.secret}`;
  const message = queueEmail(deps.db, { template: "sign_in_code", to: [email], email: signInCodeEmail({ code: issued.code, link, expiresInMinutes: CODE_TTL_MS / MINUTE }), now, secretExpiresAt: issued.expiresAt });
  // A new code replaces the older ones of the address, in the same batch as its e-mail.
  await runBatch(deps.db, [...issued.statements, message.statement]);
  return { outboxIds: [message.id] };
}

export interface SignedIn {
  user: User;
  sessionToken: string;
  outboxIds: string[];
}

/**
 * Checks a 6-digit code (see attemptCode: at most 5 compared tries per code, growing waits per
 * address). Every answer before the right code is the same whatever the account's state: only
 * after it does a suspended account hear 403 `account_disabled`.
 * Throws 400 `invalid_code`, 429 `too_many_attempts` or `rate_limited`, 403 `account_disabled`.
 */
export async function verifyEmailCode(deps: Deps, input: { email: string; code: string }, meta: RequestMeta, previousSessionId: string | null): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  await hitRateLimit(deps.db, RATE_LIMITS.emailVerifyPerIp, meta.ip ?? "unknown", deps.clock.now());
  const attempt = await attemptCode(deps, { purpose: "email_sign_in", email, code: input.code });
  if (attempt.kind !== "ok") throw codeProblem(attempt);
  const signedIn = await completeSignIn(deps, attempt.token, meta, previousSessionId, "code");
  if (!signedIn) throw codeProblem({ kind: "no_code" });
  return signedIn;
}

async function accountOf(deps: Deps, email: string): Promise<User | null> {
  const [row] = await deps.db.select({ user: users }).from(emailIdentities).innerJoin(users, eq(users.id, emailIdentities.userId)).where(eq(emailIdentities.email, email)).limit(1);
  return row?.user ?? null;
}

/**
 * The token behind an e-mailed sign-in link, if it can still be used. Changes nothing. The link
 * is a 128-bit secret: wrong codes typed for the same row do not stop it.
 */
export async function findSignInLink(deps: Deps, secret: string): Promise<{ token: OneTimeToken | null; state: "valid" | "used" | "expired" | "unknown" }> {
  const [token] = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, await sha256Hex(secret)), eq(oneTimeTokens.purpose, "email_sign_in")))
    .limit(1);
  if (!token) return { token: null, state: "unknown" };
  if (token.usedAt !== null || token.revokedAt !== null) return { token, state: "used" };
  if (token.expiresAt <= deps.clock.now()) return { token, state: "expired" };
  return { token, state: "valid" };
}

/** Signs in with an e-mailed link (a POST from the link's page, never the GET). */
export async function signInWithLink(deps: Deps, secret: string, meta: RequestMeta, previousSessionId: string | null): Promise<SignedIn | null> {
  const { token, state } = await findSignInLink(deps, secret);
  if (!token || state !== "valid") return null;
  return completeSignIn(deps, token, meta, previousSessionId, "link");
}

/**
 * One batch: consume the token (conditionally), create the user on first sign-in, record the
 * verified address, bootstrap configured administrators, open a session, end the address's run
 * of failures, audit. Null when the token was used by a concurrent request. Throws 403
 * `account_disabled` for a suspended account.
 */
async function completeSignIn(deps: Deps, token: OneTimeToken, meta: RequestMeta, previousSessionId: string | null, method: "code" | "link"): Promise<SignedIn | null> {
  const { db, config } = deps;
  const now = deps.clock.now();
  const tx = newId("tx");
  const guard = sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE id = ${token.id} AND used_tx = ${tx})`;
  const existing = await accountOf(deps, token.email);
  if (existing) assertCanSignIn(existing);

  const userId = existing?.id ?? newId("usr");
  const name = (JSON.parse(token.data ?? "{}") as { name?: string | null }).name ?? "";
  const makeAdmin = config.adminEmails.includes(token.email) && !existing?.isAdmin;
  const actor = token.email;
  // Becoming an administrator is a change of rights: the new session carries the new version.
  const rightsVersion = (existing?.rightsVersion ?? 0) + (existing && makeAdmin ? 1 : 0);
  const session = await openSessionStatements(deps, { id: userId, email: token.email, rightsVersion }, `email_${method}`, meta, previousSessionId, actor, guard);
  const statements = [
    consumeCodeStatement(deps, token.id, tx),
    clearFailuresStatement(deps, "email_sign_in", token.email, guard),
    ...(existing
      ? []
      : [
          insertWhere(db, users, { id: userId, email: token.email, name, status: "active", isAdmin: makeAdmin, createdAt: now, updatedAt: now }, guard),
          insertWhere(db, emailIdentities, { id: newId("eml"), userId, email: token.email, verifiedAt: now, createdAt: now }, guard),
          auditStatement(db, { actor, action: "user.signed_up", subject: `user:${userId}`, detail: { method: `email_${method}` } }, now, meta, guard),
        ]),
    ...(existing && makeAdmin
      ? [db.update(users).set({ isAdmin: true, rightsVersion, updatedAt: now }).where(and(eq(users.id, userId), guard))]
      : []),
    ...(makeAdmin
      ? [auditStatement(db, { actor: "system", action: "admin.bootstrapped", subject: `user:${userId}`, detail: { email: token.email, source: "ADMIN_EMAILS" } }, now, meta, guard)]
      : []),
    ...session.statements,
  ];
  const [consumed] = await runBatch(db, statements);
  if ((consumed as unknown[]).length === 0) return null;
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return { user: user!, sessionToken: session.token, outboxIds: [] };
}
