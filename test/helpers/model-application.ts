import { env } from "cloudflare:test";
import { expect } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { MINUTE, fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import type { Client } from "./client";
import { createAgency } from "./fixtures";
import { applicant, submit, type Applicant } from "./flow-approval";
import { outboxTo, settleOutbox } from "./db";

/**
 * The model of one steward application, as the contract describes it, for the model-based
 * test in test/model: what each request must answer and what it must leave behind.
 */
export type Status =
  "awaiting_executive" | "awaiting_review" | "returned" | "approved" | "rejected" | "expired" | "withdrawn";
export type Outcome = "approved" | "rejected" | "in_review" | "returned" | "expired";

export const TERMINAL: readonly Status[] = ["approved", "rejected", "withdrawn"];

export interface AppModel {
  review: boolean;
  status: Status;
  /** Approval rounds sent to the executive (submission and each resubmission). */
  round: number;
  /** One link per round (the agency has no deputies or fallback): whether it was used. */
  used: boolean[];
  /** Successful transitions after the submission. */
  transitions: number;
  executiveDecisions: number;
  /** application_<outcome> e-mails the applicant must have been sent. */
  mails: Partial<Record<Outcome, number>>;
}

export interface AppReal {
  applicationId: string;
  who: Applicant;
  executiveEmail: string;
  admin: Client;
  /** The approval link path of each round, from the e-mail to the executive. */
  links: string[];
  /** The status after the previous command, to check that terminal states stay put. */
  lastStatus: Status;
}

/** What a GET, HEAD or POST on a round's link answers (CONTRACT: Executive approval). */
export function linkAnswer(m: Readonly<AppModel>, index: number): 200 | 409 | 410 {
  if (m.used[index]) return 409;
  if (m.status === "expired") return 410;
  return index === m.round - 1 && m.status === "awaiting_executive" ? 200 : 409;
}

export function transition(m: AppModel, to: Status, outcome?: Outcome): void {
  m.status = to;
  m.transitions++;
  if (outcome) m.mails[outcome] = (m.mails[outcome] ?? 0) + 1;
}

/** The link in the newest approval request e-mailed to the executive. */
export async function newestLink(executiveEmail: string): Promise<string> {
  const requests = (await outboxTo(executiveEmail)).filter((r) => r.template === "approval_request");
  const match = /\/approvals\/([A-Za-z0-9]+)/.exec(String(requests.at(-1)?.text ?? ""));
  if (!match) throw new Error(`no approval link e-mailed to ${executiveEmail}`);
  return match[0];
}

export async function setupRun(review: boolean, admin: Client): Promise<{ model: AppModel; real: AppReal }> {
  const agency = await createAgency({ reviewRequired: review });
  const who = await applicant(agency);
  const app = await submit(who, agency.id);
  expect(app.status).toBe("awaiting_executive");
  await settleOutbox();
  const real: AppReal = {
    applicationId: app.id,
    who,
    executiveEmail: agency.executiveEmail!,
    admin,
    links: [await newestLink(agency.executiveEmail!)],
    lastStatus: "awaiting_executive",
  };
  const model: AppModel = {
    review,
    status: "awaiting_executive",
    round: 1,
    used: [false],
    transitions: 0,
    executiveDecisions: 0,
    mails: {},
  };
  await checkInvariants(model, real);
  return { model, real };
}

type Row = Record<string, unknown>;

/** Several queries in one round trip to D1. */
async function query(...statements: [string, ...unknown[]][]): Promise<Row[][]> {
  const results = await env.DB.batch(statements.map(([sql, ...params]) => env.DB.prepare(sql).bind(...params)));
  return results.map((r) => r.results as Row[]);
}

const TO = `EXISTS (SELECT 1 FROM json_each(outbox."to") WHERE lower(value) = lower(?))`;

/**
 * Everything a request on this application could change. `global` adds whole-table counts
 * (not for scheduled work, which may expire other runs' applications).
 */
export async function footprint(r: AppReal, global = true) {
  await settleOutbox();
  const id = r.applicationId;
  const [application, tokens, memberships, counts, totals] = await query(
    ["SELECT * FROM applications WHERE id = ?", id],
    ["SELECT * FROM one_time_tokens WHERE application_id = ? ORDER BY rowid", id],
    ["SELECT * FROM memberships WHERE application_id = ?", id],
    [
      `SELECT (SELECT count(*) FROM audit_events WHERE subject = ?) AS audit, (SELECT count(*) FROM outbox WHERE ${TO} OR ${TO}) AS mails`,
      `application:${id}`,
      r.who.email,
      r.executiveEmail,
    ],
    [
      "SELECT (SELECT count(*) FROM audit_events) AS audit, (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM memberships) AS memberships",
    ],
  );
  return { application, tokens, memberships, counts, ...(global ? { totals } : {}) };
}

/** Runs the scheduled work at a fixed clock one minute past the application's deadline. */
export async function runCronPastDeadline(r: AppReal): Promise<void> {
  const [rows] = await query(["SELECT deadline_at FROM applications WHERE id = ?", r.applicationId]);
  const at = Number(rows![0]!.deadline_at) + MINUTE;
  // One run expires at most 50 applications; earlier runs of the file may have left some.
  for (let i = 0; i < 10; i++) {
    await runScheduledWork({ ...buildDeps(env), clock: fixedClock(at) });
    const [left] = await query([
      "SELECT count(*) AS n FROM applications WHERE status = 'awaiting_executive' AND deadline_at <= ?",
      at,
    ]);
    if (left![0]!.n === 0) break;
  }
}

/** The invariants that hold after every command. */
export async function checkInvariants(m: Readonly<AppModel>, r: AppReal): Promise<void> {
  await settleOutbox();
  const id = r.applicationId;
  const subject = `application:${id}`;
  const [apps, tokens, audited, toApplicant, toExecutive, members] = await query(
    ["SELECT status, approval_round FROM applications WHERE id = ?", id],
    [
      "SELECT token_hash, used_at, revoked_at FROM one_time_tokens WHERE application_id = ? AND purpose = 'approval' ORDER BY rowid",
      id,
    ],
    ["SELECT action FROM audit_events WHERE subject = ? AND action LIKE 'application.%' ORDER BY rowid", subject],
    [
      `SELECT template FROM outbox WHERE ${TO} AND template LIKE 'application\\_%' ESCAPE '\\' AND template <> 'application_received'`,
      r.who.email,
    ],
    [`SELECT template FROM outbox WHERE ${TO} ORDER BY rowid`, r.executiveEmail],
    ["SELECT count(*) AS n FROM memberships WHERE application_id = ?", id],
  );
  const app = apps![0];
  // Nothing leaves a terminal state (approved -> active only by a key, which no command issues).
  if (TERMINAL.includes(r.lastStatus)) expect(app!.status, `left terminal ${r.lastStatus}`).toBe(r.lastStatus);
  expect(app!.status, "status").toBe(m.status);
  expect(app!.approval_round, "approval rounds").toBe(m.round);
  r.lastStatus = app!.status as Status;

  // One link per round; at most one decision per link, on exactly the links the model used.
  const hashes = await Promise.all(r.links.map((path) => sha256Hex(path.slice("/approvals/".length))));
  expect(
    tokens!.map((t) => t.token_hash),
    "one link per round",
  ).toEqual(hashes);
  expect(
    tokens!.map((t) => t.used_at !== null),
    "used links",
  ).toEqual(m.used);
  // Links die as soon as the application leaves awaiting_executive; only the newest lives.
  const live = tokens!.filter((t) => t.used_at === null && t.revoked_at === null).map((t) => t.token_hash);
  expect(live, "live links").toEqual(m.status === "awaiting_executive" ? [hashes.at(-1)] : []);

  // Exactly one audit event per transition, plus the submission; at most one executive
  // decision per round, and exactly as many as the model made.
  const actions = audited!.map((a) => String(a.action));
  expect(actions[0], "first audit event").toBe("application.submitted");
  expect(actions, "one audit event per transition").toHaveLength(m.transitions + 1);
  const executive = actions.filter((a) => a.startsWith("application.executive_")).length;
  expect(executive, "executive decisions").toBe(m.executiveDecisions);
  expect(executive, "executive decisions per round").toBeLessThanOrEqual(m.round);

  // Every transition's e-mails queued exactly once.
  const outcomes: Record<string, number> = {};
  for (const { template } of toApplicant!) {
    const outcome = String(template).slice("application_".length);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  expect(outcomes, "e-mails to the applicant").toEqual(m.mails);
  expect(
    toExecutive!.map((row) => row.template),
    "e-mails to the executive",
  ).toEqual(Array.from({ length: m.round }, () => "approval_request"));

  // A membership exactly when approved.
  expect(members![0]!.n, "memberships").toBe(m.status === "approved" ? 1 : 0);
}
