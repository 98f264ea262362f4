import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users, type User } from "../../src/db/schema";
import { generateApiKey } from "../../src/lib/api-key-format";
import { SECOND, fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import { createApiKey } from "../../src/services/keys/api-keys";
import { rotateApiKey } from "../../src/services/keys/key-rotation";
import type { Deps } from "../../src/deps";
import { verifyApiKey } from "../../src/services/keys/verify";
import { AppError } from "../../src/errors";
import type { Client } from "../helpers/client";
import { createAgency, db } from "../helpers/fixtures";
import { applicant, getApplication, steward, verify } from "../helpers/flow-approval";
import { signInAdmin } from "../helpers/auth-db";
import { outboxTo, settleOutbox } from "../helpers/db";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

interface Created {
  key: { id: string; prefix: string; scopes: string[]; status: string; agencyId: string | null };
  secret: string;
}

async function createKey(client: Client, scopes: string[], name = "ชุดข้อมูล / datasets"): Promise<Created> {
  const res = await client.json("POST", "/api/v1/keys", { name, scopes });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

async function code(key: string) {
  const { status, body } = await verify(key);
  expect(status).toBe(200);
  return body.code;
}

describe("API keys over HTTP", () => {
  it("a read key: 201 with the secret once, stw_dev_ format, never listed with its secret", async () => {
    const who = await applicant(await createAgency());
    const { key, secret } = await createKey(who.client, ["read"]);
    expect(secret).toMatch(/^stw_dev_[0-9A-Za-z]{36}$/);
    expect(secret.startsWith(key.prefix)).toBe(true);
    expect(key.prefix.length).toBeLessThan(secret.length - 20);
    expect(key).toMatchObject({ scopes: ["read"], status: "active" });
    const list = await who.client.fetch("/api/v1/keys");
    const text = await list.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(key.prefix.length));
    const { keys } = JSON.parse(text) as { keys: Record<string, unknown>[] };
    expect(keys.map((k) => k.id)).toEqual([key.id]);
    expect(Object.keys(keys[0]!)).not.toContain("secret");
  });

  it("publish without an active steward role is 403 forbidden_scope", async () => {
    const who = await applicant(await createAgency());
    const res = await who.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("forbidden_scope");
  });

  it("the steward's first publish key moves the application from approved to active", async () => {
    const agency = await createAgency();
    const s = await steward(agency);
    expect((await getApplication(s.client, s.applicationId)).status).toBe("approved");
    const { key, secret } = await createKey(s.client, ["read", "publish"]);
    expect(key.agencyId).toBe(agency.id);
    expect((await getApplication(s.client, s.applicationId)).status).toBe("active");
    await createKey(s.client, ["read", "publish"], "second");
    expect((await getApplication(s.client, s.applicationId)).status).toBe("active");

    const { body } = await verify(secret);
    expect(body).toMatchObject({
      valid: true,
      code: "VALID",
      keyId: key.id,
      userId: s.userId,
      agencyId: agency.id,
      scopes: ["read", "publish"],
    });
  });

  it("verify: malformed and wrong-checksum keys are 200 NOT_FOUND; a wrong or missing gateway secret is 401", async () => {
    const who = await applicant(await createAgency());
    const { secret } = await createKey(who.client, ["read"]);
    expect(await code(secret)).toBe("VALID");
    for (const bad of ["", "hello", "stw_dev_short", `${secret}x`, secret.replace("stw_dev_", "stw_live_")]) {
      expect(await verify(bad)).toEqual({ status: 200, body: { valid: false, code: "NOT_FOUND" } });
    }
    const last = secret.at(-1)!;
    const typo = secret.slice(0, -1) + (last === "A" ? "B" : "A");
    expect(await verify(typo)).toEqual({ status: 200, body: { valid: false, code: "NOT_FOUND" } });
    expect(await verify(generateApiKey("dev").secret)).toEqual({
      status: 200,
      body: { valid: false, code: "NOT_FOUND" },
    });
    expect((await verify(secret, "wrong-secret")).status).toBe(401);
    expect((await verify(secret, null)).status).toBe(401);
  });

  it("DELETE is 204 and the key is REVOKED at once, also during its grace", async () => {
    const who = await applicant(await createAgency());
    const plain = await createKey(who.client, ["read"]);
    expect((await who.client.fetch(`/api/v1/keys/${plain.key.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await code(plain.secret)).toBe("REVOKED");

    const old = await createKey(who.client, ["read"]);
    const res = await who.client.json("POST", `/api/v1/keys/${old.key.id}/rotate`, { graceSeconds: 3600 });
    expect(res.status).toBe(201);
    const rotated = (await res.json()) as Created;
    expect(await code(old.secret)).toBe("VALID");
    expect((await who.client.fetch(`/api/v1/keys/${old.key.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await code(old.secret)).toBe("REVOKED");
    expect(await code(rotated.secret)).toBe("VALID");
    expect((await who.client.json("POST", `/api/v1/keys/${old.key.id}/rotate`, { graceSeconds: 0 })).status).toBe(409);
  });

  it("an administrator revoking the membership stops its publish keys at once and tells the steward", async () => {
    const s = await steward(await createAgency());
    const publish = await createKey(s.client, ["read", "publish"]);
    const read = await createKey(s.client, ["read"]);
    const noReason = await admin.json("POST", `/api/v1/admin/memberships/${s.membershipId}/revoke`, {});
    expect(noReason.status).toBe(400);
    const forbidden = await s.client.json("POST", `/api/v1/admin/memberships/${s.membershipId}/revoke`, {
      reason: "x",
    });
    expect(forbidden.status).toBe(403);
    expect(await code(publish.secret)).toBe("VALID");

    const reason = "ย้ายไปหน่วยงานอื่น / moved to another agency";
    const res = await admin.json("POST", `/api/v1/admin/memberships/${s.membershipId}/revoke`, { reason });
    expect(res.status).toBe(200);
    expect(["REVOKED", "DISABLED"]).toContain(await code(publish.secret));
    expect(await code(read.secret)).toBe("VALID");
    await settleOutbox();
    const mails = (await outboxTo(s.email)).filter((m) => m.template === "membership_revoked");
    expect(mails).toHaveLength(1);
    expect(String(mails[0]!.text)).toContain("moved to another agency");
    const again = await s.client.json("POST", "/api/v1/keys", { name: "after", scopes: ["read", "publish"] });
    expect(again.status).toBe(403);
  });

  it("the steward cancelling the membership stops its publish keys at once", async () => {
    const s = await steward(await createAgency());
    const publish = await createKey(s.client, ["read", "publish"]);
    const other = await applicant(await createAgency());
    expect(
      (await other.client.json("POST", `/api/v1/memberships/${s.membershipId}/cancel`, { reason: "not mine" })).status,
    ).toBe(404);
    expect(await code(publish.secret)).toBe("VALID");
    const res = await s.client.json("POST", `/api/v1/memberships/${s.membershipId}/cancel`, {
      reason: "เกษียณ / retiring",
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { membership: { status: string } }).membership.status).toBe("revoked");
    expect(["REVOKED", "DISABLED"]).toContain(await code(publish.secret));
    await settleOutbox();
    expect((await outboxTo(s.email)).filter((m) => String(m.template).startsWith("membership_"))).toHaveLength(1);
  });
});

describe("rotation with a grace period, on a fixed clock", () => {
  const meta = { ip: "192.0.2.1", userAgent: "vitest" };
  const T0 = Date.UTC(2026, 4, 1, 9, 0, 0);

  async function setup() {
    const who = await applicant(await createAgency());
    const [user] = await db.select().from(users).where(eq(users.email, who.email));
    const clock = fixedClock(T0);
    const deps: Deps = { ...buildDeps(env), clock };
    return { user: user as User, clock, deps };
  }

  async function codeAt(deps: Deps, key: string) {
    const { result, touch } = await verifyApiKey(deps, key);
    await touch;
    return result.code;
  }

  it("the old key verifies until graceUntil and is EXPIRED at and after it; the new key is VALID", async () => {
    const { user, clock, deps } = await setup();
    const old = await createApiKey(deps, user, { name: "rotate me", scopes: ["read"] }, meta);
    clock.advance(60 * SECOND);
    const rotated = await rotateApiKey(deps, user, old.key.id, 600, meta);
    expect(rotated.key.name).toBe("rotate me");
    expect(JSON.parse(rotated.key.scopes)).toEqual(["read"]);
    expect(rotated.secret).not.toBe(old.secret);

    expect(await codeAt(deps, old.secret)).toBe("VALID");
    clock.advance(599 * SECOND);
    expect(await codeAt(deps, old.secret)).toBe("VALID");
    clock.advance(1 * SECOND);
    expect(await codeAt(deps, old.secret)).toBe("EXPIRED");
    clock.advance(3600 * SECOND);
    expect(await codeAt(deps, old.secret)).toBe("EXPIRED");
    expect(await codeAt(deps, rotated.secret)).toBe("VALID");
  });

  it("graceSeconds 0: the old key is EXPIRED immediately; rotating a rotated key is 409", async () => {
    const { user, deps } = await setup();
    const old = await createApiKey(deps, user, { name: "no grace", scopes: ["read"] }, meta);
    const rotated = await rotateApiKey(deps, user, old.key.id, 0, meta);
    expect(await codeAt(deps, old.secret)).toBe("EXPIRED");
    expect(await codeAt(deps, rotated.secret)).toBe("VALID");

    const graceful = await createApiKey(deps, user, { name: "grace", scopes: ["read"] }, meta);
    await rotateApiKey(deps, user, graceful.key.id, 3600, meta);
    for (const id of [old.key.id, graceful.key.id]) {
      const error = await rotateApiKey(deps, user, id, 60, meta).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
    }
  });
});
