import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Deps } from "../../src/deps";
import { buildDeps } from "../../src/middleware/deps";
import { loadUser } from "../../src/services/identity/people";
import { APPLY_AT_ONCE, applyStewardView } from "../../src/services/portal/ckan-organizations";
import { ADMIN_EMAIL, expectProblem, signInAdmin } from "../helpers/auth-db";
import { steward } from "../helpers/flow-approval";
import { createAgency, signIn, unique } from "../helpers/fixtures";
import { rows, snapshot } from "../helpers/db";
import { open, textOf } from "../helpers/pages-forms";
import { addEndpoint, intercept, settled, verified } from "../helpers/webhook-receiver";

// Issue 13 without a CKAN: the agency's mapping, a deployment that does not provision, the
// membership events other portals receive, and who may see the CKAN page.

describe("an agency's CKAN organization", () => {
  it("is set, listed and cleared through the admin API; a name CKAN would refuse changes nothing", async () => {
    const admin = await signInAdmin();
    const agency = await createAgency();
    const path = `/api/v1/admin/agencies/${agency.id}`;
    const set = await admin.json("PATCH", path, { ckanOrganization: "dga-open-data" });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { agency: { ckanOrganization: string } }).agency.ckanOrganization).toBe(
      "dga-open-data",
    );
    const before = await snapshot(["agencies"]);
    for (const bad of ["Upper-Case", "a", "มหาดไทย", "x".repeat(101), "with space", "new\nline"]) {
      const res = await admin.json("PATCH", path, { ckanOrganization: bad });
      expect([400, 422], `${bad}: ${res.status}`).toContain(res.status);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect(await snapshot(["agencies"])).toEqual(before);
    const cleared = await admin.json("PATCH", path, { ckanOrganization: null });
    expect(((await cleared.json()) as { agency: { ckanOrganization: null } }).agency.ckanOrganization).toBeNull();
  });

  it("is a field of the agency form", async () => {
    const admin = await signInAdmin();
    const agency = await createAgency();
    const page = await open(admin, `/admin/agencies/${agency.id}`);
    expect(page.html).toMatch(/<label for="ckanOrganization">/);
  });
});

describe("a deployment without CKAN", () => {
  it("writes no CKAN call, says so on the page, and refuses to check or apply", async () => {
    const admin = await signInAdmin();
    const agency = await createAgency();
    await admin.json("PATCH", `/api/v1/admin/agencies/${agency.id}`, {
      ckanOrganization: unique("org-").toLowerCase(),
    });
    const person = await steward(agency);
    expect(await rows("SELECT id FROM ckan_operations WHERE user_id = ?", person.userId)).toEqual([]);

    const portal = (await (await admin.fetch("/api/v1/admin/portal")).json()) as { configured: boolean };
    expect(portal.configured).toBe(false);
    await expectProblem(await admin.json("POST", "/api/v1/admin/portal/check", {}), 409, "invalid_transition");
    const page = await open(admin, "/admin/portal");
    expect(textOf(page.html)).toMatch(/CKAN_URL/);
  });

  it("keeps the CKAN page and its API to administrators", async () => {
    const official = await signIn(`${unique("u")}@mail.go.th`);
    expect((await official.fetch("/api/v1/admin/portal")).status).toBe(403);
    expect((await official.fetch("/api/v1/admin/portal/calls")).status).toBe(403);
    expect([403, 303]).toContain((await official.fetch("/admin/portal")).status);
    const admin = await signInAdmin();
    await expectProblem(
      await admin.json("POST", "/api/v1/admin/portal/organizations/Not%20A%20Name/apply", {}),
      400,
      "invalid_request",
    );
    await expectProblem(
      await admin.fetch("/api/v1/admin/portal/calls/retry", {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: "{}",
      }),
      415,
      "unsupported_media_type",
    );
  });
});

