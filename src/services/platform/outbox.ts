import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { outbox, type OutboxMessage } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { SECOND } from "../../lib/clock";
import { backoff } from "../../lib/backoff";
import { newId } from "../../lib/ids";
import type { Deps, OutgoingEmail, SendFailure } from "../../deps";
import { APPROVAL_TEMPLATES, approverBounceStatements } from "../applications/approver-bounce";
import { erasedBody, keepsNoSecrets } from "./outbox-bodies";
import { acquireSendSlot, SLOT_WAIT_BUDGET_MS } from "./send-rate";
import { suppressedAmong } from "./suppressions";

export { eraseSecretBodies, listMessages } from "./outbox-bodies";

// The sweeper: due messages leave in as few requests as Resend allows (its batch endpoint takes
// up to 100), never faster than the configured requests per second, each request retried on
// 429 (after its `retry-after`), 5xx, a timeout or a network error with exponential backoff and
// jitter; a 4xx is recorded and not retried. A message alone carries its outbox id as
// Idempotency-Key on every attempt; a batch carries its own key, kept on its rows, and a retry
// resends that same batch with it — so Resend never sends a message twice.

export const MAX_DELIVERY_ATTEMPTS = 8;

/**
 * Codes a person asks for while waiting at the screen: sent even to a suppressed address (they
 * show the address works again; a new bounce suppresses it again), never silently dropped.
 */
const ASKED_FOR: ReadonlySet<string> = new Set(["sign_in_code", "email_verify_code", "approval_confirm_code"]);
/** Resend's batch endpoint takes at most 100 messages. */
export const BATCH_MAX = 100;
/** Messages one sweep looks at. */
const SWEEP_MAX = 500;

interface Sendable {
  message: OutboxMessage;
  /** Its recipients that are not suppressed. */
  to: string[];
}

const emailOf = (deps: Deps, s: Sendable): OutgoingEmail => ({
  id: s.message.id,
  from: deps.config.mailFrom,
  to: s.to,
  subject: s.message.subject,
  text: s.message.text,
  html: s.message.html,
});

/**
 * Claims the group's rows for one attempt (attempts + 1, next attempt after the backoff, the
 * batch key when several go together): a row another sweeper claimed meanwhile is left out.
 */
async function claim(deps: Deps, group: Sendable[], batchKey: string | null): Promise<Sendable[]> {
  const now = deps.clock.now();
  // One retry time for the whole group: a batch is retried together or not at all.
  const retryAt = now + backoff(Math.max(...group.map((s) => s.message.attempts)));
  const results = await runBatch(
    deps.db,
    group.map(({ message }) =>
      deps.db
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: retryAt, batchKey })
        .where(and(eq(outbox.id, message.id), eq(outbox.status, "pending"), eq(outbox.attempts, message.attempts)))
        .returning({ id: outbox.id }),
    ),
  );
  return group.filter((_, i) => (results[i] ?? []).length > 0);
}

/** Marks a group sent, with Resend's ids; a body carrying a secret is erased outside development. */
async function markSent(deps: Deps, group: Sendable[], providerIds: (string | null)[]): Promise<void> {
  const now = deps.clock.now();
  await runBatch(
    deps.db,
    group.map(({ message }, i) =>
      deps.db
        .update(outbox)
        .set({
          status: deps.mail.kind === "local" ? "local" : "sent",
          providerId: providerIds[i] ?? null,
          sentAt: now,
          lastError: null,
          ...(message.secretExpiresAt !== null && keepsNoSecrets(deps) ? erasedBody(now) : {}),
        })
        .where(eq(outbox.id, message.id)),
    ),
  );
}

/**
 * Records a failed attempt: retried later (after `retry-after` when Resend gave one), or failed for
 * good. A 429 (Resend's rate or daily quota) is the team's limit, not the message's fault: it does
 * not spend one of the message's attempts, and waits `retry-after` (a minute when none is given).
 */
async function markFailed(deps: Deps, group: Sendable[], failure: SendFailure): Promise<void> {
  const now = deps.clock.now();
  const limited = failure.status === 429;
  await runBatch(
    deps.db,
    group.map(({ message }) => {
      const giveUp = !failure.retryable || (!limited && message.attempts + 1 >= MAX_DELIVERY_ATTEMPTS);
      const wait = failure.retryAfterSeconds ?? (limited ? 60 : null);
      return deps.db
        .update(outbox)
        .set({
          status: giveUp ? "failed" : "pending",
          lastError: failure.error.slice(0, 500),
          ...(limited ? { attempts: message.attempts } : {}),
          ...(wait !== null && !giveUp ? { nextAttemptAt: now + Math.max(wait * SECOND, SECOND) } : {}),
        })
        .where(eq(outbox.id, message.id));
    }),
  );
}

/**
 * Messages whose every recipient is suppressed are not sent: `suppressed`, and an approval request
 * flags its application (the applicant is told). Returns the outbox ids that this wrote.
 */
async function suppress(deps: Deps, message: OutboxMessage, addresses: string[]): Promise<string[]> {
  const now = deps.clock.now();
  const statements: Statement[] = [
    deps.db
      .update(outbox)
      .set({ status: "suppressed", lastError: "every recipient is on the suppression list" })
      .where(and(eq(outbox.id, message.id), eq(outbox.status, "pending"))),
  ];
  const outboxIds: string[] = [];
  if (message.applicationId && APPROVAL_TEMPLATES.has(message.template)) {
    for (const address of addresses) {
      const flag = await approverBounceStatements(deps, {
        applicationId: message.applicationId,
        address,
        cause: "suppressed",
        now,
      });
      statements.push(...flag.statements);
      outboxIds.push(...flag.outboxIds);
    }
  }
  await runBatch(deps.db, statements);
  return outboxIds;
}

