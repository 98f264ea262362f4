import { env } from "cloudflare:test";

// Reading the test D1 directly: raw rows, "nothing was written" snapshots, audit and outbox rows.

export type Row = Record<string, unknown>;

/** The rows of one SQL query. */
export async function rows(sql: string, ...params: unknown[]): Promise<Row[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<Row>()
  ).results;
}

export async function countRows(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row!.n;
}

// Every table a request could write to. Sessions leave out last_seen_at, which a read may touch;
// api_keys leave out last_used_at, written after a verification; the outbox leaves out what its
// delivery (after the response) changes.
const SNAPSHOT_QUERIES: Record<string, string> = {
  users: "SELECT * FROM users ORDER BY id",
  email_identities: "SELECT * FROM email_identities ORDER BY id",
  sessions: "SELECT id, user_id, created_at, expires_at, revoked_at FROM sessions ORDER BY id",
  one_time_tokens: "SELECT * FROM one_time_tokens ORDER BY id",
  applications: "SELECT * FROM applications ORDER BY id",
  memberships: "SELECT * FROM memberships ORDER BY id",
  handovers: "SELECT * FROM handovers ORDER BY id",
  api_keys: "SELECT id, revoked_at, grace_until, replaced_by, expires_at FROM api_keys ORDER BY id",
  terms_acceptances: "SELECT * FROM terms_acceptances ORDER BY rowid",
  terms_versions: "SELECT * FROM terms_versions ORDER BY version",
  audit_events: "SELECT * FROM audit_events ORDER BY id",
  outbox: 'SELECT id, template, "to", subject, created_at FROM outbox ORDER BY id',
  rate_limits: "SELECT * FROM rate_limits ORDER BY key",
  code_failures: "SELECT * FROM code_failures ORDER BY key",
  agencies: "SELECT * FROM agencies ORDER BY id",
  agency_domains: "SELECT * FROM agency_domains ORDER BY domain",
  // The portal's rows, without what their delivery (after the response) changes.
  ckan_operations: "SELECT id, seq, action, organization, user_id, cause, created_at FROM ckan_operations ORDER BY seq",
  ckan_accounts: "SELECT * FROM ckan_accounts ORDER BY user_id",
  ckan_checks: "SELECT * FROM ckan_checks ORDER BY organization",
  ckan_drift: "SELECT * FROM ckan_drift ORDER BY id",
  webhook_endpoints: "SELECT * FROM webhook_endpoints ORDER BY id",
  webhook_deliveries: "SELECT id, endpoint_id, event_id, event_type, created_at FROM webhook_deliveries ORDER BY id",
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

/**
 * Waits until the e-mails of earlier requests are delivered (the local mailer marks them
 * after the response, in waitUntil), so that what follows sees only what a request did.
 */
export async function settleOutbox(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [row] = await rows("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("outbox did not settle");
}

export interface AuditRow {
  id: string;
  at: number;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
  ip: string | null;
}

/** The audit events about a subject (of one action, if given), oldest first, `detail` parsed. */
export async function auditOf(subject: string, action?: string): Promise<AuditRow[]> {
  const found = await rows(
    `SELECT * FROM audit_events WHERE subject = ?${action ? " AND action = ?" : ""} ORDER BY at, rowid`,
    ...(action ? [subject, action] : [subject]),
  );
  return found.map((r) => ({
    ...(r as unknown as AuditRow),
    detail: JSON.parse(r.detail as string) as Record<string, unknown>,
  }));
}

/** Outbox rows with this recipient among theirs, oldest first. */
export function outboxTo(address: string): Promise<Row[]> {
  return rows(
    'SELECT * FROM outbox WHERE EXISTS (SELECT 1 FROM json_each(outbox."to") WHERE lower(value) = lower(?)) ORDER BY rowid',
    address,
  );
}
