import { and, eq } from "drizzle-orm";
import { oneTimeTokens, type OneTimeToken } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import { MINUTE } from "../../lib/clock";
import { randomBase62, sha256Hex } from "../../lib/crypto";
import { signInCodeEmail } from "../../../emails/sign-in-code";
import { attemptCode, codeProblem, issueCode } from "./one-time-codes";
export { MAX_CODE_ATTEMPTS } from "./one-time-codes";
import type { Deps, RequestMeta } from "../../deps";
import type { Lang } from "../../text/language";
import { isGovernmentEmail, normalizeEmail } from "../agencies/mail-domains";
import { queueEmail } from "../../db/statements/outbox";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import { completeEmailSignIn, type SignedIn } from "./email-sign-in-commit";

export const CODE_TTL_MS = 10 * MINUTE;

/**
 * Starts an e-mail sign-in (which also signs up): one row holds a 6-digit code and a link
 * token; using either consumes both. Answers the same whether or not the address has an
 * account. The name given here never goes into the e-mail; it is kept with the code, with the
 * hash of a browser binding (returned, for a cookie), and becomes a new account's name only
 * when the code or link is used in the browser that started (see nameFor).
 * Older codes and links of the address stay valid: a stranger's start must not kill the link
 * the owner is about to click (they all end when one is used).
 * The e-mail is in `lang`, the language of the page (or request) that asked for it; in Thai and
 * English when it is not given.
 */
export async function startEmailSignIn(
  deps: Deps,
  input: { email: string; name?: string | null },
  meta: RequestMeta,
  lang?: Lang | null,
) {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  if (!(await isGovernmentEmail(deps.db, deps.config, email))) {
    throw new AppError("email_domain_not_allowed", {
      th: "กรุณาใช้อีเมลหน่วยงานรัฐ",
      en: "Use your government e-mail (MailGoThai or your agency's domain).",
    });
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
    email: signInCodeEmail({ code: issued.code, link, expiresInMinutes: CODE_TTL_MS / MINUTE, lang }),
    now,
    secretExpiresAt: issued.expiresAt,
  });
  // A new code replaces the older ones of the address, in the same batch as its e-mail.
  await runBatch(deps.db, [...issued.statements, message.statement]);
  return { outboxIds: [message.id], binding, bindingMaxAgeSeconds: CODE_TTL_MS / 1000 };
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
  const signedIn = await completeEmailSignIn(deps, {
    token: attempt.token,
    meta,
    previousSessionId,
    method: "code",
    proof: { binding, name: input.name },
  });
  if (!signedIn) throw codeProblem({ kind: "no_code" });
  return signedIn;
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
  return completeEmailSignIn(deps, { token, meta, previousSessionId, method: "link", proof: { binding } });
}
