import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DAY, MINUTE, fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { Client } from "../helpers/client";
import { createAgency } from "../helpers/fixtures";
import { steward } from "../helpers/flow-approval";
import { outboxTo, rows } from "../helpers/db";
import { open, textOf } from "../helpers/pages-forms";

// Lifetime policy (issue 11, item 5): a key lives at most its scopes' maximum (publish 365 days,
// read 730 by default), gets that maximum when no lifetime is asked for, and its owner is
// e-mailed once 14 and once 3 days before it expires.

type Created = { key: { id: string; createdAt: string; expiresAt: string | null }; secret: string };

const create = (client: Client, body: Record<string, unknown>) => client.json("POST", "/api/v1/keys", body);

async function createKey(client: Client, body: Record<string, unknown>): Promise<Created> {
  const res = await create(client, { name: "lifetime", scopes: ["read"], ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

const lifeInDays = (k: Created["key"]) => (Date.parse(k.expiresAt!) - Date.parse(k.createdAt)) / DAY;

const at = (ms: number) => ({ ...buildDeps(env), clock: fixedClock(ms) });

const warningsTo = async (email: string) =>
  (await outboxTo(email)).filter((m) => m.template === "key_expiry_warning").map((m) => m.subject as string);

async function expiryOf(keyId: string): Promise<number> {
  const [row] = await rows("SELECT expires_at FROM api_keys WHERE id = ?", keyId);
  return row!.expires_at as number;
}

describe("the maximum lifetime per scope", () => {
  it("publish: 366 days is 422 expiry_too_long naming 365; 365 is 201", async () => {
    const s = await steward(await createAgency());
    const res = await create(s.client, { name: "p", scopes: ["read", "publish"], expiresInDays: 366 });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; detail: string; maxDays: number; errors: unknown[] };
    expect(problem.code).toBe("expiry_too_long");
    expect(problem.detail).toContain("365");
    expect(problem.maxDays).toBe(365);
    expect(problem.errors).toEqual([{ path: "expiresInDays", message: "at most 365 days" }]);
    expect(await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId)).toHaveLength(0);
    const ok = await createKey(s.client, { scopes: ["read", "publish"], expiresInDays: 365 });
    expect(lifeInDays(ok.key)).toBe(365);
  });

  it("read: 731 days is 422 naming 730; 730 is 201", async () => {
    const s = await steward(await createAgency());
    const res = await create(s.client, { name: "r", scopes: ["read"], expiresInDays: 731 });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe("expiry_too_long");
    expect(problem.detail).toContain("730");
    expect(lifeInDays((await createKey(s.client, { expiresInDays: 730 })).key)).toBe(730);
  });

  it("without expiresInDays a key gets its scopes' maximum: read 730, publish 365", async () => {
    const s = await steward(await createAgency());
    expect(lifeInDays((await createKey(s.client, {})).key)).toBe(730);
    expect(lifeInDays((await createKey(s.client, { expiresInDays: null })).key)).toBe(730);
    expect(lifeInDays((await createKey(s.client, { scopes: ["read", "publish"] })).key)).toBe(365);
  });

  it("rotation keeps the policy: a key made before it (no expiry) is capped at its maximum", async () => {
    const s = await steward(await createAgency());
    const old = await createKey(s.client, { scopes: ["read", "publish"] });
    await env.DB.prepare("UPDATE api_keys SET ttl_days = NULL, expires_at = NULL WHERE id = ?").bind(old.key.id).run();
    const res = await s.client.json("POST", `/api/v1/keys/${old.key.id}/rotate`, { graceSeconds: 0 });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(lifeInDays(((await res.json()) as Created).key)).toBe(365);
  });

  it("the keys page's hint names the maxima, and a form over the maximum says so at the field", async () => {
    const s = await steward(await createAgency());
    const keys = await open(s.client, "/keys");
    expect(textOf(keys.html)).toContain("ไม่เกิน 365 วันสำหรับกุญแจเผยแพร่ข้อมูล");
    expect(textOf(keys.html)).toContain("ไม่เกิน 730 วันสำหรับกุญแจอ่านข้อมูล");
    const res = await keys.submit(s.client, "/keys", { name: "ยาวเกิน", scope: "publish", expiresInDays: "400" });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('href="#expiresInDays"');
    expect(html).toMatch(/<input id="expiresInDays"[^>]*aria-invalid="true"/);
    expect(textOf(html)).toContain("อายุกุญแจต้องไม่เกิน 365 วันสำหรับกุญแจเผยแพร่ข้อมูล");
    expect(html).toContain('value="400"');
    expect(await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId)).toHaveLength(0);
  });

  it("an expired key shows as expired on the keys page", async () => {
    const s = await steward(await createAgency());
    const k = await createKey(s.client, { name: "หมดแล้ว", expiresInDays: 1 });
    await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - MINUTE, k.key.id)
      .run();
    const page = await open(s.client, "/keys");
    expect(page.html).toMatch(/<span class="badge[^"]*">หมดอายุ<\/span>/);
    s.client.cookies.set("steward_lang", "en");
    expect((await open(s.client, "/keys")).html).toMatch(/<span class="badge[^"]*">Expired<\/span>/);
  });
});

