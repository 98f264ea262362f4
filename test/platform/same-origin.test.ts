import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { Client, ORIGIN, lastMailTo, linkIn, workerFetch } from "../helpers/client";
import { applicationBody, createAgency, ensureTerms, official, signIn, unique } from "../helpers/fixtures";
import { SESSION_COOKIE, expectProblem, signInAdmin, snapshot } from "../helpers/auth-db";

// Every state change must come from this site (Sec-Fetch-Site: same-origin or Origin equal to
// the app's origin), JSON and forms alike; only the gateway's key verification is exempt.

interface Ids { applicationId: string; reviewId: string; keyId: string }
interface Route { who: "official" | "admin"; method: string; path: (ids: Ids) => string; body?: unknown }

const mem = "mem_unknown";
const ROUTES: Record<string, Route> = {
  "auth start": { who: "official", method: "POST", path: () => "/api/v1/auth/email/start", body: { email: "someone@mail.go.th" } },
  "auth verify": { who: "official", method: "POST", path: () => "/api/v1/auth/email/verify", body: { email: "someone@mail.go.th", code: "000000" } },
  logout: { who: "official", method: "POST", path: () => "/api/v1/auth/logout" },
  "terms accept": { who: "official", method: "POST", path: () => "/api/v1/terms/accept", body: { version: "test-1" } },
  "applications create": { who: "official", method: "POST", path: () => "/api/v1/applications", body: applicationBody("agc_x") },
  "applications withdraw": { who: "official", method: "POST", path: (ids) => `/api/v1/applications/${ids.applicationId}/withdraw` },
  "applications resubmit": { who: "official", method: "POST", path: (ids) => `/api/v1/applications/${ids.applicationId}/resubmit`, body: {} },
  "keys create": { who: "official", method: "POST", path: () => "/api/v1/keys", body: { name: "k", scopes: ["read"] } },
  "keys rotate": { who: "official", method: "POST", path: (ids) => `/api/v1/keys/${ids.keyId}/rotate`, body: { graceSeconds: 0 } },
  "keys delete": { who: "official", method: "DELETE", path: (ids) => `/api/v1/keys/${ids.keyId}` },
  "memberships cancel": { who: "official", method: "POST", path: () => `/api/v1/memberships/${mem}/cancel`, body: { reason: "x" } },
  "memberships handover": { who: "official", method: "POST", path: () => `/api/v1/memberships/${mem}/handover`, body: { successorEmail: "next@mail.go.th" } },
  "sessions revoke-others": { who: "official", method: "POST", path: () => "/api/v1/sessions/revoke-others" },
  "sessions delete": { who: "official", method: "DELETE", path: () => "/api/v1/sessions/ses_unknown" },
  "passkeys registration options": { who: "official", method: "POST", path: () => "/api/v1/passkeys/registration/options" },
  "passkeys delete": { who: "official", method: "DELETE", path: () => "/api/v1/passkeys/pk_unknown" },
  "passkey sign-in options": { who: "official", method: "POST", path: () => "/api/v1/auth/passkey/options" },
  "me PUT": { who: "official", method: "PUT", path: () => "/api/v1/me", body: { name: "x" } },
  "me PATCH": { who: "official", method: "PATCH", path: () => "/api/v1/me", body: { name: "x" } },
  "admin approve": { who: "admin", method: "POST", path: (ids) => `/api/v1/admin/applications/${ids.reviewId}/approve`, body: {} },
  "admin reject": { who: "admin", method: "POST", path: (ids) => `/api/v1/admin/applications/${ids.reviewId}/reject`, body: {} },
  "admin return": { who: "admin", method: "POST", path: (ids) => `/api/v1/admin/applications/${ids.reviewId}/return`, body: { reason: "x" } },
  "admin approver": { who: "admin", method: "POST", path: (ids) => `/api/v1/admin/applications/${ids.reviewId}/approver`, body: { name: "ผอ.", position: "ผู้อำนวยการ", email: "boss@mail.go.th" } },
  "admin revoke": { who: "admin", method: "POST", path: () => `/api/v1/admin/memberships/${mem}/revoke`, body: { reason: "x" } },
  "admin terms": { who: "admin", method: "POST", path: () => "/api/v1/admin/terms", body: { version: "evil", titleTh: "x", titleEn: "x", bodyTh: "x", bodyEn: "x", effectiveAt: "2099-01-01T00:00:00Z" } },
  "dev clock": { who: "admin", method: "POST", path: () => "/dev/clock", body: { offsetSeconds: 86400 * 30 } },
  "dev cron": { who: "admin", method: "POST", path: () => "/dev/cron" },
};

