import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeys, users } from "../../src/db/schema";
import { MINUTE, SECOND, fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import { checkApiKey, keyRateLimits, memoryRateLimiter } from "../../src/services/keys/rate-limits";
import { ORIGIN, workerFetch, type Client } from "../helpers/client";
import { createAgency, db, unique } from "../helpers/fixtures";
import { applicant, steward, verify } from "../helpers/flow-approval";

// GET /api/v1/keys/authorize (forward authentication for nginx auth_request and Envoy
// ext_authz), the api-key header on POST /api/v1/keys/verify, and the keys' rate limits.

const SECRET = "dev-gateway-secret";

interface Created {
  key: { id: string; agencyId: string | null };
  secret: string;
}

async function createKey(client: Client, scopes: string[]): Promise<Created> {
  const res = await client.json("POST", "/api/v1/keys", { name: unique("k"), scopes });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

/** Asks as a gateway does: no cookies, no Origin; the secret in its own header. */
function authorize(headers: Record<string, string>, query = ""): Promise<Response> {
  return workerFetch(
    new Request(`${ORIGIN}/api/v1/keys/authorize${query}`, {
      headers: { "X-Steward-Gateway-Secret": SECRET, ...headers },
    }),
  );
}

async function refusedWith(res: Response, status: number, code: string | null) {
  expect(res.status).toBe(status);
  expect(res.headers.get("x-steward-code")).toBe(code);
  expect(res.headers.get("x-steward-key-id")).toBeNull();
}

let reader: { who: Awaited<ReturnType<typeof applicant>>; read: Created; userId: string };
beforeAll(async () => {
  const who = await applicant(await createAgency());
  const read = await createKey(who.client, ["read"]);
  const [user] = await db.select().from(users).where(eq(users.email, who.email));
  reader = { who, read, userId: user!.id };
});

describe("GET /api/v1/keys/authorize", () => {
  it("a valid read key in api-key: 204 with its identity in headers, no body, no cookie", async () => {
    const res = await authorize({ "api-key": reader.read.secret });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("x-steward-key-id")).toBe(reader.read.key.id);
    expect(res.headers.get("x-steward-user-id")).toBe(reader.userId);
    expect(res.headers.get("x-steward-agency-id")).toBeNull();
    expect(res.headers.get("x-steward-scopes")).toBe("read");
    expect(res.headers.get("x-steward-code")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("a publish key as Authorization: Bearer: 204 with its agency and both scopes", async () => {
    const agency = await createAgency();
    const s = await steward(agency);
    const publish = await createKey(s.client, ["read", "publish"]);
    const res = await authorize({ Authorization: `Bearer ${publish.secret}` });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-steward-key-id")).toBe(publish.key.id);
    expect(res.headers.get("x-steward-user-id")).toBe(s.userId);
    expect(res.headers.get("x-steward-agency-id")).toBe(agency.id);
    expect(res.headers.get("x-steward-scopes")).toBe("read,publish");
    for (const query of ["?scope=publish", "?scope=read"])
      expect((await authorize({ "api-key": publish.secret }, query)).status).toBe(204);
    const asked = await authorize({ "api-key": publish.secret, "X-Steward-Required-Scope": "publish" });
    expect(asked.status).toBe(204);
  });

  it("401 with X-Steward-Code: no key or an unknown one NOT_FOUND, then REVOKED, EXPIRED, DISABLED", async () => {
    await refusedWith(await authorize({}), 401, "NOT_FOUND");
    await refusedWith(await authorize({ "api-key": "stw_dev_nothing" }), 401, "NOT_FOUND");
    await refusedWith(await authorize({ Authorization: "Basic abc" }), 401, "NOT_FOUND");

    const who = await applicant(await createAgency());
    const revoked = await createKey(who.client, ["read"]);
    expect((await who.client.fetch(`/api/v1/keys/${revoked.key.id}`, { method: "DELETE" })).status).toBe(204);
    await refusedWith(await authorize({ "api-key": revoked.secret }), 401, "REVOKED");

    const expired = await createKey(who.client, ["read"]);
    await db
      .update(apiKeys)
      .set({ expiresAt: Date.now() - MINUTE })
      .where(eq(apiKeys.id, expired.key.id));
    await refusedWith(await authorize({ "api-key": expired.secret }), 401, "EXPIRED");

    const disabled = await createKey(who.client, ["read"]);
    await db.update(users).set({ status: "suspended" }).where(eq(users.email, who.email));
    await refusedWith(await authorize({ Authorization: `Bearer ${disabled.secret}` }), 401, "DISABLED");
  });

  it("a wrong or missing gateway secret: 401 without X-Steward-Code, also with the secret as Bearer", async () => {
    const key = { "api-key": reader.read.secret };
    await refusedWith(await authorize({ ...key, "X-Steward-Gateway-Secret": "wrong" }), 401, null);
    const bare = (headers: Record<string, string>) =>
      workerFetch(new Request(`${ORIGIN}/api/v1/keys/authorize`, { headers }));
    await refusedWith(await bare(key), 401, null);
    // Here Authorization is the client's: the gateway's secret there authenticates nothing.
    await refusedWith(await bare({ ...key, Authorization: `Bearer ${SECRET}` }), 401, null);
    await refusedWith(await bare({ Authorization: `Bearer ${reader.read.secret}` }), 401, null);
  });

  it("403 when the key lacks the scope asked for in X-Steward-Required-Scope or ?scope= (unknown too)", async () => {
    const key = { "api-key": reader.read.secret };
    await refusedWith(await authorize({ ...key, "X-Steward-Required-Scope": "publish" }), 403, null);
    await refusedWith(await authorize(key, "?scope=publish"), 403, null);
    await refusedWith(await authorize(key, "?scope=admin"), 403, null);
    expect((await authorize(key, "?scope=read")).status).toBe(204);
    // An empty requirement is none (nginx sends no header for an empty variable, either).
    expect((await authorize({ ...key, "X-Steward-Required-Scope": "" })).status).toBe(204);
  });

  it("a client's header never lowers the scope the gateway's URL requires; both are required", async () => {
    const key = { "api-key": reader.read.secret };
    await refusedWith(await authorize({ ...key, "X-Steward-Required-Scope": "read" }, "?scope=publish"), 403, null);
    await refusedWith(await authorize({ ...key, "X-Steward-Required-Scope": "publish" }, "?scope=read"), 403, null);
    expect((await authorize({ ...key, "X-Steward-Required-Scope": "read" }, "?scope=read")).status).toBe(204);
  });

  it("no cache keeps an answer about a key; an empty api-key header does not hide a Bearer key", async () => {
    const valid = await authorize({ "api-key": reader.read.secret });
    expect(valid.headers.get("cache-control")).toBe("no-store");
    expect((await authorize({ "api-key": "stw_nope" })).headers.get("cache-control")).toBe("no-store");
    const both = await authorize({ "api-key": "", Authorization: `Bearer ${reader.read.secret}` });
    expect(both.status).toBe(204);
  });
});

describe("/openapi.json", () => {
  it("documents authorize's answers and their headers, and verify's RATE_LIMITED", async () => {
    const doc = (await (await workerFetch(new Request(`${ORIGIN}/openapi.json`))).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    const { responses } = doc.paths["/api/v1/keys/authorize"]!.get!;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["204", "401", "403", "429"]));
    expect(Object.keys(responses["204"]!.headers!)).toEqual([
      "X-Steward-Key-Id",
      "X-Steward-User-Id",
      "X-Steward-Agency-Id",
      "X-Steward-Scopes",
    ]);
    expect(Object.keys(responses["401"]!.headers!)).toEqual(["X-Steward-Code"]);
    expect(Object.keys(responses["429"]!.headers!)).toContain("Retry-After");
    expect(JSON.stringify(doc.paths["/api/v1/keys/verify"]!.post)).toContain("RATE_LIMITED");
  });
});

describe("POST /api/v1/keys/verify and the api-key header", () => {
  const post = (body: unknown, headers: Record<string, string>) =>
    workerFetch(
      new Request(`${ORIGIN}/api/v1/keys/verify`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${SECRET}`, ...headers },
        body: JSON.stringify(body),
      }),
    );

  it("reads api-key when the body has no key; the body's key comes first; neither is 400", async () => {
    const res = await post({}, { "api-key": reader.read.secret });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ valid: true, code: "VALID", keyId: reader.read.key.id });
    const both = await post({ key: "stw_dev_nothing" }, { "api-key": reader.read.secret });
    expect(await both.json()).toEqual({ valid: false, code: "NOT_FOUND" });
    const neither = await post({}, {});
    expect(neither.status).toBe(400);
    expect(await neither.json()).toMatchObject({ code: "invalid_request", errors: [{ path: "key" }] });
  });

  it("a gateway that always says Content-Type: application/json may send no body at all", async () => {
    const res = await workerFetch(
      new Request(`${ORIGIN}/api/v1/keys/verify`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${SECRET}`,
          "api-key": reader.read.secret,
        },
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ valid: true, code: "VALID" });
  });
});

