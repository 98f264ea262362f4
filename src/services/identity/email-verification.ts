import { and, eq, isNull, sql } from "drizzle-orm";
import { emailIdentities, oneTimeTokens, users, type User } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import { MINUTE } from "../../lib/clock";
import { mailboxOf } from "../../lib/fields";
import { newId } from "../../lib/ids";
import { signInCodeEmail } from "../../../emails/sign-in-code";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import type { Lang } from "../../text/language";
import { isGovernmentEmail, normalizeEmail } from "../agencies/mail-domains";
import { queueEmail } from "../../db/statements/outbox";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import { CODE_TTL_MS } from "./email-sign-in";
import { attemptCode, codeProblem, consumeCodeStatement, issueCode } from "./one-time-codes";
import { clearFailuresStatement } from "./code-failures";

/** The codes of one user for an address: another user's request neither replaces nor blocks them. */
const ownedBy = (userId: string) => sql`json_extract(${oneTimeTokens.data}, '$.userId') = ${userId}`;

/**
 * Whose limits a request spends: the user's mailbox (so accounts made from `+tag` variants of
 * one address share one budget), or the user for an account without an address (OpenID only).
 */
const budgetOf = (user: User) => (user.email ? mailboxOf(user.email) : user.id);

/**
 * A signed-in user (e.g. one who came through OpenID Connect) proves an official address:
 * OpenID says who a person is, not where they work. The code is bound to the user; the limits
 * (3 codes per 10 minutes, waits after wrong codes) are the user's for that address, so one
 * user cannot hold another up.
 * The e-mail is in the user's chosen language, else in `lang` (the request's), else in both.
 */
export async function startEmailVerification(
  deps: Deps,
  user: User,
  rawEmail: string,
  meta: RequestMeta,
  lang?: Lang | null,
) {
  const email = normalizeEmail(rawEmail);
  const now = deps.clock.now();
  if (!(await isGovernmentEmail(deps.db, deps.config, email))) {
    throw new AppError("email_domain_not_allowed", {
      th: "กรุณาใช้อีเมลหน่วยงานรัฐ",
      en: "Use your government e-mail (MailGoThai or your agency's domain).",
    });
  }
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerIp, meta.ip ?? "unknown", now);
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerAddress, `${budgetOf(user)}:${email}`, now);
  const issued = await issueCode(deps, {
    purpose: "email_verify",
    email,
    ttlMs: CODE_TTL_MS,
    data: { userId: user.id },
    replaces: ownedBy(user.id),
  });
  // The e-mail holds only the code: a link would sign in, not add an address.
  const message = queueEmail(deps.db, {
    template: "email_verify_code",
    to: [email],
    email: signInCodeEmail({ code: issued.code, expiresInMinutes: CODE_TTL_MS / MINUTE, lang: user.locale ?? lang }),
    now,
    secretExpiresAt: issued.expiresAt,
  });
  await runBatch(deps.db, [...issued.statements, message.statement]);
  return { outboxIds: [message.id] };
}

/**
 * Adds the address to the user's verified addresses when the code is right (the same limits as
 * sign-in: at most 5 compared tries per code, growing waits per address). A code asked for by
 * another user counts as no code. Returns the user as it is afterwards. Throws 400
 * `invalid_code`, 429 `too_many_attempts` or `rate_limited`, 409 `conflict` when the address
 * belongs to another account.
 */
export async function verifyEmailForUser(
  deps: Deps,
  user: User,
  input: { email: string; code: string },
  meta: RequestMeta,
) {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  await hitRateLimit(deps.db, RATE_LIMITS.emailVerifyPerIp, meta.ip ?? "unknown", now);
  const attempt = await attemptCode(deps, {
    purpose: "email_verify",
    email,
    code: input.code,
    where: ownedBy(user.id),
    scope: budgetOf(user),
  });
  if (attempt.kind !== "ok") throw codeProblem(attempt);
  const { token } = attempt;
  const [taken] = await deps.db.select().from(emailIdentities).where(eq(emailIdentities.email, email)).limit(1);
  if (taken && taken.userId !== user.id)
    throw new AppError("conflict", { th: "อีเมลนี้เป็นของบัญชีอื่น", en: "This address belongs to another account." });
  const tx = newId("tx");
  const consumed = sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE id = ${token.id} AND used_tx = ${tx})`;
  const [used] = await runBatch(deps.db, [
    consumeCodeStatement(deps, token.id, tx),
    clearFailuresStatement(deps, { purpose: "email_verify", email, scope: budgetOf(user), guard: consumed }),
    ...(taken
      ? []
      : [
          insertWhere(
            deps.db,
            emailIdentities,
            { id: newId("eml"), userId: user.id, email, verifiedAt: now, createdAt: now },
            consumed,
          ),
          deps.db
            .update(users)
            .set({ email, updatedAt: now })
            .where(and(eq(users.id, user.id), isNull(users.email), consumed)),
          auditStatement(deps.db, {
            actor: user.email ?? user.id,
            action: "email.verified",
            subject: `user:${user.id}`,
            detail: { email },
            at: now,
            meta,
            guard: consumed,
          }),
        ]),
  ]);
  if ((used as unknown[]).length === 0) throw codeProblem({ kind: "no_code" });
  // The account's first address becomes its e-mail: answer with the user as it is now.
  const [fresh] = await deps.db.select().from(users).where(eq(users.id, user.id)).limit(1);
  return fresh ?? user;
}
