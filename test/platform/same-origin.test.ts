import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { Client, ORIGIN, lastMailTo, linkIn, workerFetch } from "../helpers/client";
import { applicationBody, createAgency, ensureTerms, official, signIn, unique } from "../helpers/fixtures";
import { SESSION_COOKIE, expectProblem, signInAdmin } from "../helpers/auth-db";
import { OPERATIONS, isUnsafe, urlOf, type Operation } from "../helpers/route-catalogue";
import { snapshot } from "../helpers/db";

// Every state change must come from this site (Sec-Fetch-Site: same-origin or Origin equal to
// the app's origin), JSON and forms alike; only the gateway's key verification is exempt.

// The operations come from the route catalogue; ids are placeholders: the origin check runs first.
// The gateway and webhooks authenticate with secrets, not with a browser's origin.
const STATE_CHANGES = OPERATIONS.filter((op) => isUnsafe(op) && op.access !== "gateway" && op.access !== "webhook");
let official_: Client;
let admin: Client;

/** A request straight to the worker, with exactly these headers (no helper-added Origin). */
function raw(
  path: string,
  init: { method: string; headers?: Record<string, string>; body?: string; cookie?: string },
): Promise<Response> {
  const headers: Record<string, string> = { "cf-connecting-ip": "10.9.9.9", ...init.headers };
  if (init.cookie) headers.Cookie = `${SESSION_COOKIE}=${init.cookie}`;
  const request = new Request(`${ORIGIN}${path}`, {
    method: init.method,
    headers,
    body: init.body,
    redirect: "manual",
  });
  return workerFetch(request);
}

/** The operation, sent by the caller it admits, with these headers. */
function send(op: Operation, headers: Record<string, string>): Promise<Response> {
  return raw(urlOf(op), {
    method: op.method,
    headers: { "Content-Type": op.contentType ?? "application/json", ...headers },
    body: op.body === undefined ? undefined : JSON.stringify(op.body),
    cookie: (op.access === "admin" ? admin : official_).cookies.get(SESSION_COOKIE),
  });
}

const named = STATE_CHANGES.map((op) => ({ ...op, name: `${op.method} ${op.path}` }));

beforeAll(async () => {
  official_ = (await official(await createAgency())).client;
  admin = await signInAdmin();
});

afterEach(() => setDevClockOffset(0));

describe("state-changing API routes", () => {
  const refused: [string, Record<string, string>][] = [
    ["Origin: https://evil.example", { Origin: "https://evil.example" }],
    ["Origin: null alone", { Origin: "null" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }],
    ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site", Origin: "https://sub.localhost:8787" }],
  ];

  describe.each(refused)("refuse %s with 403 cross_site_request and write nothing", (_label, headers) => {
    it.each(named)("$name", async (op) => {
      const before = await snapshot();
      await expectProblem(await send(op, headers), 403, "cross_site_request");
      expect(await snapshot()).toEqual(before);
    });
  });

  it("refuse origins that only look like the app's", async () => {
    for (const origin of [
      "https://localhost:8787",
      "http://localhost:8788",
      "http://localhost",
      "http://localhost:8787.evil.example",
      "http://localhost:8787/",
    ]) {
      await expectProblem(
        await send(
          named.find((op) => op.path === "/api/v1/keys")!,
          { Origin: origin },
        ),
        403,
        "cross_site_request",
      );
    }
  });

  it.each(named.filter((op) => op.path !== "/api/v1/auth/logout"))(
    "accept $name with Sec-Fetch-Site: same-origin and Origin: null",
    async (op) => {
      // (Sign-out is checked below: it would end the session the other operations use.)
      const res = await send(op, { "Sec-Fetch-Site": "same-origin", Origin: "null" });
      expect(res.status).toBeLessThan(500);
      if (res.status === 403) expect(((await res.json()) as { code: string }).code).not.toBe("cross_site_request");
    },
  );

  it("a same-origin change does take effect (JSON and logout)", async () => {
    const email = `${unique("s")}@mail.go.th`;
    const same = { "Sec-Fetch-Site": "same-origin", Origin: "null" };
    expect((await new Client().json("POST", "/api/v1/auth/email/start", { email }, same)).status).toBe(202);
    expect((await official_.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() }, same)).status).toBe(
      200,
    );
    expect(
      (await official_.json("POST", "/api/v1/keys", { name: "same", scopes: ["read"] }, { Origin: ORIGIN })).status,
    ).toBe(201);
    const user = await signIn(`${unique("s")}@mail.go.th`);
    expect((await user.json("POST", "/api/v1/auth/logout", undefined, { Origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect((await user.fetch("/api/v1/me")).status).toBe(200);
    expect((await user.json("POST", "/api/v1/auth/logout", undefined, same)).status).toBe(204);
    expect((await user.fetch("/api/v1/me")).status).toBe(401);
  });
});

describe("POST /api/v1/keys/verify (the gateway) is exempt, and needs the gateway secret", () => {
  const body = JSON.stringify({ key: "stw_dev_nothing" });
  it.each([["https://evil.example"], ["null"], [""]])("Origin %j with the secret: 200", async (origin) => {
    const res = await raw("/api/v1/keys/verify", {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        Authorization: "Bearer dev-gateway-secret",
        ...(origin ? { Origin: origin } : {}),
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ valid: false, code: "NOT_FOUND" });
  });

  it.each([
    ["no Authorization", {}],
    ["a wrong secret", { Authorization: "Bearer dev-gateway-secreT" }],
    ["a session instead", { Origin: ORIGIN }],
  ])("%s: 401", async (_label, headers) => {
    const res = await raw("/api/v1/keys/verify", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", ...headers },
      cookie: admin.cookies.get(SESSION_COOKIE),
    });
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
    const status = async () =>
      (
        (await (await client.fetch(`/api/v1/applications/${application.id}`)).json()) as {
          application: { status: string };
        }
      ).application.status;

    const before = await snapshot();
    const evil = await new Client().form(link, { decision: "approve" }, { Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await evil.text()).toMatch(/<html/i);
    expect(await new Client().form(link, { decision: "reject" }, { Origin: "null" }).then((r) => r.status)).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect(await status()).toBe("awaiting_executive");

    const ok = await new Client().form(
      link,
      { decision: "approve" },
      { Origin: "null", "Sec-Fetch-Site": "same-origin" },
    );
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
