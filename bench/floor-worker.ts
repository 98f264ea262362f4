// The bench's worker (`npm run bench` serves this entry, never production): steward's own app,
// unchanged, plus what the bench compares it with, on the same server and the same D1.
//
// - `POST /__bench/bare`: the floor of the framework and runtime, a bare Hono route reading a
//   JSON body and answering JSON.
// - `POST /__bench/read`: the floor of a key check, a bare Hono route doing SHA-256 of the key
//   and one indexed D1 read by its hash; `GET /__bench/read` the same with the key in an
//   `api-key` header and no body (the floor of forward authentication).
// - `GET /__bench/d1`, `POST /__bench/d1/reset`: the D1 statements this isolate prepared
//   (reads and writes), counted by a wrapper around the DB binding that steward's app uses too.
// - `POST /__bench/seed {"total"}`: fills `api_keys` with keys nobody holds up to `total` rows,
//   100,000 per statement (a recursive CTE), at most 500,000 per request.
import { Hono } from "hono";
import worker from "../src/index";
import type { Bindings } from "../src/env";
import { sha256Hex } from "../src/lib/crypto";

const counts = { reads: 0, writes: 0 };

function counted(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare")
        return (sql: string) => {
          if (/^\s*(select|with)\b/i.test(sql)) counts.reads++;
          else counts.writes++;
          return target.prepare(sql);
        };
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// One wrapped environment per isolate (steward keeps its configuration per `env` object).
const wrapped = new WeakMap<Bindings, Bindings>();
function benchEnv(env: Bindings): Bindings {
  let found = wrapped.get(env);
  if (!found) wrapped.set(env, (found = { ...env, DB: counted(env.DB) }));
  return found;
}

const FILL_USER = "usr_bench_fill";
const CHUNK = 100_000;

const floors = new Hono<{ Bindings: Bindings }>();

floors.post("/__bench/bare", async (c) => {
  const { key } = await c.req.json<{ key: string }>();
  return c.json({ valid: typeof key === "string" });
});

floors.post("/__bench/read", async (c) => {
  const { key } = await c.req.json<{ key: string }>();
  const row = await c.env.DB.prepare(
    "SELECT id, user_id, scopes, expires_at, revoked_at FROM api_keys WHERE key_hash = ?",
  )
    .bind(await sha256Hex(key))
    .first();
  return c.json({ valid: row !== null });
});

// The same read for a bodyless GET with the key in a header, as authorize is asked.
floors.get("/__bench/read", async (c) => {
  const row = await c.env.DB.prepare(
    "SELECT id, user_id, scopes, expires_at, revoked_at FROM api_keys WHERE key_hash = ?",
  )
    .bind(await sha256Hex(c.req.header("api-key") ?? ""))
    .first();
  return c.body(null, row === null ? 401 : 204);
});

floors.get("/__bench/d1", (c) => c.json(counts));
floors.post("/__bench/d1/reset", (c) => {
  counts.reads = 0;
  counts.writes = 0;
  return c.json(counts);
});

floors.post("/__bench/seed", async (c) => {
  const { total } = await c.req.json<{ total: number }>();
  const now = Date.now();
  await c.env.DB.prepare(
    "INSERT OR IGNORE INTO users (id, email, name, status, is_admin, rights_version, created_at, updated_at) VALUES (?, NULL, 'bench', 'active', 0, 0, ?, ?)",
  )
    .bind(FILL_USER, now, now)
    .run();
  const count = async () => (await c.env.DB.prepare("SELECT count(*) AS n FROM api_keys").first<{ n: number }>())!.n;
  let rows = await count();
  for (let added = 0; rows < total && added < 5 * CHUNK;) {
    const n = Math.min(CHUNK, total - rows);
    // Ids and hashes continue from the rows already there, so every request adds new ones.
    await c.env.DB.prepare(
      `WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1 + ?2 - 1)
       INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes, created_at, expires_at)
       SELECT 'key_fill_' || i, ?3, 'fill', 'stw_fill', printf('%064x', i), '["read"]', ?4, ?4 + 31536000000 FROM seq`,
    )
      .bind(rows, n, FILL_USER, now)
      .run();
    added += n;
    rows = await count();
  }
  return c.json({ rows });
});

export default {
  fetch(request, env, ctx) {
    const e = benchEnv(env);
    // A plain prefix test, so that steward's own requests pay nothing for the floors' routes.
    if (request.url.includes("/__bench/")) return floors.fetch(request, e, ctx);
    return worker.fetch(request, e, ctx);
  },
  scheduled: (controller, env, ctx) => worker.scheduled(controller, benchEnv(env), ctx),
} satisfies ExportedHandler<Bindings>;
