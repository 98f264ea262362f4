import type { Operation } from "./route-catalogue";

// The route catalogue's operations outside the administrators' area: sign-in, the person's own
// account, terms, agencies, applications, keys and the gateway, webhooks (see route-catalogue.ts).

export const REASON = { reason: "เหตุผล / reason" };
const application = {
  agencyId: "agc_x",
  role: "steward",
  position: "นักวิเคราะห์",
  phone: "02 123 4567",
  reason: "เผยแพร่ข้อมูล",
};

export const PUBLIC_OPERATIONS: Operation[] = [
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
  { method: "POST", path: "/api/v1/memberships/{id}/cancel", access: "session", body: REASON },
  {
    method: "POST",
    path: "/api/v1/memberships/{id}/handover",
    access: "session",
    body: { successorEmail: "next@mail.go.th" },
  },
];
