#!/usr/bin/env node
// Benchmark of the hot path: the API gateway's `POST /api/v1/keys/verify`, against the worker
// served by `wrangler dev` (workerd + local D1) on loopback. Prints latency percentiles and
// throughput for a valid key, a revoked key, and a key with a wrong checksum (no database hit),
// and for forward authentication (`GET /api/v1/keys/authorize`) with a valid key. Each line
// also counts the answers, so that a run measuring refusals (say, RATE_LIMITED) shows it.
// Numbers are for comparing changes on one machine, not a service-level promise.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PORT = 8791;
const ORIGIN = `http://localhost:${PORT}`;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };

const persist = mkdtempSync(join(tmpdir(), "steward-bench-"));
const wrangler = (args) => {
  const r = spawnSync("npx", ["wrangler", ...args, "--local", "--persist-to", persist], { env, stdio: "pipe" });
  if (r.status !== 0) throw new Error(r.stderr.toString());
};
wrangler(["d1", "migrations", "apply", "DB"]);
spawnSync("node", ["scripts/seed.mjs", join(persist, "seed.sql")]);
wrangler(["d1", "execute", "DB", "--file", join(persist, "seed.sql")]);
const server = spawn(
  "npx",
  ["wrangler", "dev", "--port", String(PORT), "--persist-to", persist, "--var", `APP_ORIGIN:${ORIGIN}`],
  { env, detached: true, stdio: "ignore" },
);
const stop = () => {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  rmSync(persist, { recursive: true, force: true });
};

async function ready() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${ORIGIN}/api/v1/agencies`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("wrangler dev did not start");
}

let cookie = "";
async function call(path, body) {
  const res = await fetch(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
    body: JSON.stringify(body),
  });
  const set = res.headers.get("set-cookie");
  if (set) cookie = set.split(";")[0];
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function keys() {
  const email = `bench${Date.now()}@dga.or.th`;
  await call("/api/v1/auth/email/start", { email });
  const { messages } = await (await fetch(`${ORIGIN}/dev/mail?to=${email}`)).json();
  await call("/api/v1/auth/email/verify", { email, code: /\b(\d{6})\b/.exec(messages[0].text)[1] });
  const { version } = await (await fetch(`${ORIGIN}/api/v1/terms`)).json();
  await call("/api/v1/terms/accept", { version });
  // Keys are rate limited per minute (RATE_LIMIT_READ in wrangler.jsonc, 600 for read keys): the
  // valid-key runs spread their requests over a pool large enough to stay under it.
  const pool = [];
  for (let i = 0; i < Math.ceil((REQUESTS * 4) / 500); i++)
    pool.push((await call("/api/v1/keys", { name: `bench ${i}`, scopes: ["read"] })).secret);
  const valid = pool[0];
  const revoked = await call("/api/v1/keys", { name: "revoked", scopes: ["read"] });
  await fetch(`${ORIGIN}/api/v1/keys/${revoked.key.id}`, {
    method: "DELETE",
    headers: { Origin: ORIGIN, Cookie: cookie },
  });
  const typo = valid.slice(0, -1) + (valid.endsWith("A") ? "B" : "A");
  return { valid: pool, revoked: revoked.secret, typo };
}

/** One gateway request for `key`: verify (JSON body) or authorize (headers); the answer's code. */
async function ask(endpoint, key) {
  if (endpoint === "authorize") {
    const res = await fetch(`${ORIGIN}/api/v1/keys/authorize`, {
      headers: { "X-Steward-Gateway-Secret": "dev-gateway-secret", "api-key": key },
    });
    await res.arrayBuffer();
    return res.status === 204 ? "VALID" : (res.headers.get("x-steward-code") ?? String(res.status));
  }
  const res = await fetch(`${ORIGIN}/api/v1/keys/verify`, {
    method: "POST",
    headers: { Authorization: "Bearer dev-gateway-secret", "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
  });
  return (await res.json()).code;
}

/** `keys`: one key, or a pool the requests take in turn. Prints the answers' codes too. */
async function measure(label, keys, endpoint = "verify") {
  const pool = Array.isArray(keys) ? keys : [keys];
  const latencies = [];
  const codes = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const key = pool[next++ % pool.length];
        const t = performance.now();
        const code = await ask(endpoint, key);
        latencies.push(performance.now() - t);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  const answers = [...codes].map(([c, n]) => `${c} ${n}`).join(", ");
  console.log(
    `${label.padEnd(20)} ${String(latencies.length).padStart(6)} req  ${(latencies.length / seconds).toFixed(0).padStart(6)} req/s  p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  p99 ${p(0.99)} ms  (${answers})`,
  );
}

try {
  await ready();
  const k = await keys();
  console.log(`POST /api/v1/keys/verify, ${REQUESTS} requests, ${CONCURRENCY} at a time, wrangler dev on loopback`);
  await measure("warm-up", k.valid);
  await measure("verify VALID", k.valid);
  await measure("verify REVOKED", k.revoked);
  await measure("verify bad checksum", k.typo);
  await measure("authorize VALID", k.valid, "authorize");
} finally {
  stop();
}