let clients: Record<Route["who"], Client>;
let ids: Ids;

/** A request straight to the worker, with exactly these headers (no helper-added Origin). */
function raw(path: string, init: { method: string; headers?: Record<string, string>; body?: string; cookie?: string }): Promise<Response> {
  const headers: Record<string, string> = { "cf-connecting-ip": "10.9.9.9", ...init.headers };
  if (init.cookie) headers.Cookie = `${SESSION_COOKIE}=${init.cookie}`;
  const request = new Request(`${ORIGIN}${path}`, { method: init.method, headers, body: init.body, redirect: "manual" });
  return workerFetch(request);
}

function send(name: string, headers: Record<string, string>): Promise<Response> {
  const route = ROUTES[name]!;
  return raw(route.path(ids), {
    method: route.method,
    headers: { "Content-Type": "application/json", ...headers },
    body: route.body === undefined ? undefined : JSON.stringify(route.body),
    cookie: clients[route.who].cookies.get(SESSION_COOKIE),
  });
}

beforeAll(async () => {
  const agency = await createAgency();
  const { client } = await official(agency);
  const applied = await client.json("POST", "/api/v1/applications", applicationBody(agency.id));
  const key = await client.json("POST", "/api/v1/keys", { name: "read key", scopes: ["read"] });
  const reviewAgency = await createAgency({ executive: false });
  const other = await official(reviewAgency);
  const review = await other.client.json("POST", "/api/v1/applications", applicationBody(reviewAgency.id));
  expect(review.status).toBe(201);
  ids = {
    applicationId: ((await applied.json()) as { application: { id: string } }).application.id,
    keyId: ((await key.json()) as { key: { id: string } }).key.id,
    reviewId: ((await review.json()) as { application: { id: string } }).application.id,
  };
  clients = { official: client, admin: await signInAdmin() };
});

afterEach(() => setDevClockOffset(0));

describe("state-changing API routes", () => {
  const names = Object.keys(ROUTES);
  const refused: [string, Record<string, string>][] = [
    ["Origin: https://evil.example", { Origin: "https://evil.example" }],
    ["Origin: null alone", { Origin: "null" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }],
    ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site", Origin: "https://sub.localhost:8787" }],
  ];

  describe.each(refused)("refuse %s with 403 cross_site_request and write nothing", (_label, headers) => {
    it.each(names)("%s", async (name) => {
      const before = await snapshot();
      await expectProblem(await send(name, headers), 403, "cross_site_request");
      expect(await snapshot()).toEqual(before);
    });
  });

  it("refuse origins that only look like the app's", async () => {
    for (const origin of ["https://localhost:8787", "http://localhost:8788", "http://localhost", "http://localhost:8787.evil.example", "http://localhost:8787/"]) {
      await expectProblem(await send("keys create", { Origin: origin }), 403, "cross_site_request");
    }
  });

  it.each(names)("accept %s with Sec-Fetch-Site: same-origin and Origin: null", async (name) => {
    if (name === "logout") return; // checked below: it would end the session the other routes use
    const res = await send(name, { "Sec-Fetch-Site": "same-origin", Origin: "null" });
    expect(res.status).toBeLessThan(500);
    if (res.status === 403) expect(((await res.json()) as { code: string }).code).not.toBe("cross_site_request");
  });

  it("a same-origin change does take effect (JSON and logout)", async () => {
    const email = `${unique("s")}@mail.go.th`;
    const same = { "Sec-Fetch-Site": "same-origin", Origin: "null" };
    expect((await new Client().json("POST", "/api/v1/auth/email/start", { email }, same)).status).toBe(202);
    expect((await clients.official.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() }, same)).status).toBe(200);
    expect((await clients.official.json("POST", "/api/v1/keys", { name: "same", scopes: ["read"] }, { Origin: ORIGIN })).status).toBe(201);
    const user = await signIn(`${unique("s")}@mail.go.th`);
    expect((await user.json("POST", "/api/v1/auth/logout", undefined, { Origin: "https://evil.example" })).status).toBe(403);
    expect((await user.fetch("/api/v1/me")).status).toBe(200);
    expect((await user.json("POST", "/api/v1/auth/logout", undefined, same)).status).toBe(204);
    expect((await user.fetch("/api/v1/me")).status).toBe(401);
  });
});

