import { env } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Client } from "../helpers/client";
import { expectProblem, signInAdmin } from "../helpers/auth-db";
import { createAgency, official } from "../helpers/fixtures";
import { auditOf, countRows, rows } from "../helpers/db";
import { open, redirected, textOf } from "../helpers/pages-forms";
import { addEndpoint, deliveriesOf, intercept, queueEvent, settled, verified } from "../helpers/webhook-receiver";

// Failed deliveries (issue 13): listed with their status, sent again through the API or the
// console's "Send again"; the console page itself: administrators only, same-origin posts.

let admin: Client;
let official_: Client;
beforeAll(async () => {
  admin = await signInAdmin();
  official_ = (await official(await createAgency())).client;
});
beforeEach(async () => {
  await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled'").run();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** An endpoint with one delivery whose every attempt failed. */
async function failedDelivery() {
  const endpoint = await addEndpoint({ events: ["key.revoked"] });
  const eventId = await queueEvent("key.revoked", Date.now(), { keyId: "key_failed" });
  await env.DB.prepare(
    "UPDATE webhook_deliveries SET status = 'failed', attempts = 8, last_status = 503, last_error = 'HTTP 503: down' WHERE event_id = ?",
  )
    .bind(eventId)
    .run();
  const [delivery] = await deliveriesOf(endpoint.id, eventId);
  return { endpoint, eventId, delivery: delivery! };
}

describe("the API", () => {
  it("lists failed deliveries; retry sends again with the same webhook-id, once, audited; then 409", async () => {
    const { endpoint, eventId, delivery } = await failedDelivery();
    const list = await admin.fetch(`/api/v1/admin/webhooks/${endpoint.id}/deliveries?status=failed`);
    const { deliveries } = (await list.json()) as {
      deliveries: { id: string; lastStatus: number; attempts: number }[];
    };
    expect(deliveries).toEqual([expect.objectContaining({ id: delivery.id, lastStatus: 503, attempts: 8 })]);
    const received = intercept();
    const res = await admin.fetch(`/api/v1/admin/webhook-deliveries/${delivery.id}/retry`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { delivery: unknown }).delivery).toMatchObject({ status: "pending", attempts: 0 });
    expect((await settled(endpoint.id))[0]).toMatchObject({ status: "delivered", attempts: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers["webhook-id"]).toBe(eventId);
    expect(verified(endpoint.secret, received[0]!).data).toEqual({ keyId: "key_failed" });
    expect(await auditOf(`webhook_delivery:${delivery.id}`, "webhook_delivery.retried")).toHaveLength(1);
    await expectProblem(
      await admin.fetch(`/api/v1/admin/webhook-deliveries/${delivery.id}/retry`, { method: "POST" }),
      409,
      "invalid_transition",
    );
    await expectProblem(
      await admin.fetch(`/api/v1/admin/webhooks/${endpoint.id}/deliveries?status=gone`),
      400,
      "invalid_request",
    );
  });

  it("three administrators' retries at once: one succeeds, one audit event", async () => {
    const { endpoint, delivery } = await failedDelivery();
    intercept();
    const answers = await Promise.all(
      [1, 2, 3].map(() => admin.fetch(`/api/v1/admin/webhook-deliveries/${delivery.id}/retry`, { method: "POST" })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await auditOf(`webhook_delivery:${delivery.id}`, "webhook_delivery.retried")).toHaveLength(1);
    expect((await settled(endpoint.id))[0]).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("a disabled endpoint's delivery is not sent again (409); an unknown delivery is 404", async () => {
    const { endpoint, delivery } = await failedDelivery();
    await admin.json("PATCH", `/api/v1/admin/webhooks/${endpoint.id}`, { status: "disabled" });
    await expectProblem(
      await admin.fetch(`/api/v1/admin/webhook-deliveries/${delivery.id}/retry`, { method: "POST" }),
      409,
      "invalid_transition",
    );
    await expectProblem(
      await admin.fetch(`/api/v1/admin/webhook-deliveries/whd_nope/retry`, { method: "POST" }),
      404,
      "not_found",
    );
  });
});

describe("the console page", () => {
  it("shows endpoints, the secret behind a disclosure, deliveries in a table; Send again re-sends", async () => {
    const { endpoint, delivery } = await failedDelivery();
    const page = await open(admin, "/admin/webhooks");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.html).toMatch(/<details><summary>[^<]+<\/summary>[\s\S]*?whsec_/);
    expect(page.html).toContain(endpoint.secret);
    expect(page.html).toMatch(/<table class="stack"><caption>/);
    expect(page.html).toMatch(/aria-current="page"[^>]*>|href="\/admin\/webhooks" aria-current="page"/);
    expect(textOf(page.html)).toContain("HTTP 503");
    const received = intercept();
    const res = await page.submit(admin, `/admin/webhook-deliveries/${delivery.id}/retry`);
    redirected(res, "/admin/webhooks?done=retried");
    expect((await settled(endpoint.id))[0]).toMatchObject({ status: "delivered" });
    expect(received.map((r) => r.url)).toEqual([endpoint.url]);
  });

  it("registers an endpoint from the form once (a second post of the same form adds none); a bad URL is shown, nothing written", async () => {
    const page = await open(admin, "/admin/webhooks");
    const before = await countRows("webhook_endpoints");
    const refused = await page.submit(admin, "/admin/webhooks", { url: "http://x.example.test/#frag", events: "*" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/<input id="url"[^>]*aria-invalid="true"/);
    expect(await countRows("webhook_endpoints")).toBe(before);
    const fields = { url: "https://dkan.example.test/steward", description: "DKAN", events: "key.revoked" };
    redirected(await page.submit(admin, "/admin/webhooks", fields), "/admin/webhooks?done=registered");
    redirected(await page.submit(admin, "/admin/webhooks", fields), "/admin/webhooks?done=resent");
    expect(await countRows("webhook_endpoints")).toBe(before + 1);
    const after = await open(admin, "/admin/webhooks");
    expect(textOf(after.html)).toContain("https://dkan.example.test/steward");
  });

  it("disable, enable and rotate from the page", async () => {
    const endpoint = await addEndpoint();
    const page = await open(admin, "/admin/webhooks");
    redirected(await page.submit(admin, `/admin/webhooks/${endpoint.id}/status`), "/admin/webhooks?done=disabled");
    const again = await open(admin, "/admin/webhooks");
    redirected(await again.submit(admin, `/admin/webhooks/${endpoint.id}/status`), "/admin/webhooks?done=enabled");
    redirected(
      await again.submit(admin, `/admin/webhooks/${endpoint.id}/rotate-secret`),
      "/admin/webhooks?done=rotated",
    );
    admin.cookies.set("steward_lang", "en");
    const rotated = await open(admin, "/admin/webhooks?done=rotated");
    expect(rotated.html).not.toContain(endpoint.secret);
    expect(textOf(rotated.html)).toContain("the old one still signs for 24 hours");
    expect(textOf(rotated.html)).toContain("The previous secret also signs until");
    const [current] = await rows("SELECT secret FROM webhook_endpoints WHERE id = ?", endpoint.id);
    const shown = current!.secret as string;
    redirected(
      await rotated.submit(admin, `/admin/webhooks/${endpoint.id}/rotate-secret`, { immediately: "true" }),
      "/admin/webhooks?done=rotated_now",
    );
    // The same form posted again (a double click without JavaScript) rotates nothing more.
    redirected(
      await rotated.submit(admin, `/admin/webhooks/${endpoint.id}/rotate-secret`, { immediately: "true" }),
      "/admin/webhooks?done=resent",
    );
    expect(await auditOf(`webhook_endpoint:${endpoint.id}`, "webhook_endpoint.secret_rotated")).toHaveLength(2);
    expect(await rows("SELECT secret FROM webhook_endpoints WHERE id = ? AND secret = ?", endpoint.id, shown)).toEqual(
      [],
    );
    const leaked = await open(admin, "/admin/webhooks?done=rotated_now");
    expect(textOf(leaked.html)).toContain("the old one stopped at once");
    expect(await rows("SELECT previous_secret FROM webhook_endpoints WHERE id = ?", endpoint.id)).toEqual([
      { previous_secret: null },
    ]);
    admin.cookies.delete("steward_lang");
  });

  it("administrators only; posts from another site are refused and write nothing", async () => {
    expect((await official_.fetch("/admin/webhooks")).status).toBe(403);
    redirected(await new Client().fetch("/admin/webhooks"), "/signin");
    const before = await countRows("webhook_endpoints");
    const forged = await admin.form(
      "/admin/webhooks",
      { url: "https://evil.example.test/", events: "*" },
      { Origin: "https://evil.example.test" },
    );
    expect(forged.status).toBe(403);
    expect((await official_.form("/admin/webhooks", { url: "https://o.example.test/", events: "*" })).status).toBe(403);
    expect(await countRows("webhook_endpoints")).toBe(before);
  });
});
