import { and, asc, eq, lt, sql } from "drizzle-orm";
import { ckanOperations, users, type CkanOperation } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import type { Deps } from "../../deps";
import type { CkanConfig } from "../../env";
import { backoff } from "../../lib/backoff";
import { MINUTE } from "../../lib/clock";
import { ckanAccountOf, ckanUserName } from "./ckan-accounts";
import { ckanAction, CkanError } from "./ckan-client";

// Delivers the CKAN calls membership changes wrote (src/db/statements/portal.ts): after the
// commit that wrote them and on every cron run. Calls for one person and organization go in the
// order written; a call is claimed (a lease) so two deliverers never make it twice. CKAN's
// server errors and silence are retried with backoff; what only a person can mend (a missing
// organization or user, a refused token) fails at once and waits for an administrator's retry.

/** Attempts before a call that keeps failing is shown as failed (about 4 hours with backoff). */
export const CKAN_MAX_ATTEMPTS = 8;
/** How long a deliverer holds a call it claimed (ms). */
const LEASE_MS = 2 * MINUTE;
/** Calls one run looks at (pending ones, due or not: a waiting call holds back its successors). */
const RUN_MAX = 200;
/**
 * Calls one run makes at most: each takes up to five CKAN requests, and a Worker invocation may
 * make 1,000 subrequests (Cloudflare's limit on the paid plan; the rest wait for the next run).
 */
const MADE_MAX = 40;

type Outcome = { ckanUser: string | null; note: string | null };

/** The capacity `ckanUserId` has in `organization` ("editor", "admin", "member") or null. */
async function capacityIn(ckan: CkanConfig, organization: string, ckanUserId: string): Promise<string | null> {
  const members = (await ckanAction(ckan, "member_list", { id: organization, object_type: "user" })) as [
    string,
    string,
    string,
  ][];
  const found = members.find(([id]) => id === ckanUserId);
  return found ? found[2].toLowerCase() : null;
}

/**
 * Makes the call of `op` in CKAN. An administrator of the organization in CKAN stays one: adding
 * would demote them to editor, removing would take away what steward never gave.
 */
async function perform(deps: Deps, ckan: CkanConfig, op: CkanOperation): Promise<Outcome> {
  const [person] = await deps.db.select({ name: users.name }).from(users).where(eq(users.id, op.userId)).limit(1);
  const adding = op.action === "organization_member_create";
  // A CKAN user who is no steward person (a reconciliation's repair): known by id and name.
  const stranger = op.userId.startsWith("ckan:") ? { id: op.userId.slice(5), name: op.ckanUser ?? "" } : null;
  const account =
    stranger ??
    (await ckanAccountOf(
      deps,
      ckan,
      { userId: op.userId, email: op.email, fullName: person?.name ?? "" },
      { mayCreate: adding },
    ));
  if (!account) {
    if (adding)
      throw new CkanError(
        op.action,
        "not_found",
        404,
        ckan.users === "name"
          ? `no CKAN user named ${ckanUserName(op.email)} with the e-mail ${op.email}`
          : `no CKAN user with the e-mail ${op.email}`,
        "user",
      );
    return { ckanUser: null, note: "no CKAN user: nothing to remove" };
  }
  let capacity: string | null;
  try {
    capacity = await capacityIn(ckan, op.organization, account.id);
  } catch (error) {
    // Nobody is a member of an organization CKAN does not have.
    if (!adding && error instanceof CkanError && error.kind === "not_found")
      return { ckanUser: account.name, note: "no such organization in CKAN: nothing to remove" };
    throw error;
  }
  if (capacity === "admin")
    return { ckanUser: account.name, note: "an administrator of the organization in CKAN: left as is" };
  if (adding) {
    if (capacity !== "editor")
      await ckanAction(ckan, op.action, { id: op.organization, username: account.name, role: "editor" });
  } else if (capacity !== null) {
    await ckanAction(ckan, op.action, { id: op.organization, username: account.name });
  }
  return { ckanUser: account.name, note: null };
}

/**
 * Claims `op` for one attempt when it is due, unleased, no earlier call of its pair is pending,
 * and no other call for the same person is being made (two would both create their CKAN user).
 * Returns the lease's end (ms), or null when not claimed.
 */