describe("POST /api/v1/keys/verify (the gateway) is exempt, and needs the gateway secret", () => {
  const body = JSON.stringify({ key: "stw_dev_nothing" });
  it.each([["https://evil.example"], ["null"], [""]])("Origin %j with the secret: 200", async (origin) => {
    const res = await raw("/api/v1/keys/verify", { method: "POST", body, headers: { "Content-Type": "application/json", Authorization: "Bearer dev-gateway-secret", ...(origin ? { Origin: origin } : {}) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ valid: false, code: "NOT_FOUND" });
  });

  it.each([["no Authorization", {}], ["a wrong secret", { Authorization: "Bearer dev-gateway-secreT" }], ["a session instead", { Origin: ORIGIN }]])("%s: 401", async (_label, headers) => {
    const res = await raw("/api/v1/keys/verify", { method: "POST", body, headers: { "Content-Type": "application/json", ...headers }, cookie: clients.admin.cookies.get(SESSION_COOKIE) });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

describe("HTML forms", () => {
  it("the approval page refuses a cross-site POST with 403 HTML and accepts the no-referrer browser post", async () => {
    const agency = await createAgency();
    const { client } = await official(agency);
    const applied = await client.json("POST", "/api/v1/applications", applicationBody(agency.id));
    const { application } = (await applied.json()) as { application: { id: string } };
    const link = linkIn(await lastMailTo(agency.executiveEmail!), "/approvals");
    const status = async () => ((await (await client.fetch(`/api/v1/applications/${application.id}`)).json()) as { application: { status: string } }).application.status;

    const before = await snapshot();
    const evil = await new Client().form(link, { decision: "approve" }, { Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await evil.text()).toMatch(/<html/i);
    expect(await new Client().form(link, { decision: "reject" }, { Origin: "null" }).then((r) => r.status)).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect(await status()).toBe("awaiting_executive");

    const ok = await new Client().form(link, { decision: "approve" }, { Origin: "null", "Sec-Fetch-Site": "same-origin" });
    expect(ok.status).toBe(200);
    expect(await status()).not.toBe("awaiting_executive");
  });

  it("the e-mailed sign-in link refuses a cross-site POST (no session) and still works from this site", async () => {
    const email = `${unique("f")}@mail.go.th`;
    await new Client().json("POST", "/api/v1/auth/email/start", { email });
    const link = linkIn(await lastMailTo(email), "/auth/email");
    const evil = new Client();
    const res = await evil.form(link, {}, { Origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(evil.cookies.has(SESSION_COOKIE)).toBe(false);
    const good = new Client();
    expect((await good.form(link, {}, { Origin: "null", "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
    expect(good.cookies.has(SESSION_COOKIE)).toBe(true);
  });
});
