// Every operation of the JSON API, listed once, with who may call it and a body of the right
// shape (what the checks before the operation need; ids are placeholders). The security tests
// (test/security/route-checks.test.ts) give each one its common cases, and fail when
// /openapi.json documents an operation missing here.

export type Access = "none" | "session" | "admin" | "gateway" | "webhook";

export interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** As /openapi.json writes it: `{id}` for a path parameter. */
  path: string;
  access: Access;
  /** A JSON body of the operation's shape; absent when it takes none. */
  body?: Record<string, unknown>;
  /** The body is not JSON (e.g. text/csv). */
  contentType?: string;
  /** Bodies its validation must refuse with 400 and the failing field's path, by what is wrong. */
  invalid?: Record<string, unknown>;
}

const reason = { reason: "เหตุผล / reason" };
const application = {
  agencyId: "agc_x",
  role: "steward",
  position: "นักวิเคราะห์",
  phone: "02 123 4567",
  reason: "เผยแพร่ข้อมูล",
};

export const OPERATIONS: Operation[] = [
  {
    method: "POST",
    path: "/api/v1/auth/email/start",
    access: "none",
    body: { email: "someone@mail.go.th" },
    invalid: {
      "email a number": { email: 42 },
      "missing email": { name: "x" },
      "not an e-mail": { email: "nobody" },
      "name a number": { email: "a@mail.go.th", name: 7 },
    },
  },
  {
    method: "POST",
    path: "/api/v1/auth/email/verify",
    access: "none",
    body: { email: "someone@mail.go.th", code: "123456" },
    invalid: {
      "code a number": { email: "a@mail.go.th", code: 123456 },
      "missing code": { email: "a@mail.go.th" },
      "code not 6 digits": { email: "a@mail.go.th", code: "12a456" },
    },
  },
  { method: "POST", path: "/api/v1/auth/logout", access: "none" },
  { method: "GET", path: "/api/v1/auth/providers", access: "none" },
  { method: "POST", path: "/api/v1/auth/passkey/options", access: "none" },
  {
    method: "POST",
    path: "/api/v1/auth/passkey/verify",
    access: "none",
    body: {
      response: {
        id: "abc",
        rawId: "abc",
        type: "public-key",
        response: { clientDataJSON: "", authenticatorData: "", signature: "" },
      },
    },
  },
  { method: "POST", path: "/api/v1/passkeys/registration/options", access: "session" },
  {
    method: "POST",
    path: "/api/v1/passkeys/registration/verify",
    access: "session",
    body: {
      response: {
        id: "abc",
        rawId: "abc",
        type: "public-key",
        response: { clientDataJSON: "", attestationObject: "" },
      },
    },
  },
  { method: "GET", path: "/api/v1/passkeys", access: "session" },
  { method: "DELETE", path: "/api/v1/passkeys/{id}", access: "session" },
  { method: "GET", path: "/api/v1/sessions", access: "session" },
  { method: "POST", path: "/api/v1/sessions/revoke-others", access: "session" },
  { method: "DELETE", path: "/api/v1/sessions/{id}", access: "session" },
  { method: "GET", path: "/api/v1/me", access: "session" },
  { method: "PATCH", path: "/api/v1/me", access: "session", body: { name: "สมชาย ใจดี" } },
  { method: "DELETE", path: "/api/v1/me/identities/{id}", access: "session" },
  { method: "POST", path: "/api/v1/me/emails", access: "session", body: { email: "another@mail.go.th" } },
  {
    method: "POST",
    path: "/api/v1/me/emails/verify",
    access: "session",
    body: { email: "another@mail.go.th", code: "123456" },
  },
  { method: "GET", path: "/api/v1/terms", access: "none" },
  {
    method: "POST",
    path: "/api/v1/terms/accept",
    access: "session",
    body: { version: "test-1" },
    invalid: { "version a number": { version: 1 }, "missing version": {}, "empty version": { version: "" } },
  },
  { method: "GET", path: "/api/v1/agencies", access: "none" },
  {
    method: "POST",
    path: "/api/v1/applications",
    access: "session",
    body: application,
    invalid: {
      'role "admin"': { ...application, role: "admin" },
      "missing reason": { ...application, reason: undefined },
      "agencyId a number": { ...application, agencyId: 5 },
      "phone not a phone": { ...application, phone: "call me" },
    },
  },
  { method: "GET", path: "/api/v1/applications/{id}", access: "session" },
  { method: "POST", path: "/api/v1/applications/{id}/withdraw", access: "session" },
  { method: "POST", path: "/api/v1/applications/{id}/resubmit", access: "session", body: { reason: "ส่งใหม่" } },
  {
    method: "POST",
    path: "/api/v1/keys",
    access: "session",
    body: { name: "k", scopes: ["read"] },
    invalid: {
      'scopes ["admin"]': { name: "k", scopes: ["admin"] },
      "scopes a string": { name: "k", scopes: "read" },
      "scopes empty": { name: "k", scopes: [] },
      "missing name": { scopes: ["read"] },
      "expiresInDays a string": { name: "k", scopes: ["read"], expiresInDays: "ten" },
    },
  },
  { method: "GET", path: "/api/v1/keys", access: "session" },
  {
    method: "POST",
    path: "/api/v1/keys/verify",
    access: "gateway",
    body: { key: "stw_dev_x" },
    invalid: { "key a number": { key: 5 }, "missing key": {} },
  },
  // Forward authentication: the client's key in headers, the secret in X-Steward-Gateway-Secret.
  { method: "GET", path: "/api/v1/keys/authorize", access: "gateway" },
  { method: "GET", path: "/api/v1/keys/{id}/usage", access: "session" },
  // Signed by Resend (test/platform/resend-webhooks.test.ts signs real events).
  { method: "POST", path: "/api/v1/webhooks/resend", access: "webhook" },
  {
    method: "POST",
    path: "/api/v1/keys/{id}/rotate",
    access: "session",
    body: { graceSeconds: 0 },
    invalid: {
      "graceSeconds negative": { graceSeconds: -1 },
      "graceSeconds a string": { graceSeconds: "60" },
      "graceSeconds over a week": { graceSeconds: 604801 },
      "graceSeconds a fraction": { graceSeconds: 1.5 },
      "missing graceSeconds": {},
    },
  },
  { method: "DELETE", path: "/api/v1/keys/{id}", access: "session" },
  { method: "POST", path: "/api/v1/memberships/{id}/cancel", access: "session", body: reason },
  {
    method: "POST",
    path: "/api/v1/memberships/{id}/handover",
    access: "session",
    body: { successorEmail: "next@mail.go.th" },
  },
  { method: "GET", path: "/api/v1/admin/applications", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/admin/applications/{id}/approve",
    access: "admin",
    body: reason,
    invalid: { "reason a number": { reason: 5 } },
  },
  { method: "POST", path: "/api/v1/admin/applications/{id}/reject", access: "admin", body: reason },
  {
    method: "POST",
    path: "/api/v1/admin/applications/{id}/return",
    access: "admin",
    body: reason,
    invalid: { "missing reason": {}, "reason an object": { reason: { th: "x" } } },
  },
  {
    method: "POST",
    path: "/api/v1/admin/applications/{id}/approver",
    access: "admin",
    body: { name: "ผอ.", position: "ผู้อำนวยการ", email: "boss@mail.go.th" },
    invalid: {
      "missing email": { name: "ผอ.", position: "ผู้อำนวยการ" },
      "email not an e-mail": { name: "ผอ.", position: "ผู้อำนวยการ", email: "boss" },
      "name a number": { name: 1, position: "x", email: "boss@mail.go.th" },
    },
  },
  { method: "POST", path: "/api/v1/admin/agencies/import", access: "admin", contentType: "text/csv" },
  {
    method: "POST",
    path: "/api/v1/admin/agencies",
    access: "admin",
    body: { nameTh: "กรมทดสอบ", nameEn: "Test", ministry: "MOI", domains: ["test-x.go.th"] },
  },
  { method: "GET", path: "/api/v1/admin/agencies/{id}", access: "admin" },
  { method: "PATCH", path: "/api/v1/admin/agencies/{id}", access: "admin", body: { nameEn: "Renamed" } },
  {
    method: "POST",
    path: "/api/v1/admin/memberships/{id}/revoke",
    access: "admin",
    body: reason,
    invalid: { "missing reason": {}, "reason a boolean": { reason: true } },
  },
  {
    method: "POST",
    path: "/api/v1/admin/memberships/{id}/suspend",
    access: "admin",
    body: reason,
    invalid: { "missing reason": {}, "reason empty": { reason: "  " } },
  },
  {
    method: "POST",
    path: "/api/v1/admin/memberships/{id}/reinstate",
    access: "admin",
    body: reason,
    invalid: { "missing reason": {}, "reason a number": { reason: 5 } },
  },
  { method: "GET", path: "/api/v1/admin/stewards", access: "admin" },
  { method: "GET", path: "/api/v1/admin/stewards/{id}", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/admin/keys/expire",
    access: "admin",
    body: { userId: "usr_x", graceSeconds: 0, reason: "เหตุผล" },
    invalid: {
      "no scope": { graceSeconds: 0, reason: "x" },
      "two scopes": { userId: "usr_x", agencyId: "agc_x", graceSeconds: 0, reason: "x" },
      "graceSeconds over 7 days": { userId: "usr_x", graceSeconds: 604801, reason: "x" },
      "graceSeconds negative": { userId: "usr_x", graceSeconds: -1, reason: "x" },
      "graceSeconds a string": { userId: "usr_x", graceSeconds: "0", reason: "x" },
      "missing reason": { userId: "usr_x", graceSeconds: 0 },
    },
  },
  { method: "GET", path: "/api/v1/admin/users", access: "admin" },
  { method: "GET", path: "/api/v1/admin/users/{id}", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/admin/users/{id}/admin",
    access: "admin",
    body: { grant: true, reason: "เหตุผล" },
    invalid: { "grant a string": { grant: "yes", reason: "x" }, "missing reason": { grant: false } },
  },
  { method: "POST", path: "/api/v1/admin/users/{id}/unlock", access: "admin", body: reason },
  { method: "GET", path: "/api/v1/admin/summary", access: "admin" },
  { method: "GET", path: "/api/v1/admin/mail", access: "admin" },
  { method: "POST", path: "/api/v1/admin/mail/{id}/retry", access: "admin", body: {} },
  { method: "GET", path: "/api/v1/admin/suppressions", access: "admin" },
  { method: "GET", path: "/api/v1/admin/webhooks", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/admin/webhooks",
    access: "admin",
    body: { url: "https://portal.example.go.th/hooks/steward", events: ["key.revoked"] },
    invalid: {
      "missing url": { events: ["*"] },
      "url a number": { url: 42 },
      "an unknown event type": { url: "https://portal.example.go.th/h", events: ["key.lost"] },
      "no event type": { url: "https://portal.example.go.th/h", events: [] },
    },
  },
  {
    method: "PATCH",
    path: "/api/v1/admin/webhooks/{id}",
    access: "admin",
    body: { status: "disabled" },
    invalid: { "status unknown": { status: "paused" }, "events a string": { events: "*" } },
  },
  { method: "DELETE", path: "/api/v1/admin/webhooks/{id}", access: "admin" },
  { method: "POST", path: "/api/v1/admin/webhooks/{id}/rotate-secret", access: "admin" },
  { method: "GET", path: "/api/v1/admin/webhooks/{id}/deliveries", access: "admin" },
  { method: "POST", path: "/api/v1/admin/webhook-deliveries/{id}/retry", access: "admin" },
  { method: "GET", path: "/api/v1/admin/portal", access: "admin" },
  { method: "GET", path: "/api/v1/admin/portal/calls", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/admin/portal/calls/retry",
    access: "admin",
    body: { ids: ["ckop_x"], reason: "สร้างบัญชีใน CKAN แล้ว" },
    invalid: { "ids a string": { ids: "ckop_x" }, "ids empty": { ids: [] }, "reason a number": { reason: 7 } },
  },
  {
    method: "POST",
    path: "/api/v1/admin/portal/check",
    access: "admin",
    body: { organization: "dga" },
    invalid: {
      "organization not a CKAN name": { organization: "Not A Name" },
      "organization a number": { organization: 7 },
    },
  },
  {
    method: "POST",
    path: "/api/v1/admin/portal/organizations/{organization}/apply",
    access: "admin",
    body: reason,
    invalid: { "reason a number": { reason: 7 } },
  },
  {
    method: "POST",
    path: "/api/v1/admin/suppressions/lift",
    access: "admin",
    body: { address: "someone@mail.go.th", reason: "the mailbox exists again" },
    invalid: {
      "missing reason": { address: "someone@mail.go.th" },
      "address not an e-mail": { address: "nobody", reason: "x" },
    },
  },
  { method: "POST", path: "/api/v1/admin/users/{id}/suspend", access: "admin", body: reason },
  { method: "POST", path: "/api/v1/admin/users/{id}/reactivate", access: "admin", body: reason },
  { method: "POST", path: "/api/v1/admin/users/{id}/passkeys/remove", access: "admin", body: reason },
  {
    method: "POST",
    path: "/api/v1/admin/terms",
    access: "admin",
    body: { version: "v-x", titleTh: "x", titleEn: "x", bodyTh: "x", bodyEn: "x", effectiveAt: "2099-01-01T00:00:00Z" },
  },
  { method: "GET", path: "/api/v1/admin/audit", access: "admin" },
  { method: "GET", path: "/dev/mail", access: "none" },
  { method: "POST", path: "/dev/clock", access: "none", body: { offsetSeconds: 0 } },
  { method: "POST", path: "/dev/cron", access: "none" },
];

/** The operation's URL with a placeholder for each path parameter. */
export function urlOf(op: Operation, id = "x_unknown"): string {
  // A CKAN organization's name is lower-case (CKAN's own rule): an unknown one.
  return op.path.replaceAll("{id}", id).replaceAll("{organization}", "x-unknown");
}

export const isUnsafe = (op: Operation) => op.method !== "GET";
export const takesJson = (op: Operation) => op.body !== undefined;
