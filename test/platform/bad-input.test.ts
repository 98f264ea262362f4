import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { applicationBody, createAgency, official } from "../helpers/fixtures";
import { expectProblem, signInAdmin, snapshot } from "../helpers/auth-db";

// Bad input must be refused by validation (400 invalid_request with errors, or 413), never
// reach a service, never write, never answer 5xx. The callers are signed in and allowed, so
// validation is the only thing that can fail.

type Who = "anonymous" | "official" | "admin" | "gateway";
interface Ids { applicationId: string; keyId: string }
interface Case { who: Who; method?: string; path: (ids: Ids) => string; body?: string; contentType?: string }

const GATEWAY = { Authorization: "Bearer dev-gateway-secret" };
const MALFORMED = '{"email": "a@mail.go.th",';
const j = (value: unknown) => JSON.stringify(value);
const HUGE = j({ email: "a@mail.go.th", name: "x".repeat(70 * 1024), code: "123456", reason: "y".repeat(70 * 1024) });

const ENDPOINTS: Record<string, { who: Who; path: (ids: Ids) => string; bad: Record<string, string> }> = {
  "auth start": {
    who: "anonymous",
    path: () => "/api/v1/auth/email/start",
    bad: { malformed: MALFORMED, "email a number": j({ email: 42 }), "missing email": j({ name: "x" }), "not an e-mail": j({ email: "nobody" }), "an array": j([]), null: "null", "name a number": j({ email: "a@mail.go.th", name: 7 }) },
  },
  "auth verify": {
    who: "anonymous",
    path: () => "/api/v1/auth/email/verify",
    bad: { malformed: MALFORMED, "code a number": j({ email: "a@mail.go.th", code: 123456 }), "missing code": j({ email: "a@mail.go.th" }), "code not 6 digits": j({ email: "a@mail.go.th", code: "12a456" }) },
  },
  "terms accept": {
    who: "official",
    path: () => "/api/v1/terms/accept",
    bad: { malformed: "{version", "version a number": j({ version: 1 }), "missing version": j({}), "empty version": j({ version: "" }) },
  },
  "applications create": {
    who: "official",
    path: () => "/api/v1/applications",
    bad: {
      malformed: '{"agencyId":',
      'role "admin"': j({ ...applicationBody("agc_x"), role: "admin" }),
      "missing reason": j({ ...applicationBody("agc_x"), reason: undefined }),
      "agencyId a number": j({ ...applicationBody("agc_x"), agencyId: 5 }),
      "phone not a phone": j({ ...applicationBody("agc_x"), phone: "call me" }),
    },
  },
  "keys create": {
    who: "official",
    path: () => "/api/v1/keys",
    bad: {
      malformed: "{]",
      'scopes ["admin"]': j({ name: "k", scopes: ["admin"] }),
      "scopes a string": j({ name: "k", scopes: "read" }),
      "scopes empty": j({ name: "k", scopes: [] }),
      "missing name": j({ scopes: ["read"] }),
      "expiresInDays a string": j({ name: "k", scopes: ["read"], expiresInDays: "ten" }),
    },
  },
  "keys rotate": {
    who: "official",
    path: (ids) => `/api/v1/keys/${ids.keyId}/rotate`,
    bad: { malformed: "{", "graceSeconds negative": j({ graceSeconds: -1 }), "graceSeconds a string": j({ graceSeconds: "60" }), "graceSeconds over a week": j({ graceSeconds: 604801 }), "graceSeconds a fraction": j({ graceSeconds: 1.5 }), "missing graceSeconds": j({}) },
  },
  "admin approve": {
    who: "admin",
    path: (ids) => `/api/v1/admin/applications/${ids.applicationId}/approve`,
    bad: { malformed: "{reason", "reason a number": j({ reason: 5 }), "an array": j([]) },
  },
  "admin return": {
    who: "admin",
    path: (ids) => `/api/v1/admin/applications/${ids.applicationId}/return`,
    bad: { malformed: "{", "missing reason": j({}), "reason an object": j({ reason: { th: "x" } }) },
  },
  "admin approver": {
    who: "admin",
    path: (ids) => `/api/v1/admin/applications/${ids.applicationId}/approver`,
    bad: { malformed: "{", "missing email": j({ name: "ผอ.", position: "ผู้อำนวยการ" }), "email not an e-mail": j({ name: "ผอ.", position: "ผู้อำนวยการ", email: "boss" }), "name a number": j({ name: 1, position: "x", email: "boss@mail.go.th" }) },
  },
  "admin revoke": {
    who: "admin",
    path: () => "/api/v1/admin/memberships/mem_unknown/revoke",
    bad: { malformed: "{", "missing reason": j({}), "reason a boolean": j({ reason: true }) },
  },
  "keys verify": {
    who: "gateway",
    path: () => "/api/v1/keys/verify",
    bad: { malformed: '{"key":', "key a number": j({ key: 5 }), "missing key": j({}), "an array": j(["stw_dev_x"]) },
  },
};

