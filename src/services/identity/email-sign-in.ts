import { and, eq, sql } from "drizzle-orm";
import { emailIdentities, oneTimeTokens, users, type OneTimeToken, type User } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import { MINUTE } from "../../lib/clock";
import { randomBase62, sha256Hex, timingSafeEqual } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { signInCodeEmail } from "../../../emails/sign-in-code";
import { auditStatement } from "../../db/statements/audit";
import { attemptCode, codeProblem, consumeCodeStatement, issueCode, revokeCodesStatement } from "./one-time-codes";
import { clearFailuresStatement } from "./code-failures";
export { MAX_CODE_ATTEMPTS } from "./one-time-codes";
import type { Deps, RequestMeta } from "../../deps";
import { isGovernmentEmail, normalizeEmail } from "../agencies/mail-domains";
import { queueEmail } from "../../db/statements/outbox";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import { assertCanSignIn, openSessionStatements } from "./sign-in-session";

export const CODE_TTL_MS = 10 * MINUTE;

/**
 * Starts an e-mail sign-in (which also signs up): one row holds a 6-digit code and a link
 * token; using either consumes both. Answers the same whether or not the address has an
 * account. The name given here never goes into the e-mail; it is kept with the code, with the
 * hash of a browser binding (returned, for a cookie), and becomes a new account's name only
 * when the code or link is used in the browser that started (see nameFor).
 * Older codes and links of the address stay valid: a stranger's start must not kill the link
 * the owner is about to click (they all end when one is used).
 */
export async function startEmailSignIn(deps: Deps, input: { email: string; name?: string | null }, meta: RequestMeta) {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  if (!(await isGovernmentEmail(deps.db, deps.config, email))) {
    throw new AppError(
      "email_domain_not_allowed",
      "กรุณาใช้อีเมลหน่วยงานรัฐ / Use your government e-mail (MailGoThai or your agency's domain).",
    );
  }
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerIp, meta.ip ?? "unknown", now);
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerAddress, email, now);

  const binding = randomBase62(22);
  const issued = await issueCode(deps, {
    purpose: "email_sign_in",
    email,
    ttlMs: CODE_TTL_MS,
    keepOlder: true,
    data: { name: input.name?.trim() || null, bindingHash: await sha256Hex(binding) },
  });
  const link = `${deps.config.appOrigin}/auth/email/${issued.secret}`;
  const message = queueEmail(deps.db, {
    template: "sign_in_code",
    to: [email],
    email: signInCodeEmail({ code: issued.code, link, expiresInMinutes: CODE_TTL_MS / MINUTE }),
    now,
    secretExpiresAt: issued.expiresAt,
  });
  // A new code replaces the older ones of the address, in the same batch as its e-mail.
  await runBatch(deps.db, [...issued.statements, message.statement]);
  return { outboxIds: [message.id], binding, bindingMaxAgeSeconds: CODE_TTL_MS / 1000 };
}

/** How the code or link is used: the browser's binding, and a name typed with the code. */
export interface SignInProof {
  /** The cookie set when the sign-in started in this browser, if any. */
  binding: string | null;
  /** A name given with the code itself (the request that proves the address). */
  name?: string | null;
}

/**
 * The name a new account gets: one typed with the code, or else the one typed at the start
 * when this is the browser that started; never a name someone else typed for the address.
 */
