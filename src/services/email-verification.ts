import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { emailIdentities, oneTimeTokens, users, type User } from "../db/schema";
import { insertWhere, runBatch } from "../db/guarded";
import { AppError } from "../errors";
import { MINUTE } from "../lib/clock";
import { randomBase62, randomDigits, sha256Hex, timingSafeEqual } from "../lib/crypto";
import { newId } from "../lib/ids";
import { signInCodeEmail } from "../../emails/sign-in-code";
import { auditStatement } from "./audit";
import type { Deps, RequestMeta } from "./deps";
import { isGovernmentEmail, normalizeEmail } from "./mail-domains";
import { queueEmail } from "./outbox";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS } from "./email-sign-in";

/**
 * A signed-in user (e.g. one who came through OpenID Connect) proves an official address:
 * OpenID says who a person is, not where they work. The code is bound to the user.
 */
export async function startEmailVerification(deps: Deps, user: User, rawEmail: string, meta: RequestMeta) {
  const email = normalizeEmail(rawEmail);
  const now = deps.clock.now();
  if (!(await isGovernmentEmail(deps.db, deps.config, email))) {
    throw new AppError("email_domain_not_allowed", "กรุณาใช้อีเมลหน่วยงานรัฐ / Use your government e-mail (MailGoThai or your agency's domain).");
  }
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerIp, meta.ip ?? "unknown", now);
  await hitRateLimit(deps.db, RATE_LIMITS.emailStartPerAddress, email, now);
  const id = newId("otk");
  const code = randomDigits(6);
  // The e-mail holds only the code here: the link form would sign in, not add an address.
  const message = queueEmail(deps.db, "email_verify_code", [email], signInCodeEmail({ name: user.name || null, code, link: `${deps.config.appOrigin}/account`, expiresInMinutes: CODE_TTL_MS / MINUTE }), now);
  await runBatch(deps.db, [
    deps.db.update(oneTimeTokens).set({ revokedAt: now }).where(and(eq(oneTimeTokens.purpose, "email_verify"), eq(oneTimeTokens.email, email), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt))),
    deps.db.insert(oneTimeTokens).values({
      id,
      purpose: "email_verify",
      tokenHash: await sha256Hex(randomBase62(32)),
      codeHash: await sha256Hex(`${id}:${code}`),
      email,
      data: JSON.stringify({ userId: user.id }),
      expiresAt: now + CODE_TTL_MS,
      createdAt: now,
    }),
    message.statement,
  ]);
  return { outboxIds: [message.id] };
}

export async function verifyEmailForUser(deps: Deps, user: User, input: { email: string; code: string }, meta: RequestMeta) {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  await hitRateLimit(deps.db, RATE_LIMITS.emailVerifyPerAddress, email, now);
  const [token] = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, "email_verify"), eq(oneTimeTokens.email, email), isNull(oneTimeTokens.revokedAt)))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  const owner = token ? (JSON.parse(token.data ?? "{}") as { userId?: string }).userId : null;
  if (!token || owner !== user.id || token.usedAt !== null || token.expiresAt <= now) throw new AppError("invalid_code");
  if (token.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("too_many_attempts", "รหัสนี้ใช้ไม่ได้แล้ว / This code is no longer valid: ask for a new one.");
  if (!timingSafeEqual(token.codeHash ?? "", await sha256Hex(`${token.id}:${input.code}`))) {
    await deps.db.update(oneTimeTokens).set({ attempts: sql`${oneTimeTokens.attempts} + 1` }).where(and(eq(oneTimeTokens.id, token.id), lt(oneTimeTokens.attempts, MAX_CODE_ATTEMPTS)));
    throw new AppError("invalid_code");
  }
  const [taken] = await deps.db.select().from(emailIdentities).where(eq(emailIdentities.email, email)).limit(1);
  if (taken && taken.userId !== user.id) throw new AppError("conflict", "อีเมลนี้เป็นของบัญชีอื่น / This address belongs to another account.");
  const tx = newId("tx");
  const consumed = sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE id = ${token.id} AND used_tx = ${tx})`;
  const [used] = await runBatch(deps.db, [
    deps.db
      .update(oneTimeTokens)
      .set({ usedAt: now, usedTx: tx })
      .where(and(eq(oneTimeTokens.id, token.id), isNull(oneTimeTokens.usedAt), lt(oneTimeTokens.attempts, MAX_CODE_ATTEMPTS), gt(oneTimeTokens.expiresAt, now)))
      .returning({ id: oneTimeTokens.id }),
    ...(taken
      ? []
      : [
          insertWhere(deps.db, emailIdentities, { id: newId("eml"), userId: user.id, email, verifiedAt: now, createdAt: now }, consumed),
          deps.db.update(users).set({ email, updatedAt: now }).where(and(eq(users.id, user.id), isNull(users.email), consumed)),
          auditStatement(deps.db, { actor: user.email ?? user.id, action: "email.verified", subject: `user:${user.id}`, detail: { email } }, now, meta, consumed),
        ]),
  ]);
  if ((used as unknown[]).length === 0) throw new AppError("invalid_code");
}
