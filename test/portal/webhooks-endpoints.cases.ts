import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../src/db/schema";
import { buildDeps } from "../../src/middleware/deps";
import { registerWebhookEndpoint } from "../../src/services/portal/webhook-endpoints";
import { webhookUrlProblem } from "../../src/services/portal/webhook-urls";
import type { Client } from "../helpers/client";
import { ADMIN_EMAIL, expectProblem, signInAdmin } from "../helpers/auth-db";
import { createAgency, db, official } from "../helpers/fixtures";
import { auditOf, countRows, rows } from "../helpers/db";
import { addEndpoint, deliveriesOf, queueEvent } from "../helpers/webhook-receiver";

// Webhook endpoints (issue 13): registered, changed, rotated and deleted by administrators only,
// audited; a URL or event list that cannot be used is a problem+json 400 that writes nothing.

let admin: Client;
let official_: Client;
beforeAll(async () => {
  admin = await signInAdmin();
  official_ = (await official(await createAgency())).client;
});

interface EndpointJson {
  id: string;
  url: string;
  secret: string;
  events: string[];
  status: string;
}

async function register(body: unknown) {
  return admin.json("POST", "/api/v1/admin/webhooks", body);
}

describe("registering", () => {
  it("a valid endpoint: 201 with a whsec_ secret of 32 random bytes, audited without the secret", async () => {
    const res = await register({
      url: "https://gdcatalog.example.test/hooks/steward?tenant=dga",
      description: "GD Catalog",
      events: ["key.revoked", "membership.revoked", "key.revoked"],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { endpoint } = (await res.json()) as { endpoint: EndpointJson };
    expect(endpoint).toMatchObject({ status: "enabled", events: ["membership.revoked", "key.revoked"] });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(endpoint.secret.slice(6)).length).toBe(32);
    const [audit] = await auditOf(`webhook_endpoint:${endpoint.id}`, "webhook_endpoint.created");
    expect(audit!.detail).toMatchObject({ url: endpoint.url });
    expect(JSON.stringify(audit)).not.toContain(endpoint.secret.slice(6));
    const list = await admin.fetch("/api/v1/admin/webhooks");
    const { endpoints } = (await list.json()) as { endpoints: EndpointJson[] };
    expect(endpoints.find((e) => e.id === endpoint.id)?.secret).toBe(endpoint.secret);
  });

  it.each([
    ["ftp://portal.example.test/hook", "https"],
    ["https://user:secret@portal.example.test/hook", "password"],
    ["https://portal.example.test/hook#part", "fragment"],
    ["portal.example.test/hook", "absolute"],
    ["https://portal.example.test/a b", "spaces"],
    ["https://portal.example.test/\u0007", "control"],
    [`https://portal.example.test/${"a".repeat(2000)}`, "2000"],
  ])("%s: 400 at url, nothing written", async (url, words) => {
    const before = [await countRows("webhook_endpoints"), await countRows("audit_events")];
    const problem = await expectProblem(await register({ url, events: ["*"] }), 400, "invalid_request");
    expect(problem.errors?.[0]?.path).toBe("url");
    expect(problem.errors?.[0]?.message).toMatch(new RegExp(words));
    expect([await countRows("webhook_endpoints"), await countRows("audit_events")]).toEqual(before);
  });

  it("an unknown event type, no event, or a body that is not JSON: problem+json, nothing written", async () => {
    const before = await countRows("webhook_endpoints");
    const unknown = await expectProblem(
      await register({ url: "https://a.example.test/", events: ["key.created", "key.lost"] }),
      400,
      "invalid_request",
    );
    expect(unknown.errors?.[0]?.path).toBe("events.1");
    await expectProblem(await register({ url: "https://a.example.test/", events: [] }), 400, "invalid_request");
    const form = await admin.fetch("/api/v1/admin/webhooks", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "url=https%3A%2F%2Fa.example.test%2F",
    });
    await expectProblem(form, 415, "unsupported_media_type");
    expect(await countRows("webhook_endpoints")).toBe(before);
  });

  it("plain http only outside production (loopback receivers in development and tests)", async () => {
    expect(webhookUrlProblem("http://127.0.0.1:9000/hook", "development")).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:9000/hook", "production")).toMatch(/https/);
    expect(webhookUrlProblem("https://portal.example.test/hook", "production")).toBeNull();
    // In production, never this machine or a private network (also written as IP literals).
    for (const host of [
      "localhost",
      "127.0.0.1",
      "[::1]",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "[fd00::1]",
      "[::ffff:127.0.0.1]",
      "0.0.0.0",
    ])
      expect(webhookUrlProblem(`https://${host}/hook`, "production"), host).toMatch(/private/);
    expect(webhookUrlProblem("https://172.32.0.1/hook", "production")).toBeNull();
    expect(webhookUrlProblem("https://localhost/hook", "development")).toBeNull();
    const base = buildDeps(env);
    const [user] = await db.select().from(users).where(eq(users.email, ADMIN_EMAIL));
    const production = { ...base, config: { ...base.config, environment: "production" as const } };
    await expect(
      registerWebhookEndpoint(
        production,
        user!,
        { url: "http://portal.example.test/", events: ["*"] },
        { ip: null, userAgent: null },
      ),
    ).rejects.toMatchObject({ code: "invalid_request" });
    expect((await register({ url: "http://localhost:9000/hook" })).status).toBe(201);
  });

  it("administrators only: a signed-in official gets 403 and writes nothing", async () => {
    const before = await countRows("webhook_endpoints");
    await expectProblem(await official_.fetch("/api/v1/admin/webhooks"), 403, "forbidden");
    await expectProblem(
      await official_.json("POST", "/api/v1/admin/webhooks", { url: "https://a.example.test/" }),
      403,
      "forbidden",
    );
    expect(await countRows("webhook_endpoints")).toBe(before);
  });
});