/** The requests a sweep makes: batches resent as they were first sent, the rest in chunks of 100. */
function groupsOf(sendable: Sendable[]): { group: Sendable[]; batchKey: string | null }[] {
  const keyed = new Map<string, Sendable[]>();
  const fresh: Sendable[] = [];
  for (const s of sendable) {
    const key = s.message.batchKey;
    if (key) keyed.set(key, [...(keyed.get(key) ?? []), s]);
    else fresh.push(s);
  }
  const groups: { group: Sendable[]; batchKey: string | null }[] = [...keyed].map(([batchKey, group]) => ({
    group,
    batchKey,
  }));
  for (let i = 0; i < fresh.length; i += BATCH_MAX) {
    const group = fresh.slice(i, i + BATCH_MAX);
    groups.push({ group, batchKey: group.length > 1 ? newId("batch") : null });
  }
  return groups;
}

type Sent = "sent" | "failed" | "rate_limited";

/** One request to the provider for a claimed group; a batch Resend refuses as invalid goes one by one. */
async function sendGroup(deps: Deps, group: Sendable[], batchKey: string | null, deadline: number): Promise<Sent> {
  if (deps.mail.kind === "resend" && !(await acquireSendSlot(deps, deadline))) return "rate_limited";
  const result =
    batchKey === null
      ? await deps.mail.send(emailOf(deps, group[0]!))
      : await deps.mail.sendBatch(
          group.map((s) => emailOf(deps, s)),
          batchKey,
        );
  if (result.ok) {
    await markSent(deps, group, "providerIds" in result ? result.providerIds : [result.providerId]);
    return "sent";
  }
  // A refused batch (a 4xx) sent nothing: each message gets its own request, its own key.
  if (batchKey !== null && !result.retryable) {
    await deps.db.update(outbox).set({ batchKey: null }).where(eq(outbox.batchKey, batchKey));
    for (const s of group) {
      if ((await sendGroup(deps, [s], null, deadline)) === "rate_limited") return "rate_limited";
    }
    return "failed";
  }
  await markFailed(deps, group, result);
  // The team's limit, or a key or domain Resend refuses: every other message would fare the same.
  return result.status === 429 || result.status === 401 || result.status === 403 ? "rate_limited" : "failed";
}

/**
 * Sends the given messages (after a commit) or every due one (cron): suppressed recipients left
 * out, then as few requests as possible, paced (see acquireSendSlot). A 429 ends the sweep (the
 * rest waits for its `retry-after`). Returns how many messages it looked at. Never throws.
 */
export async function deliverOutbox(deps: Deps, ids?: string[]): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select()
    .from(outbox)
    .where(
      ids
        ? and(inArray(outbox.id, ids.slice(0, 90)), eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now))
        : and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)),
    )
    .orderBy(outbox.createdAt)
    .limit(SWEEP_MAX);
  if (due.length === 0) return 0;
  try {
    // A batch already tried is resent exactly as it was (same key, same messages, same recipients):
    // all its rows, also those past this sweep's limit, and no recipient left out.
    const keys = [...new Set(due.map((m) => m.batchKey).filter((k): k is string => k !== null))];
    const members = keys.length
      ? await deps.db
          .select()
          .from(outbox)
          .where(and(inArray(outbox.batchKey, keys.slice(0, 90)), eq(outbox.status, "pending")))
      : [];
    const byId = new Map([...due, ...members].map((m) => [m.id, m]));
    const messages = [...byId.values()];
    const suppressed = await suppressedAmong(
      deps.db,
      messages.flatMap((m) => JSON.parse(m.to) as string[]),
    );
    const sendable: Sendable[] = [];
    const followUps: string[] = [];
    for (const message of messages) {
      const to = JSON.parse(message.to) as string[];
      const open =
        message.batchKey !== null || ASKED_FOR.has(message.template)
          ? to
          : to.filter((a) => !suppressed.has(a.toLowerCase()));
      if (open.length > 0) sendable.push({ message, to: open });
      else followUps.push(...(await suppress(deps, message, to)));
    }
    const deadline = now + SLOT_WAIT_BUDGET_MS;
    for (const { group, batchKey } of groupsOf(sendable)) {
      const claimed = await claim(deps, group, batchKey);
      if (claimed.length === 0) continue;
      // A resent batch must be whole. Another sweeper claiming part of it at the same moment
      // leaves it to that sweeper's next run (sending a part under the key would be refused, and
      // sending it alone could send twice).
      if (claimed.length < group.length) continue;
      const key = batchKey !== null && claimed.length > 1 ? batchKey : null;
      const requests = [claimed];
      let stop = false;
      for (const request of requests) {
        if ((await sendGroup(deps, request, key, deadline)) === "rate_limited") {
          stop = true;
          break;
        }
      }
      if (stop) break;
    }
    if (followUps.length > 0) await deliverOutbox(deps, followUps);
  } catch (error) {
    console.error("outbox delivery failed", error instanceof Error ? error.message : error);
  }
  return due.length;
}