describe("membership events for other portals", () => {
  afterEach(() => vi.restoreAllMocks());

  it("delivers membership.activated, .suspended, .resumed and .revoked, signed, each once", async () => {
    const received = intercept();
    const endpoint = await addEndpoint({
      events: ["membership.activated", "membership.suspended", "membership.resumed", "membership.revoked"],
    });
    const agency = await createAgency();
    const person = await steward(agency);
    const keyEndpoint = await addEndpoint({ events: ["key.revoked"] });
    const created = await person.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: { id: string } };
    const admin = await signInAdmin();
    for (const action of ["suspend", "reinstate", "revoke"]) {
      const res = await admin.json("POST", `/api/v1/admin/memberships/${person.membershipId}/${action}`, {
        reason: "ทดสอบ",
      });
      expect(res.status).toBe(200);
    }
    const deliveries = await settled(endpoint.id);
    expect(deliveries.map((d) => [d.event_type, d.status])).toEqual([
      ["membership.activated", "delivered"],
      ["membership.suspended", "delivered"],
      ["membership.resumed", "delivered"],
      ["membership.revoked", "delivered"],
    ]);
    const mine = received.filter((r) => r.url === endpoint.url);
    expect(mine).toHaveLength(4);
    const first = verified(
      endpoint.secret,
      mine.find((r) => r.body.includes("membership.activated"))!,
    );
    expect(first).toMatchObject({
      type: "membership.activated",
      data: {
        membership: { id: person.membershipId, role: "steward", status: "active" },
        person: { id: person.userId, email: person.email },
        agency: { id: agency.id, ckanOrganization: null },
      },
    });
    const revoked = verified(
      endpoint.secret,
      mine.find((r) => r.body.includes("membership.revoked"))!,
    );
    expect(revoked).toMatchObject({ data: { membership: { status: "revoked" }, reason: "ทดสอบ" } });
    // The publish key the role's end stopped: key.revoked, in the same batch.
    const keyDeliveries = await settled(keyEndpoint.id);
    expect(keyDeliveries.map((d) => d.event_type)).toEqual(["key.revoked"]);
    const event = verified(
      keyEndpoint.secret,
      received.find((r) => r.url === keyEndpoint.url)!,
    );
    expect(event.data).toMatchObject({ keyId: key.id, reason: "membership_ended", membershipId: person.membershipId });
  });
});

describe("applying steward's view to a large drift", () => {
  it("acts on APPLY_AT_ONCE rows a press (D1's 100 parameters), audited each time, until none is left", async () => {
    const base = buildDeps(env);
    const deps: Deps = {
      ...base,
      config: {
        ...base.config,
        ckan: { url: "http://127.0.0.1:9", token: "t", timeoutMs: 50, users: "create", reconcileEveryMs: 3_600_000 },
      },
    };
    const organization = `drift-${unique("o")}`.toLowerCase();
    const agency = await createAgency();
    await env.DB.prepare("UPDATE agencies SET ckan_organization = ? WHERE id = ?").bind(organization, agency.id).run();
    const total = APPLY_AT_ONCE + 20;
    await env.DB.batch(
      Array.from({ length: total }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO ckan_drift (id, organization, kind, ckan_user_id, ckan_user_name, found_at) VALUES (?, ?, 'extra_in_ckan', ?, ?, ?)",
        ).bind(`cdr_${organization}_${String(i).padStart(3, "0")}`, organization, `u${i}`, `user-${i}`, Date.now()),
      ),
    );
    await signInAdmin();
    const [row] = await rows("SELECT id FROM users WHERE email = ?", ADMIN_EMAIL);
    const admin = await loadUser(deps, row!.id as string);
    const meta = { ip: null, userAgent: null };
    expect(await applyStewardView(deps, admin, organization, "ทดสอบ", meta)).toEqual({
      added: 0,
      removed: APPLY_AT_ONCE,
    });
    expect(await rows("SELECT id FROM ckan_drift WHERE organization = ?", organization)).toHaveLength(20);
    expect(await applyStewardView(deps, admin, organization, "ทดสอบ", meta)).toEqual({ added: 0, removed: 20 });
    await expect(applyStewardView(deps, admin, organization, "ทดสอบ", meta)).rejects.toMatchObject({
      code: "invalid_transition",
    });
    expect(await rows("SELECT id FROM ckan_operations WHERE organization = ?", organization)).toHaveLength(total);
    expect(
      await rows("SELECT id FROM audit_events WHERE subject = ?", `ckan_organization:${organization}`),
    ).toHaveLength(2);
  });
});