describe("rate limits per key, on a fixed clock (the isolate's windows, without the bindings)", () => {
  const T0 = Date.UTC(2026, 4, 1, 9, 0, 0);

  it("the N+1-th call in a minute is RATE_LIMITED with the seconds left; the next minute is fine", async () => {
    const clock = fixedClock(T0 + 15 * SECOND);
    const base = buildDeps(env);
    const { RATE_LIMIT_READ: _r, RATE_LIMIT_PUBLISH: _p, ...withoutBindings } = env;
    const config = { ...base.config, rateLimitPerMinute: { read: 3, publish: 2 } };
    const deps: Deps = { ...base, clock, config, rateLimits: keyRateLimits(withoutBindings, config, clock) };
    for (let i = 0; i < 3; i++) expect((await checkApiKey(deps, reader.read.secret)).result.code).toBe("VALID");
    const refused = await checkApiKey(deps, reader.read.secret);
    expect(refused.result).toEqual({
      valid: false,
      code: "RATE_LIMITED",
      keyId: reader.read.key.id,
      userId: reader.userId,
      agencyId: null,
    });
    expect(refused.retryAfterSeconds).toBe(45);
    clock.advance(44 * SECOND);
    expect((await checkApiKey(deps, reader.read.secret)).result.code).toBe("RATE_LIMITED");
    clock.advance(1 * SECOND);
    for (let i = 0; i < 3; i++) expect((await checkApiKey(deps, reader.read.secret)).result.code).toBe("VALID");
    expect((await checkApiKey(deps, reader.read.secret)).result.code).toBe("RATE_LIMITED");
  });

  it("keys are counted apart, and refused keys are not counted", async () => {
    const clock = fixedClock(T0);
    const limiter = memoryRateLimiter(1, clock);
    const deps: Deps = { ...buildDeps(env), clock, rateLimits: { read: limiter, publish: limiter } };
    const other = await createKey(reader.who.client, ["read"]);
    for (let i = 0; i < 3; i++) await checkApiKey(deps, "stw_dev_nothing");
    expect((await checkApiKey(deps, reader.read.secret)).result.code).toBe("VALID");
    expect((await checkApiKey(deps, other.secret)).result.code).toBe("VALID");
    expect((await checkApiKey(deps, other.secret)).result.code).toBe("RATE_LIMITED");
  });
});