const cases: [string, Case, number][] = [];
for (const [endpoint, spec] of Object.entries(ENDPOINTS)) {
  for (const [label, body] of Object.entries(spec.bad)) cases.push([`${endpoint}: ${label}`, { who: spec.who, path: spec.path, body }, 400]);
  cases.push([`${endpoint}: a 70 KB body`, { who: spec.who, path: spec.path, body: HUGE }, 413]);
}
cases.push(['admin list: status "bogus"', { who: "admin", method: "GET", path: () => "/api/v1/admin/applications?status=bogus" }, 400]);
cases.push(["keys rotate: an id over 64 characters", { who: "official", path: () => `/api/v1/keys/${"k".repeat(65)}/rotate`, body: j({ graceSeconds: 0 }) }, 400]);
cases.push(["auth start: text/plain body", { who: "anonymous", path: () => "/api/v1/auth/email/start", body: "email=a@mail.go.th", contentType: "text/plain" }, 0]);

let clients: Record<Who, Client>;
let ids: Ids;

beforeAll(async () => {
  const agency = await createAgency({ executive: false });
  const { client } = await official(agency);
  const applied = await client.json("POST", "/api/v1/applications", applicationBody(agency.id));
  expect(applied.status).toBe(201);
  const { application } = (await applied.json()) as { application: { id: string; status: string } };
  expect(application.status).toBe("awaiting_review");
  const key = await client.json("POST", "/api/v1/keys", { name: "read key", scopes: ["read"] });
  expect(key.status).toBe(201);
  ids = { applicationId: application.id, keyId: ((await key.json()) as { key: { id: string } }).key.id };
  clients = { anonymous: new Client(), official: client, admin: await signInAdmin(), gateway: new Client() };
});

describe("bad input is a problem+json 4xx that writes nothing", () => {
  it.each(cases)("%s", async (_label, c, status) => {
    const before = await snapshot();
    const headers: Record<string, string> = { "Content-Type": c.contentType ?? "application/json", ...(c.who === "gateway" ? GATEWAY : {}) };
    const res = await clients[c.who].fetch(c.path(ids), { method: c.method ?? "POST", headers, body: c.body });
    expect(res.status, await res.clone().text()).toBeLessThan(500);
    if (status === 0) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      const { code } = (await res.clone().json()) as { code: string };
      await expectProblem(res, res.status, code);
    } else if (status === 413) {
      await expectProblem(res, 413, "payload_too_large");
    } else {
      const problem = await expectProblem(res, 400, "invalid_request");
      expect(problem.errors?.length).toBeGreaterThan(0);
      for (const error of problem.errors!) expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("names the failing field in errors[].path", async () => {
    const res = await clients.official.json("POST", "/api/v1/keys", { name: "k", scopes: ["admin"] });
    const problem = await expectProblem(res, 400, "invalid_request");
    expect(problem.errors!.some((e) => e.path.startsWith("scopes"))).toBe(true);
  });

  it("the same callers with good input are not refused (the cases above fail on validation only)", async () => {
    const ok = await clients.official.json("POST", `/api/v1/keys/${ids.keyId}/rotate`, { graceSeconds: 0 });
    expect(ok.status).toBe(201);
    const verify = await clients.gateway.json("POST", "/api/v1/keys/verify", { key: "stw_dev_nope" }, GATEWAY);
    expect(verify.status).toBe(200);
    const list = await clients.admin.fetch("/api/v1/admin/applications?status=awaiting_review");
    expect(list.status).toBe(200);
  });
});
