import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HOUR, MINUTE } from "../../src/lib/clock";
import { deliverWebhooks } from "../../src/services/portal/webhook-delivery";
import { SECRET_OVERLAP_MS } from "../../src/services/portal/webhook-endpoints";
import { expectProblem, signInAdmin } from "../helpers/auth-db";
import { auditOf, rows } from "../helpers/db";
import { addEndpoint, intercept, queueEvent, simulated, verified } from "../helpers/webhook-receiver";

// Rotating an endpoint's signing secret: both secrets sign for a day (two signatures, as
// Standard Webhooks provides), or the old one stops at once for a secret that leaked.

// Storage is shared within the file: each test's events go to its own endpoints only.
beforeEach(async () => {
  await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled'").run();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a rotated secret", () => {
  async function rotate(endpointId: string, body?: object) {
    const admin = await signInAdmin();
    const res = body
      ? await admin.json("POST", `/api/v1/admin/webhooks/${endpointId}/rotate-secret`, body)
      : await admin.fetch(`/api/v1/admin/webhooks/${endpointId}/rotate-secret`, { method: "POST" });
    expect(res.status).toBe(200);
    return ((await res.json()) as { endpoint: { secret: string; previousSecretExpiresAt: string | null } }).endpoint;
  }

  it("signs with both secrets for 24 hours (two signatures), then with the new one only", async () => {
    const endpoint = await addEndpoint();
    const T0 = Date.now();
    const rotated = await rotate(endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt!) - T0).toBeGreaterThan(SECRET_OVERLAP_MS - MINUTE);
    expect(Date.parse(rotated.previousSecretExpiresAt!) - T0).toBeLessThanOrEqual(SECRET_OVERLAP_MS + MINUTE);
    const received = intercept(() => new Response(null, { status: 204 }));

    const during = await queueEvent("key.created", T0, { keyId: "key_rot" });
    await deliverWebhooks(simulated(T0 + 23 * HOUR).deps, [during]);
    const [first] = received;
    expect(first!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=* v1,[A-Za-z0-9+/]+=*$/);
    // A receiver still on the old secret and one already on the new one both accept it.
    expect(verified(endpoint.secret, first!).data).toEqual({ keyId: "key_rot" });
    expect(verified(rotated.secret, first!).data).toEqual({ keyId: "key_rot" });

    const after = await queueEvent("key.created", T0, { keyId: "key_rot2" });
    await deliverWebhooks(simulated(T0 + 25 * HOUR).deps, [after]);
    const second = received[1]!;
    expect(second.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verified(rotated.secret, second).data).toEqual({ keyId: "key_rot2" });
    expect(() => verified(endpoint.secret, second)).toThrow();
  });

  it("`immediately` (a leaked secret) stops the old one at once; a second rotation keeps only the secret it replaced", async () => {
    const endpoint = await addEndpoint();
    const T0 = Date.now();
    const first = await rotate(endpoint.id);
    const second = await rotate(endpoint.id);
    const received = intercept(() => new Response(null, { status: 204 }));
    const eventId = await queueEvent("key.created", T0, { keyId: "key_twice" });
    await deliverWebhooks(simulated(T0).deps, [eventId]);
    // The overlap is of one rotation: the first secret stopped with the second rotation.
    expect(verified(first.secret, received[0]!).data).toEqual({ keyId: "key_twice" });
    expect(verified(second.secret, received[0]!).data).toEqual({ keyId: "key_twice" });
    expect(() => verified(endpoint.secret, received[0]!)).toThrow();

    const leaked = await rotate(endpoint.id, { immediately: true });
    expect(leaked.previousSecretExpiresAt).toBeNull();
    const next = await queueEvent("key.created", T0, { keyId: "key_leak" });
    await deliverWebhooks(simulated(T0).deps, [next]);
    expect(received[1]!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verified(leaked.secret, received[1]!).data).toEqual({ keyId: "key_leak" });
    expect(() => verified(second.secret, received[1]!)).toThrow();
    const audits = await auditOf(`webhook_endpoint:${endpoint.id}`, "webhook_endpoint.secret_rotated");
    expect(audits.map((a) => a.detail.oldSecretSignsUntil === null)).toEqual([false, false, true]);
  });

  it("previousSecretExpiresAt is null once the overlap ended", async () => {
    const endpoint = await addEndpoint();
    const rotated = await rotate(endpoint.id);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    await env.DB.prepare("UPDATE webhook_endpoints SET previous_secret_until = ? WHERE id = ?")
      .bind(Date.now() - 1000, endpoint.id)
      .run();
    const list = (await (await (await signInAdmin()).fetch("/api/v1/admin/webhooks")).json()) as {
      endpoints: { id: string; previousSecretExpiresAt: string | null }[];
    };
    expect(list.endpoints.find((e) => e.id === endpoint.id)!.previousSecretExpiresAt).toBeNull();
  });

  it("a body that is not { immediately: boolean } is a problem and changes nothing", async () => {
    const endpoint = await addEndpoint();
    const admin = await signInAdmin();
    for (const body of [{ immediately: "yes" }, { now: true }]) {
      const res = await admin.json("POST", `/api/v1/admin/webhooks/${endpoint.id}/rotate-secret`, body);
      await expectProblem(res, 400, "invalid_request");
    }
    expect(await rows("SELECT secret, previous_secret FROM webhook_endpoints WHERE id = ?", endpoint.id)).toEqual([
      { secret: endpoint.secret, previous_secret: null },
    ]);
  });
});
