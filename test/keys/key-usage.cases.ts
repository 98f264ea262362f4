import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeys, keyUsageDaily, users, type User } from "../../src/db/schema";
import { MINUTE, SECOND, fixedClock } from "../../src/lib/clock";
import { UsageBuffer } from "../../src/lib/usage-buffer";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import {
  countVerification,
  flushUsage,
  USAGE_FLUSH_DELAY_MS,
  USAGE_FLUSH_PAIRS,
  usageOfKey,
} from "../../src/services/keys/usage";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { bangkokDate } from "../../src/text/dates";
import { ORIGIN, workerFetch, type Client } from "../helpers/client";
import { createAgency, db, unique } from "../helpers/fixtures";
import { applicant } from "../helpers/flow-approval";
import { rows } from "../helpers/db";
import { open } from "../helpers/pages-forms";

// Usage per key and Bangkok day (issue 11, item 3): counted in the isolate, written in batches,
// read by GET /api/v1/keys/:id/usage and drawn on /keys.

const SECRET = "dev-gateway-secret";

interface Created {
  key: { id: string };
  secret: string;
}

async function createKey(client: Client, scopes: string[]): Promise<Created> {
  const res = await client.json("POST", "/api/v1/keys", { name: unique("k"), scopes });
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

/** A gateway's request (its timed usage write runs on in the background, as in production). */
function asGateway(path: string, init: RequestInit): Promise<Response> {
  return workerFetch(new Request(`${ORIGIN}${path}`, init));
}

const verifyKey = (key: string) =>
  asGateway("/api/v1/keys/verify", {
    method: "POST",
    headers: { Authorization: `Bearer ${SECRET}`, "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
  });
const authorizeKey = (key: string, scope = "") =>
  asGateway(`/api/v1/keys/authorize${scope}`, { headers: { "X-Steward-Gateway-Secret": SECRET, "api-key": key } });

type Usage = { usage: { date: string; valid: number; refused: number }[] };

let who: Awaited<ReturnType<typeof applicant>> & { user: User };
beforeAll(async () => {
  const person = await applicant(await createAgency());
  const [user] = await db.select().from(users).where(eq(users.email, person.email));
  who = { ...person, user: user! };
});

describe("the isolate's buffer and Bangkok days", () => {
  it("counts per (key, day), drains once, and takes back what a failed write did not keep", () => {
    const buffer = new UsageBuffer();
    buffer.add("k1", "2026-11-30", "valid");
    buffer.add("k1", "2026-11-30", "valid");
    buffer.add("k1", "2026-11-30", "refused");
    buffer.add("k2", "2026-11-30", "valid");
    expect(buffer.size).toBe(2);
    expect(buffer.pendingFor(new Set(["k1"]))).toEqual([{ keyId: "k1", date: "2026-11-30", valid: 2, refused: 1 }]);
    const taken = buffer.drain(1234);
    expect(taken).toHaveLength(2);
    expect(buffer.size).toBe(0);
    expect(buffer.lastFlushAt).toBe(1234);
    buffer.add("k1", "2026-11-30", "valid");
    buffer.restore(taken);
    expect(buffer.pendingFor(new Set(["k1", "k2"]))).toEqual([
      { keyId: "k1", date: "2026-11-30", valid: 3, refused: 1 },
      { keyId: "k2", date: "2026-11-30", valid: 1, refused: 0 },
    ]);
  });

  it("a Bangkok day starts at 17:00 UTC the day before (UTC+7, no daylight saving)", () => {
    expect(bangkokDate(Date.parse("2026-11-30T16:59:59.999Z"))).toBe("2026-11-30");
    expect(bangkokDate(Date.parse("2026-11-30T17:00:00.000Z"))).toBe("2026-12-01");
    expect(bangkokDate(Date.parse("2026-11-30T16:59:59.999Z"))).toBe("2026-11-30");
    expect(bangkokDate(Date.parse("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
  });
});

describe("counting without a write per verification (fixed clock, the service's own buffer)", () => {
  const T0 = Date.parse("2026-11-30T16:58:00Z"); // 23:58 in Bangkok

  /** Deps whose sleep waits until the test opens it (the timer of the delayed write). */
  function depsAt(clock: ReturnType<typeof fixedClock>) {
    const usage = new UsageBuffer();
    usage.drain(clock.now()); // as if it had just written
    const timers: { ms: number; fire: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((fire) => timers.push({ ms, fire }));
    const deps: Deps = { ...buildDeps(env), clock, usage, sleep };
    return { deps, timers };
  }

  it("the first count sets one timer; nothing is written until it fires, then everything in one batch", async () => {
    const clock = fixedClock(T0);
    const { deps, timers } = depsAt(clock);
    const key = await createKey(who.client, ["read"]);
    const write = countVerification(deps, key.key.id, "valid");
    expect(write).not.toBeNull();
    for (let i = 0; i < 99; i++) expect(countVerification(deps, key.key.id, "valid")).toBeNull();
    expect(countVerification(deps, key.key.id, "refused")).toBeNull();
    expect(countVerification(deps, undefined, "refused")).toBeNull(); // an unknown key: nobody's
    expect(timers.map((t) => t.ms)).toEqual([USAGE_FLUSH_DELAY_MS]);
    const stored = () => db.select().from(keyUsageDaily).where(eq(keyUsageDaily.keyId, key.key.id));
    expect(await stored()).toEqual([]);
    // Read before it is written: the isolate's counts are added.
    expect((await usageOfKey(deps, who.user, key.key.id, 1))[0]).toEqual({
      date: "2026-11-30",
      valid: 100,
      refused: 1,
    });

    clock.advance(USAGE_FLUSH_DELAY_MS);
    timers[0]!.fire();
    expect(await write).toBe(1);
    expect(await stored()).toEqual([{ keyId: key.key.id, date: "2026-11-30", valid: 100, refused: 1 }]);

    // Across midnight in Bangkok the counts go to the new day; a second write adds, never replaces.
    clock.advance(2 * MINUTE); // 00:00:20 of 1 December in Bangkok
    const next = countVerification(deps, key.key.id, "valid");
    expect(timers).toHaveLength(2);
    countVerification(deps, key.key.id, "refused");
    timers[1]!.fire();
    expect(await next).toBe(1);
    expect(await stored()).toEqual([
      { keyId: key.key.id, date: "2026-11-30", valid: 100, refused: 1 },
      { keyId: key.key.id, date: "2026-12-01", valid: 1, refused: 1 },
    ]);
    expect(await usageOfKey(deps, who.user, key.key.id, 3)).toEqual([
      { date: "2026-11-29", valid: 0, refused: 0 },
      { date: "2026-11-30", valid: 100, refused: 1 },
      { date: "2026-12-01", valid: 1, refused: 1 },
    ]);
  });

  it("many keys waiting write at once, not waiting for the timer", async () => {
    const clock = fixedClock(T0 + 10 * SECOND);
    const { deps } = depsAt(clock);
    deps.usage.lastFlushAt = T0;
    for (let i = 0; i < USAGE_FLUSH_PAIRS - 1; i++) countVerification(deps, `key_fake_${i}`, "valid");
    const write = countVerification(deps, `key_fake_last`, "refused");
    expect(write).not.toBeNull();
    expect(await write).toBe(USAGE_FLUSH_PAIRS);
    const [{ n }] = (await rows("SELECT count(*) AS n FROM key_usage_daily WHERE key_id LIKE 'key_fake_%'")) as [
      { n: number },
    ];
    expect(n).toBe(USAGE_FLUSH_PAIRS);
  });

  it("while the database fails, many waiting keys try a write at most every 5 seconds, not per request", async () => {
    const clock = fixedClock(T0 + 10 * SECOND);
    const { deps } = depsAt(clock);
    let batches = 0;
    const failingDb = Object.assign(Object.create(deps.db) as Deps["db"], {
      batch: () => (batches++, Promise.reject(new Error("D1 is away"))),
    });
    const failing: Deps = { ...deps, db: failingDb };
    deps.usage.lastFlushAt = T0;
    for (let i = 0; i < USAGE_FLUSH_PAIRS - 1; i++) countVerification(failing, `key_down_${i}`, "valid");
    const first = countVerification(failing, "key_down_last", "valid");
    await expect(first).rejects.toThrow("D1 is away");
    expect(deps.usage.size).toBe(USAGE_FLUSH_PAIRS); // kept for the next write
    // 100 more requests: one timer (the next write in 20 s), no write now.
    const started = Array.from({ length: 100 }, () => countVerification(failing, "key_down_last", "valid"));
    expect(started.filter((p) => p !== null)).toHaveLength(1);
    expect(batches).toBe(1);
    clock.advance(5 * SECOND);
    await expect(countVerification(failing, "key_down_last", "valid")).rejects.toThrow("D1 is away");
    expect(batches).toBe(2);
  });

  it("a failing usage write does not stop the cron's other work", async () => {
    const clock = fixedClock(T0);
    const { deps } = depsAt(clock);
    countVerification(deps, "key_cron", "valid");
    const failingDb = Object.assign(Object.create(deps.db) as Deps["db"], {
      batch: () => Promise.reject(new Error("D1 is away")),
    });
    const ran = await runScheduledWork({ ...deps, db: failingDb });
    expect(ran).toContain("deliver_outbox");
    expect(deps.usage.size).toBe(1);
  });

  it("a write that fails keeps the counts for the next one", async () => {
    const clock = fixedClock(T0);
    const { deps } = depsAt(clock);
    const key = await createKey(who.client, ["read"]);
    countVerification(deps, key.key.id, "valid");
    // The same database whose batch fails (as D1 does when it is unreachable).
    const db = Object.assign(Object.create(deps.db) as Deps["db"], {
      batch: () => Promise.reject(new Error("D1 is away")),
    });
    const failing: Deps = { ...deps, db };
    await expect(flushUsage(failing)).rejects.toThrow("D1 is away");
    countVerification(deps, key.key.id, "valid");
    expect(await flushUsage(deps)).toBe(1);
    expect(await deps.db.select().from(keyUsageDaily).where(eq(keyUsageDaily.keyId, key.key.id))).toEqual([
      { keyId: key.key.id, date: "2026-11-30", valid: 2, refused: 0 },
    ]);
  });
});

describe("GET /api/v1/keys/:id/usage and the keys page", () => {
  it("counts verify and authorize answers, valid and refused, for the key's owner only", async () => {
    const key = await createKey(who.client, ["read"]);
    for (let i = 0; i < 3; i++) expect((await verifyKey(key.secret)).status).toBe(200);
    expect((await authorizeKey(key.secret)).status).toBe(204);
    expect((await authorizeKey(key.secret, "?scope=publish")).status).toBe(403); // refused: no such scope
    expect((await verifyKey("stw_dev_nothing")).status).toBe(200); // nobody's key: not counted

    const res = await who.client.fetch(`/api/v1/keys/${key.key.id}/usage`);
    expect(res.status).toBe(200);
    const { usage } = (await res.json()) as Usage;
    expect(usage).toHaveLength(30);
    expect(usage.at(-1)).toEqual({ date: bangkokDate(Date.now()), valid: 4, refused: 1 });
    expect(usage.slice(0, -1).every((d) => d.valid === 0 && d.refused === 0)).toBe(true);
    expect(usage.map((d) => d.date)).toEqual([...usage.map((d) => d.date)].sort());

    // Revoked: its answers are refused ones.
    expect((await who.client.fetch(`/api/v1/keys/${key.key.id}`, { method: "DELETE" })).status).toBe(204);
    expect(((await (await verifyKey(key.secret)).json()) as { code: string }).code).toBe("REVOKED");
    expect((await authorizeKey(key.secret)).status).toBe(401);
    // The cron writes what the isolate holds; the figures stay the same.
    expect((await who.client.json("POST", "/dev/cron")).status).toBe(200);
    const stored = await db.select().from(keyUsageDaily).where(eq(keyUsageDaily.keyId, key.key.id));
    expect(stored).toEqual([{ keyId: key.key.id, date: bangkokDate(Date.now()), valid: 4, refused: 3 }]);
    const week = (await (await who.client.fetch(`/api/v1/keys/${key.key.id}/usage?days=7`)).json()) as Usage;
    expect(week.usage).toHaveLength(7);
    expect(week.usage.at(-1)).toMatchObject({ valid: 4, refused: 3 });

    // Another person's key is not found; so is an unknown one.
    const other = await applicant(await createAgency());
    expect((await other.client.fetch(`/api/v1/keys/${key.key.id}/usage`)).status).toBe(404);
    expect((await who.client.fetch(`/api/v1/keys/key_nothing/usage`)).status).toBe(404);
  });

  it("days must be 1..90", async () => {
    const key = await createKey(who.client, ["read"]);
    for (const days of ["0", "91", "abc", "-1", "1.5", ""]) {
      const res = await who.client.fetch(`/api/v1/keys/${key.key.id}/usage?days=${days}`);
      expect(res.status, days).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const max = (await (await who.client.fetch(`/api/v1/keys/${key.key.id}/usage?days=90`)).json()) as Usage;
    expect(max.usage).toHaveLength(90);
  });

  it("the keys page draws each working key's last 30 days, with the figures as a table", async () => {
    const person = await applicant(await createAgency());
    const used = await createKey(person.client, ["read"]);
    const idle = await createKey(person.client, ["read"]);
    for (let i = 0; i < 2; i++) await verifyKey(used.secret);
    await authorizeKey(used.secret, "?scope=publish");
    const [usedKey] = await db.select().from(apiKeys).where(eq(apiKeys.id, used.key.id));
    person.client.cookies.set("steward_lang", "en");
    const page = await open(person.client, "/keys");
    const figureOf = (id: string) => {
      const from = page.html.indexOf(`id="usage-${id}-caption"`);
      expect(from, `the chart of ${id}`).toBeGreaterThan(0);
      return page.html.slice(from, page.html.indexOf("</figure>", from));
    };
    const chart = figureOf(used.key.id);
    expect(chart).toContain(
      `role="img" aria-label="${usedKey!.name} (${usedKey!.prefix}…): last 30 days, 2 valid, 1 refused"`,
    );
    expect(chart.match(/<rect[^>]*class="valid"/g)).toHaveLength(1);
    expect(chart.match(/<rect[^>]*class="refused"/g)).toHaveLength(1);
    expect(chart.match(/<td>(\d+)<\/td>/g)).toEqual(["<td>2</td>", "<td>1</td>"]);
    expect(figureOf(idle.key.id)).toContain("No use in this period.");
    person.client.cookies.set("steward_lang", "th");
    expect((await open(person.client, "/keys")).html).toContain('<h2 id="usage-heading">สถิติการใช้งาน</h2>');
  });
});
