import { and, eq, lte, sql, type SQL } from "drizzle-orm";
import { codeFailures } from "../../db/schema";
import type { Deps } from "../../deps";
import { MINUTE } from "../../lib/clock";
import { endsWith } from "../../db/paging";

// Consecutive wrong codes, counted per purpose and address (and per requester or approval link
// where the codes are theirs), whether or not an account exists (NIST SP 800-63B 5.2.2). A new
// code does not reset the count; a success does. Past FREE_FAILURES each next try waits 1, 2, 4
// ... 60 minutes, and when a wait ends only one request takes the try. The wait never exceeds an
// hour after the last failure, so a stranger who knows an address cannot keep its owner out for
// longer than that; passkeys, OpenID and the e-mailed link (a 128-bit secret, not guessable) are
// never held up by it.

export type CodePurpose = "email_sign_in" | "email_verify" | "approval_confirm";

/** Consecutive failures per address allowed before each next try has to wait. */
export const FREE_FAILURES = 20;

/** The longest wait, however many failures came before (CONTRACT: at most one hour). */
export const MAX_WAIT_MS = 60 * MINUTE;

/**
 * How long the next try waits after `failures` consecutive failures (ms): none up to
 * FREE_FAILURES, then 1 minute, doubling with each further failure, at most MAX_WAIT_MS.
 */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_MS, MINUTE * 2 ** Math.min(failures - FREE_FAILURES, 30));
}

// waitAfterFailures as SQL, for the statements that record a failure or reserve a try.
const WAIT_STEPS = Array.from({ length: 8 }, (_, i) => FREE_FAILURES + i).map(
  (f) => [f, waitAfterFailures(f)] as const,
);
function waitSql(failures: SQL): SQL {
  const cases = [...WAIT_STEPS].reverse().map(([f, ms]) => sql`WHEN ${failures} >= ${f} THEN ${ms}`);
  return sql`CASE ${sql.join(cases, sql` `)} ELSE 0 END`;
}

/** Where a purpose's failures are counted: the address, and the user or application they are for. */
export const failureKey = (purpose: CodePurpose, email: string, scope?: string) =>
  scope ? `${purpose}:${scope}:${email}` : `${purpose}:${email}`;

/**
 * Once an address is past its free failures, reserves its next try for one request (the
 * attempt's id), setting the wait that try earns should it fail: for the batch that counts the
 * attempt, so that parallel requests find the address waiting.
 */
export function reserveTryStatement(deps: Deps, key: string, now: number, attemptId: string) {
  return deps.db
    .update(codeFailures)
    .set({ lockedUntil: sql`${now} + ${waitSql(sql`${codeFailures.failures} + 1`)}`, reservedBy: attemptId })
    .where(
      and(
        eq(codeFailures.key, key),
        sql`${codeFailures.failures} >= ${FREE_FAILURES}`,
        lte(codeFailures.lockedUntil, now),
      ),
    );
}

/** The address waits, and not for this attempt's own reserved try. */
export function waitsForOthers(key: string, now: number, attemptId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM code_failures WHERE key = ${key} AND locked_until > ${now} AND (reserved_by IS NULL OR reserved_by <> ${attemptId}))`;
}

/** How long the address still waits (ms; 0 when it does not). */
export async function currentWait(deps: Deps, key: string, now: number): Promise<number> {
  const [row] = await deps.db
    .select({ lockedUntil: codeFailures.lockedUntil })
    .from(codeFailures)
    .where(eq(codeFailures.key, key))
    .limit(1);
  return row && row.lockedUntil > now ? row.lockedUntil - now : 0;
}

/** A reserved try that compared nothing (its codes died meanwhile) gives the wait back. */
export async function releaseReservation(deps: Deps, key: string, attemptId: string): Promise<void> {
  await deps.db
    .update(codeFailures)
    .set({
      lockedUntil: sql`${codeFailures.lastFailureAt} + ${waitSql(sql`${codeFailures.failures}`)}`,
      reservedBy: null,
    })
    .where(and(eq(codeFailures.key, key), eq(codeFailures.reservedBy, attemptId)));
}

/** `count` more consecutive failures for the address, and the wait they earn: one atomic upsert. */
export async function recordFailures(deps: Deps, key: string, now: number, count: number): Promise<void> {
  const next = sql`${codeFailures.failures} + ${count}`;
  await deps.db
    .insert(codeFailures)
    .values({ key, failures: count, lastFailureAt: now, lockedUntil: now + waitAfterFailures(count) })
    .onConflictDoUpdate({
      target: codeFailures.key,
      set: { failures: next, lastFailureAt: now, lockedUntil: sql`${now} + ${waitSql(next)}`, reservedBy: null },
    });
}

/** Ends the address's run of failures: part of the batch that uses a right code. */
export function clearFailuresStatement(
  deps: Deps,
  input: { purpose: CodePurpose; email: string; scope?: string; guard?: SQL },
) {
  return deps.db
    .delete(codeFailures)
    .where(and(eq(codeFailures.key, failureKey(input.purpose, input.email, input.scope)), input.guard));
}

/** The runs of failures of these addresses, whatever their purpose and scope (keys end in `:<address>`). */
export function failuresOf(emails: string[]): SQL {
  const matches = emails.map((email) => endsWith(codeFailures.key, `:${email}`));
  return matches.length ? sql`(${sql.join(matches, sql` OR `)})` : sql`0`;
}

/** Ends every run of failures of these addresses, whatever their scope (an administrator's reactivation). */
export function clearAllFailuresStatement(deps: Deps, emails: string[], guard?: SQL) {
  return deps.db.delete(codeFailures).where(and(failuresOf(emails), guard));
}