/** Runs `work` inside one minute of the simulated binding's fixed windows (retried across a boundary). */
async function withinOneMinute(work: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const minute = Math.floor(Date.now() / MINUTE);
    try {
      await work();
      return;
    } catch (error) {
      if (attempt >= 2 || Math.floor(Date.now() / MINUTE) === minute) throw error;
    }
  }
}

describe("rate limits per key with the Workers Rate Limiting bindings (simulated by miniflare)", () => {
  it("each binding allows its configured requests per minute, then refuses", async () => {
    const { config } = buildDeps(env);
    for (const [binding, limit] of [
      [env.RATE_LIMIT_READ!, config.rateLimitPerMinute.read],
      [env.RATE_LIMIT_PUBLISH!, config.rateLimitPerMinute.publish],
    ] as const) {
      await withinOneMinute(async () => {
        const key = unique("rl");
        for (let i = 0; i < limit; i++) expect((await binding.limit({ key })).success).toBe(true);
        expect((await binding.limit({ key })).success).toBe(false);
        expect((await binding.limit({ key: unique("rl") })).success).toBe(true);
      });
    }
  });

  it("a spent key: authorize 429 with Retry-After, verify RATE_LIMITED", async () => {
    const { config } = buildDeps(env);
    await withinOneMinute(async () => {
      const spent = await createKey(reader.who.client, ["read"]);
      for (let i = 0; i < config.rateLimitPerMinute.read - 1; i++)
        await env.RATE_LIMIT_READ!.limit({ key: spent.key.id });
      expect((await authorize({ "api-key": spent.secret })).status).toBe(204);
      const res = await authorize({ "api-key": spent.secret });
      await refusedWith(res, 429, "RATE_LIMITED");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const { status, body } = await verify(spent.secret);
      expect(status).toBe(200);
      expect(body).toMatchObject({ valid: false, code: "RATE_LIMITED", keyId: spent.key.id });
    });
  });
});