async function claim(deps: Deps, op: CkanOperation, now: number): Promise<number | null> {
  const claimed = await deps.db
    .update(ckanOperations)
    .set({ leaseUntil: now + LEASE_MS, attempts: sql`${ckanOperations.attempts} + 1` })
    .where(
      and(
        eq(ckanOperations.id, op.id),
        eq(ckanOperations.status, "pending"),
        sql`${ckanOperations.nextAttemptAt} <= ${now}`,
        sql`(${ckanOperations.leaseUntil} IS NULL OR ${ckanOperations.leaseUntil} <= ${now})`,
        sql`NOT EXISTS (SELECT 1 FROM ckan_operations p WHERE p.user_id = ${op.userId} AND p.organization = ${op.organization} AND p.status = 'pending' AND p.seq < ${op.seq})`,
        sql`NOT EXISTS (SELECT 1 FROM ckan_operations q WHERE q.user_id = ${op.userId} AND q.id <> ${op.id} AND q.status = 'pending' AND q.lease_until > ${now})`,
      ),
    )
    .returning({ attempts: ckanOperations.attempts });
  return claimed.length === 1 ? now + LEASE_MS : null;
}

/** The row still held by this deliverer's lease (a stalled deliverer never records over another's attempt). */
const held = (op: CkanOperation, lease: number) =>
  and(eq(ckanOperations.id, op.id), eq(ckanOperations.leaseUntil, lease));

/**
 * Records a made call: done, earlier failed calls of the pair superseded, audited — one batch,
 * and only while this deliverer's lease holds (the audit row and the superseding first, under
 * the update's own condition).
 */
async function recordDone(deps: Deps, op: CkanOperation, lease: number, outcome: Outcome, now: number) {
  const { db } = deps;
  const stillHeld = sql`EXISTS (SELECT 1 FROM ckan_operations WHERE ${held(op, lease)})`;
  await runBatch(db, [
    auditStatement(db, {
      actor: "system",
      action: op.action === "organization_member_create" ? "ckan.editor_added" : "ckan.editor_removed",
      subject: op.membershipId ? `membership:${op.membershipId}` : `user:${op.userId}`,
      detail: {
        operationId: op.id,
        organization: op.organization,
        ckanUser: outcome.ckanUser,
        note: outcome.note,
        cause: op.cause,
      },
      at: now,
      meta: null,
      guard: stillHeld,
    }),
    db
      .update(ckanOperations)
      .set({ status: "superseded" })
      .where(
        and(
          eq(ckanOperations.userId, op.userId),
          eq(ckanOperations.organization, op.organization),
          eq(ckanOperations.status, "failed"),
          lt(ckanOperations.seq, op.seq),
          stillHeld,
        ),
      ),
    db
      .update(ckanOperations)
      .set({
        status: "done",
        doneAt: now,
        leaseUntil: null,
        ckanUser: outcome.ckanUser,
        lastError: outcome.note,
        lastErrorKind: null,
      })
      .where(held(op, lease)),
  ]);
}

/** Records a failed attempt: retried later when CKAN may answer then, else failed for an administrator. */
async function recordFailure(deps: Deps, op: CkanOperation, lease: number, error: CkanError, now: number) {
  const attempts = op.attempts + 1;
  const retry = error.retryable && attempts < CKAN_MAX_ATTEMPTS;
  await deps.db
    .update(ckanOperations)
    .set({
      status: retry ? "pending" : "failed",
      nextAttemptAt: retry ? now + backoff(attempts) : op.nextAttemptAt,
      leaseUntil: null,
      lastErrorKind: error.kind,
      lastError: error.message.slice(0, 500),
    })
    .where(held(op, lease));
}

export interface CkanRunResult {
  done: number;
  failed: number;
  /** Calls left pending (not due, held back behind an earlier call, or to retry). */
  waiting: number;
}

/**
 * Makes the due CKAN calls, in write order per person and organization. Nothing without
 * `config.ckan`. Returns how many were made, failed for good, and left waiting. Throws only
 * what D1 throws (CKAN's failures are recorded on the rows).
 */
export async function deliverCkanOperations(deps: Deps): Promise<CkanRunResult> {
  const ckan = deps.config.ckan;
  const result: CkanRunResult = { done: 0, failed: 0, waiting: 0 };
  if (!ckan) return result;
  const pending = await deps.db
    .select()
    .from(ckanOperations)
    .where(eq(ckanOperations.status, "pending"))
    .orderBy(asc(ckanOperations.seq))
    .limit(RUN_MAX);
  const blocked = new Set<string>();
  let made = 0;
  for (const op of pending) {
    const pair = `${op.userId}\n${op.organization}`;
    const lease = blocked.has(pair) || made >= MADE_MAX ? null : await claim(deps, op, deps.clock.now());
    if (lease === null) {
      blocked.add(pair);
      result.waiting++;
      continue;
    }
    made++;
    try {
      await recordDone(deps, op, lease, await perform(deps, ckan, op), deps.clock.now());
      result.done++;
    } catch (error) {
      if (!(error instanceof CkanError)) throw error;
      await recordFailure(deps, op, lease, error, deps.clock.now());
      blocked.add(pair);
      if (error.retryable && op.attempts + 1 < CKAN_MAX_ATTEMPTS) result.waiting++;
      else result.failed++;
    }
  }
  return result;
}
