import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { emailIdentities, oneTimeTokens, users, type OneTimeToken, type User } from "../db/schema";
import { insertWhere, runBatch } from "../db/guarded";
import { AppError } from "../errors";
import { MINUTE } from "../lib/clock";
import { sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { signInCodeEmail } from "../../emails/sign-in-code";
import { auditStatement } from "./audit";
import { MAX_CODE_ATTEMPTS, checkCode, consumeCodeStatement, issueCode } from "./one-time-codes";
export { MAX_CODE_ATTEMPTS } from "./one-time-codes";
import type { Deps, RequestMeta } from "./deps";
import { isGovernmentEmail, normalizeEmail } from "./mail-domains";
import { queueEmail } from "./outbox";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import { assertCanSignIn, openSessionStatements, recordFailedSignIn } from "./sign-in-session";

export const CODE_TTL_MS = 10 * MINUTE;

/**
 * Starts an e-mail sign-in (which also signs up): one row holds a 6-digit code and a link
 * token; using either consumes both. Answers the same whether or not the address has an
 * account.
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
  const message = queueEmail(deps.db, "sign_in_code", [email], signInCodeEmail({ name: input.name ?? null, code: issued.code, link, expiresInMinutes: CODE_TTL_MS / MINUTE }), now);
  // A new code replaces the older ones of the address, in the same batch as its e-mail.
  await runBatch(deps.db, [...issued.statements, message.statement]);
  return { outboxIds: [message.id] };
}

export interface SignedIn {
  user: User;
  sessionToken: string;
  outboxIds: string[];
}

/** Checks a 6-digit code: at most 5 wrong tries, then the code is dead. */
export async function verifyEmailCode(deps: Deps, input: { email: string; code: string }, meta: RequestMeta, previousSessionId: string | null): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  await hitRateLimit(deps.db, RATE_LIMITS.emailVerifyPerIp, meta.ip ?? "unknown", now);
  await hitRateLimit(deps.db, RATE_LIMITS.emailVerifyPerAddress, email, now);
  const [token] = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, "email_sign_in"), eq(oneTimeTokens.email, email), isNull(oneTimeTokens.revokedAt)))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  if (!token || token.usedAt !== null || token.expiresAt <= now) throw new AppError("invalid_code");
  if (token.attempts >= MAX_CODE_ATTEMPTS) throw codeIsDead();
  const owner = await accountOf(deps, email);
  if (owner) assertCanSignIn(owner);
  const check = await checkCode(deps, token, input.code);
  if (check === "too_many_attempts") throw codeIsDead();
  if (check !== "ok") {
    if (owner) await recordFailedSignIn(deps, owner.id);
    throw new AppError("invalid_code");
  }
  const signedIn = await completeSignIn(deps, token, meta, previousSessionId, "code");
  if (!signedIn) throw new AppError("invalid_code");
  return signedIn;
}

function codeIsDead(): AppError {
  return new AppError("too_many_attempts", "รหัสนี้ใช้ไม่ได้แล้ว กรุณาขอรหัสใหม่ / This code is no longer valid: ask for a new one.");
}

async function accountOf(deps: Deps, email: string): Promise<User | null> {
  const [row] = await deps.db.select({ user: users }).from(emailIdentities).innerJoin(users, eq(users.id, emailIdentities.userId)).where(eq(emailIdentities.email, email)).limit(1);
  return row?.user ?? null;
}

/** The token behind an e-mailed sign-in link, if it can still be used. Changes nothing. */
export async function findSignInLink(deps: Deps, secret: string): Promise<{ token: OneTimeToken | null; state: "valid" | "used" | "expired" | "unknown" }> {
  const [token] = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, await sha256Hex(secret)), eq(oneTimeTokens.purpose, "email_sign_in")))
    .limit(1);
  if (!token) return { token: null, state: "unknown" };
  if (token.usedAt !== null || token.revokedAt !== null || token.attempts >= MAX_CODE_ATTEMPTS) return { token, state: "used" };
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
 * verified address, bootstrap configured administrators, open a session, audit. Null when
 * the token was used by a concurrent request.
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
