import { and, desc, eq, gt, inArray, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { oneTimeTokens, type OneTimeToken } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { AppError } from "../../errors";
import { randomBase62, randomDigits, sha256Hex, timingSafeEqual } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import type { Deps } from "../../deps";
import {
  currentWait,
  failureKey,
  recordFailures,
  releaseReservation,
  reserveTryStatement,
  waitsForOthers,
  type CodePurpose,
} from "./code-failures";

// E-mailed 6-digit codes: sign-in, adding an official address, and the stronger approval's
// decision code. Two limits stop guessing (NIST SP 800-63B 5.1.3.2 and 5.2.2):
// - each code is compared at most MAX_CODE_ATTEMPTS times, counted before the comparison by one
//   conditional UPDATE, so parallel guesses cannot compare it more often;
// - every comparison of a wrong code is a failure (a try checked against three live codes counts
//   three), so several live codes spend the budget faster and never enlarge it;
// - consecutive failures are counted per purpose and address (and per user or application where
//   the codes are theirs), whether or not an account exists, and a new code does not reset them.
//   Past FREE_FAILURES, each next try waits (see code-failures.ts).

/** A code dies after this many compared tries (DESIGN: at most 5). */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * A new 6-digit code (and a 128+-bit link secret) for an address: the statements that store it
 * (hashes only) and, unless `keepOlder`, revoke the older live codes it replaces (all of the
 * purpose and address, or only those `replaces` selects), for the caller's batch with the
 * e-mail that carries it. Failures counted so far stay.
 */
export async function issueCode(
  deps: Deps,
  input: {
    purpose: CodePurpose;
    email: string;
    ttlMs: number;
    data: unknown;
    applicationId?: string | null;
    keepOlder?: boolean;
    replaces?: SQL;
  },
) {
  const now = deps.clock.now();
  const id = newId("otk");
  const secret = randomBase62(32);
  const code = randomDigits(6);
  const statements: Statement[] = [
    ...(input.keepOlder
      ? []
      : [revokeCodesStatement(deps, { purpose: input.purpose, email: input.email, where: input.replaces })]),
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
  return { id, code, secret, expiresAt: now + input.ttlMs, statements };
}

/** Revokes the live codes (and links) of a purpose and address, optionally narrowed and guarded. */
export function revokeCodesStatement(
  deps: Deps,
  input: { purpose: CodePurpose; email: string; where?: SQL; guard?: SQL },
) {
  return deps.db
    .update(oneTimeTokens)
    .set({ revokedAt: deps.clock.now() })
    .where(
      and(
        eq(oneTimeTokens.purpose, input.purpose),
        eq(oneTimeTokens.email, input.email),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.revokedAt),
        input.where,
        input.guard,
      ),
    );
}

/** The outcome of one typed code. `attemptsLeft` is how many more tries the code takes. */
export type CodeAttempt =
  | { kind: "ok"; token: OneTimeToken }
  | { kind: "wrong"; attemptsLeft: number }
  /** No live code for the address: none asked for, expired, used, or replaced. */
  | { kind: "no_code" }
  /** Every live code was tried MAX_CODE_ATTEMPTS times: ask for a new one. */
  | { kind: "code_dead" }
  /** Too many consecutive failures for this address: try again after `retryAfterMs`. */
  | { kind: "wait"; retryAfterMs: number };

/**
 * Checks a typed code against the live codes of a purpose and address (narrowed by `where`, e.g.
 * to one user's or one application's codes; sign-in keeps several live so that a stranger's new
 * code does not kill the owner's). In one batch: once the address is past its free failures its
 * next try is reserved for this request alone, and one attempt is counted on every code this try
 * compares with, unless the address waits. Then constant-time comparisons; a wrong code adds a
 * failure to the address and sets its wait. Consumes nothing: on "ok" the caller uses the code
 * with consumeCodeStatement and clearFailuresStatement in its own batch.
 */
export async function attemptCode(
  deps: Deps,
  input: { purpose: CodePurpose; email: string; code: string; where?: SQL; scope?: string },
): Promise<CodeAttempt> {
  const now = deps.clock.now();
  const key = failureKey(input.purpose, input.email, input.scope);
  const live = and(
    eq(oneTimeTokens.purpose, input.purpose),
    eq(oneTimeTokens.email, input.email),
    isNull(oneTimeTokens.usedAt),
    isNull(oneTimeTokens.revokedAt),
    gt(oneTimeTokens.expiresAt, now),
    input.where,
  );
  const [newest] = await deps.db
    .select({ id: oneTimeTokens.id })
    .from(oneTimeTokens)
    .where(live)
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  if (!newest) return { kind: "no_code" };

  const attemptId = newId("tx");
  const [, claimedIds] = (await runBatch(deps.db, [
    reserveTryStatement(deps, key, now, attemptId),
    deps.db
      .update(oneTimeTokens)
      .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
      .where(and(live, lt(oneTimeTokens.attempts, MAX_CODE_ATTEMPTS), sql`NOT ${waitsForOthers(key, now, attemptId)}`))
      .returning({ id: oneTimeTokens.id }),
  ])) as [unknown[], { id: string }[]];
  if (claimedIds.length === 0) {
    await releaseReservation(deps, key, attemptId);
    const wait = await currentWait(deps, key, now);
    if (wait > 0) return { kind: "wait", retryAfterMs: wait };
    return (await allTried(deps, live)) ? { kind: "code_dead" } : { kind: "no_code" };
  }

  // The batch answers raw rows; the tokens are read back typed.
  const claimed = await deps.db
    .select()
    .from(oneTimeTokens)
    .where(
      inArray(
        oneTimeTokens.id,
        claimedIds.map((t) => t.id),
      ),
    );
  const tries = await Promise.all(
    claimed.map(async (token) => ({
      token,
      right: timingSafeEqual(token.codeHash ?? "", await sha256Hex(`${token.id}:${input.code}`)),
    })),
  );
  const right = tries.find((t) => t.right);
  if (right) return { kind: "ok", token: right.token };
  // Each code compared is one guess: several live codes do not buy more guesses per failure.
  await recordFailures(deps, key, now, claimed.length);
  return { kind: "wrong", attemptsLeft: Math.max(0, ...claimed.map((t) => MAX_CODE_ATTEMPTS - t.attempts)) };
}

/**
 * The conditional update that uses a code once; `usedTx` lets the rest of its batch be guarded.
 * A code whose attempt was counted may still be used after the count reached the maximum: the
 * count includes this attempt.
 */
export function consumeCodeStatement(deps: Deps, tokenId: string, usedTx: string | null = null) {
  const now = deps.clock.now();
  return deps.db
    .update(oneTimeTokens)
    .set({ usedAt: now, usedTx })
    .where(
      and(
        eq(oneTimeTokens.id, tokenId),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.revokedAt),
        lte(oneTimeTokens.attempts, MAX_CODE_ATTEMPTS),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .returning({ id: oneTimeTokens.id });
}

/**
 * The problem for a code that did not pass: 400 `invalid_code` (with `attemptsLeft` when the
 * code was compared), or 429 `too_many_attempts` (with Retry-After while the address waits).
 * The same for every address, with or without an account (no enumeration).
 */
export function codeProblem(attempt: Exclude<CodeAttempt, { kind: "ok" }>): AppError {
  switch (attempt.kind) {
    case "wrong":
      return attempt.attemptsLeft > 0
        ? new AppError(
            "invalid_code",
            {
              th: `รหัสไม่ถูกต้อง ลองได้อีก ${attempt.attemptsLeft} ครั้ง`,
              en: `Wrong code: ${attempt.attemptsLeft} more ${attempt.attemptsLeft === 1 ? "try" : "tries"}.`,
            },
            { extensions: { attemptsLeft: attempt.attemptsLeft } },
          )
        : new AppError(
            "invalid_code",
            {
              th: "รหัสไม่ถูกต้อง และใช้ไม่ได้อีกแล้ว กรุณาขอรหัสใหม่",
              en: "Wrong code, and no tries are left: ask for a new code.",
            },
            { extensions: { attemptsLeft: 0 } },
          );
    case "no_code":
      return new AppError("invalid_code", {
        th: "รหัสไม่ถูกต้องหรือหมดอายุ กรุณาขอรหัสใหม่",
        en: "Wrong or expired code: ask for a new one.",
      });
    case "code_dead":
      return new AppError("too_many_attempts", {
        th: "รหัสนี้ใช้ไม่ได้แล้ว กรุณาขอรหัสใหม่",
        en: "This code is no longer valid: ask for a new one.",
      });
    case "wait": {
      const seconds = Math.max(1, Math.ceil(attempt.retryAfterMs / 1000));
      const minutes = Math.ceil(seconds / 60);
      return new AppError(
        "too_many_attempts",
        {
          th: `ใส่รหัสผิดหลายครั้งเกินไป กรุณารอ ${minutes} นาทีแล้วลองใหม่`,
          en: `Too many wrong codes for this address: try again in ${minutes} minute(s).`,
        },
        {
          headers: { "Retry-After": String(seconds) },
          extensions: { retryAfter: seconds },
        },
      );
    }
  }
}

/** Whether every live code of the selection was tried MAX_CODE_ATTEMPTS times. */
async function allTried(deps: Deps, live: SQL | undefined): Promise<boolean> {
  const codes = await deps.db.select({ attempts: oneTimeTokens.attempts }).from(oneTimeTokens).where(live).limit(10);
  return codes.length > 0 && codes.every((c) => c.attempts >= MAX_CODE_ATTEMPTS);
}
