import { env } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Client } from "../helpers/client";
import { signInAdmin } from "../helpers/auth-db";
import { createAgency, official } from "../helpers/fixtures";
import { rows } from "../helpers/db";
import { addEndpoint, deliveriesOf, intercept, settled, verified, type Received } from "../helpers/webhook-receiver";

// Key events (issue 13): a key created, rotated or revoked queues one delivery per subscribed,
// enabled endpoint in the batch of the change, sent after the response; never the secret.

let owner: { client: Client; email: string; userId: string };
let admin: Client;
beforeAll(async () => {
  const who = await official(await createAgency());
  const [user] = await rows("SELECT id FROM users WHERE email = ?", who.email);
  owner = { ...who, userId: user!.id as string };
  admin = await signInAdmin();
});

let received: Received[];
beforeEach(async () => {
  await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled'").run();
  received = intercept();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Four endpoints: every event, the one type, another type only, and a disabled one. */
async function endpoints(type: string) {
  return {
    all: await addEndpoint({ events: ["*"] }),
    exact: await addEndpoint({ events: [type, "membership.activated"] }),
    other: await addEndpoint({ events: ["membership.revoked"] }),
    off: await addEndpoint({ events: ["*"], status: "disabled" }),
  };
}

async function createKey(name = "portal sync") {
  const res = await owner.client.json("POST", "/api/v1/keys", { name, scopes: ["read"] });
  expect(res.status).toBe(201);
  return (await res.json()) as { key: { id: string; prefix: string }; secret: string };
}

/** What an endpoint received, verified with its own secret. */
function payloadsAt(endpoint: { url: string; secret: string }) {
  return received.filter((r) => r.url === endpoint.url).map((r) => verified(endpoint.secret, r));
}

describe("key events", () => {
  it("key.created: one delivery per subscribed endpoint, none for another type or a disabled endpoint; no secret", async () => {
    const e = await endpoints("key.created");
    const { key, secret } = await createKey();
    for (const endpoint of [e.all, e.exact]) {
      const [delivery, ...more] = await settled(endpoint.id);
      expect(more).toEqual([]);
      expect(delivery).toMatchObject({ event_type: "key.created", status: "delivered", attempts: 1 });
    }
    expect(await deliveriesOf(e.other.id)).toEqual([]);
    expect(await deliveriesOf(e.off.id)).toEqual([]);
    const [payload] = payloadsAt(e.all);
    expect(payload).toMatchObject({
      type: "key.created",
      data: {
        keyId: key.id,
        prefix: key.prefix,
        name: "portal sync",
        scopes: ["read"],
        userId: owner.userId,
        membershipId: null,
        agencyId: null,
      },
    });
    // The same event, the same id, at both endpoints.
    expect(received.find((r) => r.url === e.exact.url)!.headers["webhook-id"]).toBe(
      received.find((r) => r.url === e.all.url)!.headers["webhook-id"],
    );
    for (const request of received) {
      expect(request.body).not.toContain(secret);
      expect(request.body).not.toMatch(/hash/i);
    }
  });

  it("key.rotated names the successor; the old key's revocation (DELETE) is key.revoked, once", async () => {
    const { key } = await createKey("rotating");
    const e = await endpoints("key.rotated");
    const rotate = await owner.client.json("POST", `/api/v1/keys/${key.id}/rotate`, { graceSeconds: 60 });
    expect(rotate.status).toBe(201);
    const successor = ((await rotate.json()) as { key: { id: string; prefix: string } }).key;
    expect((await settled(e.exact.id)).map((d) => d.event_type)).toEqual(["key.rotated"]);
    expect(payloadsAt(e.exact)[0]!.data).toMatchObject({
      keyId: key.id,
      newKeyId: successor.id,
      newPrefix: successor.prefix,
      userId: owner.userId,
    });

    const revoked = await endpoints("key.revoked");
    expect((await owner.client.fetch(`/api/v1/keys/${key.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await owner.client.fetch(`/api/v1/keys/${key.id}`, { method: "DELETE" })).status).toBe(204);
    const deliveries = await settled(revoked.exact.id);
    expect(deliveries.map((d) => [d.event_type, d.status])).toEqual([["key.revoked", "delivered"]]);
    expect(payloadsAt(revoked.exact)[0]!.data).toMatchObject({ keyId: key.id, reason: "revoked_by_owner" });
    expect(await deliveriesOf(revoked.other.id)).toEqual([]);
  });

  it("an administrator's forced expiry: one key.revoked per key it shortened, with when it takes effect", async () => {
    const first = await createKey("first");
    const second = await createKey("second");
    const e = await endpoints("key.revoked");
    const res = await admin.json("POST", "/api/v1/admin/keys/expire", {
      userId: owner.userId,
      graceSeconds: 3600,
      reason: "ย้ายระบบ / moving systems",
    });
    expect(res.status).toBe(200);
    const changed = ((await res.json()) as { keys: number }).keys;
    expect(changed).toBeGreaterThanOrEqual(2);
    const deliveries = await settled(e.exact.id);
    expect(deliveries).toHaveLength(changed);
    const data = payloadsAt(e.exact).map((p) => p.data);
    expect(data.map((d) => d.keyId)).toEqual(expect.arrayContaining([first.key.id, second.key.id]));
    for (const d of data) {
      expect(d.reason).toBe("expired_by_administrator");
      expect(Date.parse(d.effectiveAt)).toBeGreaterThan(Date.now() + 3000 * 1000);
    }
    // Asked again: no key is shortened further, so no event.
    await admin.json("POST", "/api/v1/admin/keys/expire", { userId: owner.userId, graceSeconds: 3600, reason: "x" });
    expect(await settled(e.exact.id)).toHaveLength(changed);
  });
});