describe("changing", () => {
  it("PATCH changes events (* wins) and URL; disabling fails its pending deliveries; audited", async () => {
    const endpoint = await addEndpoint({ events: ["key.created"] });
    const eventId = await queueEvent("key.created", Date.now());
    let res = await admin.json("PATCH", `/api/v1/admin/webhooks/${endpoint.id}`, {
      events: ["key.created", "*"],
      url: "https://moved.example.test/hooks",
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { endpoint: EndpointJson }).endpoint).toMatchObject({
      events: ["*"],
      url: "https://moved.example.test/hooks",
    });
    res = await admin.json("PATCH", `/api/v1/admin/webhooks/${endpoint.id}`, { status: "disabled" });
    expect(((await res.json()) as { endpoint: EndpointJson }).endpoint.status).toBe("disabled");
    expect((await deliveriesOf(endpoint.id, eventId))[0]).toMatchObject({
      status: "failed",
      last_error: "endpoint disabled",
    });
    const audits = await auditOf(`webhook_endpoint:${endpoint.id}`, "webhook_endpoint.updated");
    expect(audits.map((a) => a.detail)).toEqual([
      { url: "https://moved.example.test/hooks", previousUrl: endpoint.url, events: ["*"] },
      { status: "disabled" },
    ]);
    const bad = await admin.json("PATCH", `/api/v1/admin/webhooks/${endpoint.id}`, { url: "http://x.example.test/#a" });
    expect((await expectProblem(bad, 400, "invalid_request")).errors?.[0]?.path).toBe("url");
  });

  it("rotate-secret gives a new secret at once (audited); DELETE removes the endpoint and its deliveries", async () => {
    const endpoint = await addEndpoint();
    await queueEvent("key.rotated", Date.now());
    const res = await admin.fetch(`/api/v1/admin/webhooks/${endpoint.id}/rotate-secret`, { method: "POST" });
    expect(res.status).toBe(200);
    const { secret } = ((await res.json()) as { endpoint: EndpointJson }).endpoint;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    expect(await auditOf(`webhook_endpoint:${endpoint.id}`, "webhook_endpoint.secret_rotated")).toHaveLength(1);
    expect((await admin.fetch(`/api/v1/admin/webhooks/${endpoint.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await rows("SELECT id FROM webhook_endpoints WHERE id = ?", endpoint.id)).toEqual([]);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    expect(await auditOf(`webhook_endpoint:${endpoint.id}`, "webhook_endpoint.deleted")).toHaveLength(1);
    await expectProblem(
      await admin.fetch(`/api/v1/admin/webhooks/${endpoint.id}`, { method: "DELETE" }),
      404,
      "not_found",
    );
  });

  it("an unknown endpoint id is 404 everywhere", async () => {
    const id = "whe_unknown";
    await expectProblem(
      await admin.json("PATCH", `/api/v1/admin/webhooks/${id}`, { status: "enabled" }),
      404,
      "not_found",
    );
    await expectProblem(
      await admin.fetch(`/api/v1/admin/webhooks/${id}/rotate-secret`, { method: "POST" }),
      404,
      "not_found",
    );
    await expectProblem(await admin.fetch(`/api/v1/admin/webhooks/${id}/deliveries`), 404, "not_found");
  });
});
