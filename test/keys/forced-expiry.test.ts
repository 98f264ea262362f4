import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency } from "../helpers/fixtures";
import { expectProblem, signInAdmin } from "../helpers/auth-db";
import { steward, verify } from "../helpers/flow-approval";
import { auditOf, outboxTo, rows } from "../helpers/db";
import { buildDeps } from "../../src/middleware/deps";
import { batchAfter } from "../helpers/racing";
import { fixedClock, HOUR } from "../../src/lib/clock";
import { verifyApiKey } from "../../src/services/keys/verify";
import { rotateApiKey } from "../../src/services/keys/key-rotation";
import { createDb } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { db } from "../helpers/fixtures";
import { eq } from "drizzle-orm";

// Forced rotation (CONTRACT: POST /api/v1/admin/keys/expire): every live key in scope keeps
// verifying for the grace, then answers EXPIRED; the owners are e-mailed; no secret is shown.

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

async function newKey(client: Client, scopes: string[]) {
  const res = await client.json("POST", "/api/v1/keys", { name: `k-${scopes.join("-")}`, scopes });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { key: { id: string }; secret: string };
}

const expire = (body: Record<string, unknown>) =>
  admin.json("POST", "/api/v1/admin/keys/expire", { reason: "บังคับเปลี่ยนกุญแจ / forced rotation", ...body });

describe("POST /api/v1/admin/keys/expire", () => {
  it("a person's keys stop at once with grace 0; the owner is e-mailed without any secret; audited", async () => {
    const s = await steward(await createAgency());
    const read = await newKey(s.client, ["read"]);
    const publish = await newKey(s.client, ["read", "publish"]);
    const res = await expire({ userId: s.userId, graceSeconds: 0 });
    expect(res.status, await res.clone().text()).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ keys: 2 });
    expect(text).not.toContain(read.secret);
    for (const k of [read, publish]) expect((await verify(k.secret)).body.code).toBe("EXPIRED");

    const [mail] = (await outboxTo(s.email)).filter((m) => m.template === "keys_expiring");
    expect(mail).toBeTruthy();
    for (const secret of [read.secret, publish.secret]) {
      expect(String(mail!.text)).not.toContain(secret);
      expect(String(mail!.html)).not.toContain(secret);
    }
    expect(String(mail!.text)).toContain("/keys");
    const [event] = await auditOf(`user:${s.userId}`, "keys.expired_by_admin");
    expect(event!.actor).toBe("admin:admin@dga.or.th");
    expect(event!.detail).toMatchObject({ keysInScope: 2, graceSeconds: 0 });
  });

  it("with a grace the keys keep verifying (rotating), then answer EXPIRED", async () => {
    const s = await steward(await createAgency());
    const k = await newKey(s.client, ["read", "publish"]);
    expect((await expire({ membershipId: s.membershipId, graceSeconds: 3600 })).status).toBe(200);
    expect((await verify(k.secret)).body.code).toBe("VALID");
    const list = (await (await s.client.fetch("/api/v1/keys")).json()) as { keys: { id: string; status: string }[] };
    expect(list.keys.find((x) => x.id === k.key.id)!.status).toBe("rotating");
    const later = { ...buildDeps(env), clock: fixedClock(Date.now() + HOUR + 60_000) };
    expect((await verifyApiKey(later, k.secret)).result.code).toBe("EXPIRED");
  });

  it("a whole agency: every steward's keys, and nobody else's", async () => {
    const agency = await createAgency();
    const [a, b] = [await steward(agency), await steward(agency)];
    const other = await steward(await createAgency());
    const keys = [await newKey(a.client, ["read", "publish"]), await newKey(b.client, ["read", "publish"])];
    const untouched = await newKey(other.client, ["read", "publish"]);
    const res = await expire({ agencyId: agency.id, graceSeconds: 0 });
    expect(await res.json()).toEqual({ keys: 2 });
    for (const k of keys) expect((await verify(k.secret)).body.code).toBe("EXPIRED");
    expect((await verify(untouched.secret)).body.code).toBe("VALID");
    expect((await outboxTo(a.email)).some((m) => m.template === "keys_expiring")).toBe(true);
    expect((await outboxTo(b.email)).some((m) => m.template === "keys_expiring")).toBe(true);
  });

  it("never lengthens a key's life: a key already ending sooner keeps its end", async () => {
    const s = await steward(await createAgency());
    const k = await newKey(s.client, ["read"]);
    expect((await expire({ userId: s.userId, graceSeconds: 600 })).status).toBe(200);
    const [before] = await rows("SELECT grace_until FROM api_keys WHERE id = ?", k.key.id);
    expect((await expire({ userId: s.userId, graceSeconds: 604800 })).status).toBe(200);
    expect(await rows("SELECT grace_until FROM api_keys WHERE id = ?", k.key.id)).toEqual([before]);
  });

  it("refuses an unknown scope with 404 and writes nothing", async () => {
    const before = await rows("SELECT count(*) AS n FROM audit_events WHERE action = 'keys.expired_by_admin'");
    await expectProblem(await expire({ userId: "usr_nobody", graceSeconds: 0 }), 404, "not_found");
    await expectProblem(await expire({ agencyId: "agc_nobody", graceSeconds: 0 }), 404, "not_found");
    expect(await rows("SELECT count(*) AS n FROM audit_events WHERE action = 'keys.expired_by_admin'")).toEqual(before);
  });

  it("parallel requests on one person: every key ends once, and each owner gets at most one e-mail per request", async () => {
    const s = await steward(await createAgency());
    const k = await newKey(s.client, ["read"]);
    const answers = await Promise.all(Array.from({ length: 4 }, () => expire({ userId: s.userId, graceSeconds: 0 })));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const counts = await Promise.all(answers.map(async (r) => ((await r.json()) as { keys: number }).keys));
    expect(counts.reduce((n, c) => n + c, 0)).toBe(1);
    expect((await verify(k.secret)).body.code).toBe("EXPIRED");
    expect((await outboxTo(s.email)).filter((m) => m.template === "keys_expiring").length).toBeLessThanOrEqual(4);
  });

  it("an owner's rotation racing a forced expiry: the expiry wins (the rotation's claim needs a key still active)", async () => {
    const s = await steward(await createAgency());
    const k = await newKey(s.client, ["read"]);
    // Between the rotation's status check and its batch, an administrator's expiry lands.
    const racing = batchAfter(() =>
      env.DB.prepare("UPDATE api_keys SET grace_until = ? WHERE id = ?").bind(Date.now(), k.key.id).run(),
    );
    const deps = { ...buildDeps(env), db: createDb(racing) };
    const [owner] = await db.select().from(users).where(eq(users.id, s.userId));
    await expect(rotateApiKey(deps, owner!, k.key.id, 604800, { ip: null, userAgent: null })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await verify(k.secret)).body.code).toBe("EXPIRED");
    expect(await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId)).toHaveLength(1);
  });
});
