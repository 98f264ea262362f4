#!/usr/bin/env node
// Benchmark of the hot path: the API gateway's `POST /api/v1/keys/verify`, against the worker
// served by `wrangler dev` (workerd + local D1) on loopback. Prints latency percentiles and
// throughput for a valid key, a revoked key, and a key with a wrong checksum (no database hit).
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
  const valid = (await call("/api/v1/keys", { name: "bench", scopes: ["read"] })).secret;
  const revoked = await call("/api/v1/keys", { name: "revoked", scopes: ["read"] });
  await fetch(`${ORIGIN}/api/v1/keys/${revoked.key.id}`, {
    method: "DELETE",
    headers: { Origin: ORIGIN, Cookie: cookie },
  });
  const typo = valid.slice(0, -1) + (valid.endsWith("A") ? "B" : "A");
  return { valid, revoked: revoked.secret, typo };
}

async function measure(label, key) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        const res = await fetch(`${ORIGIN}/api/v1/keys/verify`, {
          method: "POST",
          headers: { Authorization: "Bearer dev-gateway-secret", "Content-Type": "application/json" },
          body: JSON.stringify({ key }),
        });
        await res.json();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  console.log(
    `${label.padEnd(14)} ${String(latencies.length).padStart(6)} req  ${(latencies.length / seconds).toFixed(0).padStart(6)} req/s  p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  p99 ${p(0.99)} ms`,
  );
}

try {
  await ready();
  const k = await keys();
  console.log(`POST /api/v1/keys/verify, ${REQUESTS} requests, ${CONCURRENCY} at a time, wrangler dev on loopback`);
  await measure("warm-up", k.valid);
  await measure("VALID", k.valid);
  await measure("REVOKED", k.revoked);
  await measure("bad checksum", k.typo);
} finally {
  stop();
}
