import { env } from "cloudflare:test";
import { expect } from "vitest";
import { agencies, agencyDomains } from "../../src/db/schema";
import type { Client } from "./client";
import { db, signIn } from "./fixtures";

export const ADMIN_EMAIL = "admin@dga.or.th";
export const SESSION_COOKIE = "steward_session";

// Every table a request could write to. Sessions leave out last_seen_at, which a read may touch.
const SNAPSHOT_QUERIES: Record<string, string> = {
  users: "SELECT * FROM users ORDER BY id",
  email_identities: "SELECT * FROM email_identities ORDER BY id",
  sessions: "SELECT id, user_id, created_at, expires_at, revoked_at FROM sessions ORDER BY id",
  one_time_tokens: "SELECT * FROM one_time_tokens ORDER BY id",
  applications: "SELECT * FROM applications ORDER BY id",
  memberships: "SELECT * FROM memberships ORDER BY id",
  api_keys: "SELECT id, revoked_at, grace_until, replaced_by, expires_at FROM api_keys ORDER BY id",
  terms_acceptances: "SELECT * FROM terms_acceptances ORDER BY rowid",
  terms_versions: "SELECT * FROM terms_versions ORDER BY version",
  audit_events: "SELECT * FROM audit_events ORDER BY id",
  outbox: "SELECT id, template, \"to\", subject, created_at FROM outbox ORDER BY id",
  rate_limits: "SELECT * FROM rate_limits ORDER BY key",
  code_failures: "SELECT * FROM code_failures ORDER BY key",
  agencies: "SELECT * FROM agencies ORDER BY id",
};

export type Snapshot = Record<string, unknown[]>;

/** The rows of the given tables (all of them by default), for "nothing was written" checks. */
export async function snapshot(tables: string[] = Object.keys(SNAPSHOT_QUERIES)): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const table of tables) {
    const sql = SNAPSHOT_QUERIES[table];
    if (!sql) throw new Error(`no snapshot query for ${table}`);
    out[table] = (await env.DB.prepare(sql).all()).results;
  }
  return out;
}

export async function countRows(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row!.n;
}

/**
 * Signs in the configured administrator (ADMIN_EMAILS). Its domain, dga.or.th, is an agency
 * domain in the seed data; the test database has no seed, so it is added here once.
 */
export async function signInAdmin(): Promise<Client> {
  await ensureAdminDomain();
  return signIn(ADMIN_EMAIL, "ผู้ดูแล ระบบ");
}

/** Makes dga.or.th (the administrator's domain) an agency domain, as the seed data does. */
export async function ensureAdminDomain(): Promise<void> {
  const now = Date.now();
  await db
    .insert(agencies)
    .values({ id: "agc_dga", nameTh: "สำนักงานพัฒนารัฐบาลดิจิทัล", nameEn: "DGA", executiveEmail: "ceo@dga.or.th", executiveName: "ผู้อำนวยการ", executivePosition: "ผู้อำนวยการ", createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  await db.insert(agencyDomains).values({ domain: "dga.or.th", agencyId: "agc_dga" }).onConflictDoNothing();
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** Asserts an RFC 9457 problem response with this status and code, and returns its body. */
export async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ status, code });
  for (const field of ["type", "title", "detail"] as const) expect(typeof body[field], field).toBe("string");
  return body;
}