async function nameFor(token: OneTimeToken, proof: SignInProof): Promise<string> {
  if (proof.name?.trim()) return proof.name.trim();
  const held = JSON.parse(token.data ?? "{}") as { name?: string | null; bindingHash?: string };
  const sameBrowser =
    proof.binding !== null &&
    held.bindingHash !== undefined &&
    timingSafeEqual(held.bindingHash, await sha256Hex(proof.binding));
  return sameBrowser ? (held.name ?? "") : "";
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
export async function verifyEmailCode(
  deps: Deps,
  input: { email: string; code: string; name?: string | null },
  meta: RequestMeta,
  previousSessionId: string | null,
  binding: string | null = null,
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  await hitRateLimit(deps.db, RATE_LIMITS.emailVerifyPerIp, meta.ip ?? "unknown", deps.clock.now());
  const attempt = await attemptCode(deps, { purpose: "email_sign_in", email, code: input.code });
  if (attempt.kind !== "ok") throw codeProblem(attempt);
  const signedIn = await completeSignIn(deps, attempt.token, meta, previousSessionId, "code", {
    binding,
    name: input.name,
  });
  if (!signedIn) throw codeProblem({ kind: "no_code" });
  return signedIn;
}

async function accountOf(deps: Deps, email: string): Promise<User | null> {
  const [row] = await deps.db
    .select({ user: users })
    .from(emailIdentities)
    .innerJoin(users, eq(users.id, emailIdentities.userId))
    .where(eq(emailIdentities.email, email))
    .limit(1);
  return row?.user ?? null;
}

/**
 * The token behind an e-mailed sign-in link, if it can still be used. Changes nothing. The link
 * is a 128-bit secret: wrong codes typed for the same row do not stop it.
 */
export async function findSignInLink(
  deps: Deps,
  secret: string,
): Promise<{ token: OneTimeToken | null; state: "valid" | "used" | "expired" | "unknown" }> {
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
export async function signInWithLink(
  deps: Deps,
  secret: string,
  meta: RequestMeta,
  previousSessionId: string | null,
  binding: string | null = null,
): Promise<SignedIn | null> {
  const { token, state } = await findSignInLink(deps, secret);
  if (!token || state !== "valid") return null;
  return completeSignIn(deps, token, meta, previousSessionId, "link", { binding });
}

/**
 * One batch: consume the token (conditionally), create the user on first sign-in, record the
 * verified address, bootstrap configured administrators, open a session, end the address's run
 * of failures, audit. Null when the token was used by a concurrent request. Throws 403
 * `account_disabled` for a suspended account.
 */
async function completeSignIn(
  deps: Deps,
  token: OneTimeToken,
  meta: RequestMeta,
  previousSessionId: string | null,
  method: "code" | "link",
  proof: SignInProof,
): Promise<SignedIn | null> {
  const { db, config } = deps;
  const now = deps.clock.now();
  const tx = newId("tx");
  const guard = sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE id = ${token.id} AND used_tx = ${tx})`;
  const existing = await accountOf(deps, token.email);
  if (existing) assertCanSignIn(existing);

  const userId = existing?.id ?? newId("usr");
  const name = existing ? "" : await nameFor(token, proof);
  const makeAdmin = config.adminEmails.includes(token.email) && !existing?.isAdmin;
  const actor = token.email;
  // Becoming an administrator is a change of rights: the new session carries the new version.
  const rightsVersion = (existing?.rightsVersion ?? 0) + (existing && makeAdmin ? 1 : 0);
  const session = await openSessionStatements(
    deps,
    { id: userId, email: token.email, rightsVersion },
    `email_${method}`,
    meta,
    previousSessionId,
    actor,
    guard,
  );
  const statements = [
    consumeCodeStatement(deps, token.id, tx),
    // The address's other codes and links end with this sign-in.
    revokeCodesStatement(deps, { purpose: "email_sign_in", email: token.email, guard }),
    clearFailuresStatement(deps, { purpose: "email_sign_in", email: token.email, guard }),
    ...(existing
      ? []
      : [
          insertWhere(
            db,
            users,
            {
              id: userId,
              email: token.email,
              name,
              status: "active",
              isAdmin: makeAdmin,
              createdAt: now,
              updatedAt: now,
            },
            guard,
          ),
          insertWhere(
            db,
            emailIdentities,
            { id: newId("eml"), userId, email: token.email, verifiedAt: now, createdAt: now },
            guard,
          ),
          auditStatement(
            db,
            { actor, action: "user.signed_up", subject: `user:${userId}`, detail: { method: `email_${method}` } },
            now,
            meta,
            guard,
          ),
        ]),
    ...(existing && makeAdmin
      ? [
          db
            .update(users)
            .set({ isAdmin: true, rightsVersion, updatedAt: now })
            .where(and(eq(users.id, userId), guard)),
        ]
      : []),
    ...(makeAdmin
      ? [
          auditStatement(
            db,
            {
              actor: "system",
              action: "admin.bootstrapped",
              subject: `user:${userId}`,
              detail: { email: token.email, source: "ADMIN_EMAILS" },
            },
            now,
            meta,
            guard,
          ),
        ]
      : []),
    ...session.statements,
  ];
  const [consumed] = await runBatch(db, statements);
  if ((consumed as unknown[]).length === 0) return null;
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return { user: user!, sessionToken: session.token, outboxIds: [] };
}
