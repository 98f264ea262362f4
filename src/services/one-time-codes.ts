import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { oneTimeTokens, type OneTimeToken } from "../db/schema";
import type { Statement } from "../db/guarded";
import { randomBase62, randomDigits, sha256Hex, timingSafeEqual } from "../lib/crypto";
import { newId } from "../lib/ids";
import type { Deps } from "./deps";

/** A code dies after this many wrong tries (DESIGN: at most 5). */
export const MAX_CODE_ATTEMPTS = 5;

type CodePurpose = "email_sign_in" | "email_verify" | "approval_confirm";

/**
 * A new 6-digit code (and a 128+-bit link secret) for an address: the statements that revoke the
 * address's older codes of the same purpose and store the new one (hashes only), for the
 * caller's batch with the e-mail that carries it.
 */
export async function issueCode(deps: Deps, input: { purpose: CodePurpose; email: string; ttlMs: number; data: unknown; applicationId?: string | null }) {
  const now = deps.clock.now();
  const id = newId("otk");
  const secret = randomBase62(32);
  const code = randomDigits(6);
  const statements: Statement[] = [
    deps.db
      .update(oneTimeTokens)
      .set({ revokedAt: now })
      .where(and(eq(oneTimeTokens.purpose, input.purpose), eq(oneTimeTokens.email, input.email), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt))),
    deps.db.insert(oneTimeTokens).values({
      id,
      purpose: input.purpose,
      tokenHash: await sha256Hex(secret),
      codeHash: await sha256Hex(`${id}:${code}`),
      email: input.email,
      applicationId: input.applicationId ?? null,
      data: JSON.stringify(input.data),
      expiresAt: now + input.ttlMs,
      createdAt: now,
    }),
  ];
  return { id, code, secret, statements };
}

export type CodeCheck = "ok" | "wrong" | "dead" | "too_many_attempts";

/** Compares a typed code in constant time; a wrong one counts against the code. Consumes nothing. */
export async function checkCode(deps: Deps, token: OneTimeToken | undefined, code: string): Promise<CodeCheck> {
  if (!token || token.usedAt !== null || token.revokedAt !== null || token.expiresAt <= deps.clock.now()) return "dead";
  if (token.attempts >= MAX_CODE_ATTEMPTS) return "too_many_attempts";
  if (timingSafeEqual(token.codeHash ?? "", await sha256Hex(`${token.id}:${code}`))) return "ok";
  await deps.db
    .update(oneTimeTokens)
    .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
    .where(and(eq(oneTimeTokens.id, token.id), lt(oneTimeTokens.attempts, MAX_CODE_ATTEMPTS)));
  return "wrong";
}

/** The conditional update that uses a code once; `usedTx` lets the rest of its batch be guarded. */
export function consumeCodeStatement(deps: Deps, tokenId: string, usedTx: string | null = null) {
  const now = deps.clock.now();
  return deps.db
    .update(oneTimeTokens)
    .set({ usedAt: now, usedTx })
    .where(and(eq(oneTimeTokens.id, tokenId), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt), lt(oneTimeTokens.attempts, MAX_CODE_ATTEMPTS), gt(oneTimeTokens.expiresAt, now)))
    .returning({ id: oneTimeTokens.id });
}