describe("e-mail warnings 14 and 3 days before a key expires (fixed clock)", () => {
  it("one at 14 days, however often the cron runs; one more at 3 days; none after expiry", async () => {
    const s = await steward(await createAgency());
    const k = await createKey(s.client, { name: "เตือน", expiresInDays: 30 });
    const expires = await expiryOf(k.key.id);
    await runScheduledWork(at(expires - 15 * DAY));
    expect(await warningsTo(s.email)).toEqual([]);
    const day14 = expires - 14 * DAY + MINUTE;
    await runScheduledWork(at(day14));
    await runScheduledWork(at(day14 + 30_000));
    await Promise.all([runScheduledWork(at(day14 + 40_000)), runScheduledWork(at(day14 + 40_000))]);
    expect(await warningsTo(s.email)).toHaveLength(1);
    expect((await warningsTo(s.email))[0]).toContain("14");
    await runScheduledWork(at(expires - 5 * DAY));
    expect(await warningsTo(s.email)).toHaveLength(1);
    const day3 = expires - 3 * DAY + MINUTE;
    await Promise.all([runScheduledWork(at(day3)), runScheduledWork(at(day3))]);
    await runScheduledWork(at(day3 + MINUTE));
    expect(await warningsTo(s.email)).toHaveLength(2);
    expect((await warningsTo(s.email))[1]).toContain("3");
    await runScheduledWork(at(expires + MINUTE));
    expect(await warningsTo(s.email)).toHaveLength(2);
    expect(await rows("SELECT days FROM key_expiry_warnings WHERE key_id = ? ORDER BY days DESC", k.key.id)).toEqual([
      { days: 14 },
      { days: 3 },
    ]);
    const [mail] = (await outboxTo(s.email)).filter((m) => m.template === "key_expiry_warning");
    expect(mail!.text).toContain("เตือน");
    expect(mail!.text).not.toContain(k.secret);
  });

  it("a key made with less than 14 days left gets only the 3-day warning", async () => {
    const s = await steward(await createAgency());
    const k = await createKey(s.client, { expiresInDays: 10 });
    const expires = await expiryOf(k.key.id);
    await runScheduledWork(at(expires - 10 * DAY + MINUTE));
    await runScheduledWork(at(expires - 4 * DAY));
    expect(await warningsTo(s.email)).toEqual([]);
    await runScheduledWork(at(expires - 3 * DAY + MINUTE));
    expect(await warningsTo(s.email)).toHaveLength(1);
    expect(await rows("SELECT days FROM key_expiry_warnings WHERE key_id = ?", k.key.id)).toEqual([{ days: 3 }]);
  });

  it("a revoked key gets none", async () => {
    const s = await steward(await createAgency());
    const k = await createKey(s.client, { expiresInDays: 30 });
    expect((await s.client.fetch(`/api/v1/keys/${k.key.id}`, { method: "DELETE" })).status).toBe(204);
    const expires = await expiryOf(k.key.id);
    await runScheduledWork(at(expires - 14 * DAY + MINUTE));
    await runScheduledWork(at(expires - 3 * DAY + MINUTE));
    expect(await warningsTo(s.email)).toEqual([]);
  });
});
