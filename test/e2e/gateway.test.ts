import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createConnection, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeIn, lastMail, origin, uniqueEmail } from "./browser";

// Issue 11.2: Debian's nginx with auth_request in front of a small upstream, asking the worker
// served by `wrangler dev`. The configuration is docs/nginx/steward-gateway.conf itself, its
// placeholders substituted, so the documentation and this test cannot drift apart.

const NGINX = "/usr/sbin/nginx";
const CONF = join(import.meta.dirname, "../../docs/nginx/steward-gateway.conf");
const GATEWAY_SECRET = "dev-gateway-secret";

if (origin && !existsSync(NGINX)) {
  console.warn(
    `\n[e2e] SKIPPED: the gateway test needs Debian's nginx at ${NGINX}.\n` +
      "[e2e] Enable it with: apt-get install -y nginx\n",
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not listen on ${port} within ${ms} ms: ${log()}`);
}

/** The cookies a response sets, as a Cookie header's pairs. */
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

/** A person signed in through the API with an e-mailed code, who accepted the terms. */
async function signIn(email: string): Promise<{ Cookie: string; Origin: string }> {
  const json = { "Content-Type": "application/json", Origin: origin! };
  const started = await fetch(`${origin}/api/v1/auth/email/start`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email }),
  });
  expect(started.status).toBe(202);
  const code = codeIn((await lastMail(email)).text);
  const verified = await fetch(`${origin}/api/v1/auth/email/verify`, {
    method: "POST",
    headers: { ...json, Cookie: cookiesOf(started).join("; ") },
    body: JSON.stringify({ email, code }),
  });
  expect(verified.status).toBe(200);
  const session = { Cookie: cookiesOf(verified).join("; "), Origin: origin! };
  const terms = (await (await fetch(`${origin}/api/v1/terms`, { headers: session })).json()) as { version: string };
  const accepted = await fetch(`${origin}/api/v1/terms/accept`, {
    method: "POST",
    headers: { ...session, "Content-Type": "application/json" },
    body: JSON.stringify({ version: terms.version }),
  });
  expect(accepted.ok).toBe(true);
  return session;
}

async function createReadKey(session: Record<string, string>, name: string): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${origin}/api/v1/keys`, {
    method: "POST",
    headers: { ...session, "Content-Type": "application/json" },
    body: JSON.stringify({ name, scopes: ["read"] }),
  });
  expect(res.status).toBe(201);
  const { key, secret } = (await res.json()) as { key: { id: string }; secret: string };
  return { id: key.id, secret };
}

describe.skipIf(!origin || !existsSync(NGINX))("Debian's nginx with auth_request in front of an upstream", () => {
  let dir: string;
  let nginx: ChildProcess | undefined;
  let upstream: http.Server;
  let gateway: string;
  /** Every request the upstream received, with the headers it saw. */
  const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
  let session: { Cookie: string; Origin: string };
  let userId: string;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      seen.push({ url: req.url!, headers: req.headers });
      req.resume();
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ url: req.url, headers: req.headers }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;

    dir = mkdtempSync(join(tmpdir(), "steward-nginx-"));
    // Debian's nginx runs its workers as nobody when started by root: let them in.
    chmodSync(dir, 0o755);
    const server = readFileSync(CONF, "utf8")
      .replaceAll("__LISTEN__", `127.0.0.1:${port}`)
      .replaceAll("__UPSTREAM__", `http://127.0.0.1:${upstreamPort}`)
      .replaceAll("__STEWARD_ORIGIN__", origin!)
      .replaceAll("__GATEWAY_SECRET__", GATEWAY_SECRET);
    expect(server, "every placeholder is substituted").not.toMatch(/__[A-Z_]+__/);
    writeFileSync(join(dir, "steward-gateway.conf"), server);
    // Only the process around the documented server block is the test's: everything in dir.
    writeFileSync(
      join(dir, "nginx.conf"),
      [
        "daemon off;",
        "worker_processes 1;",
        `pid ${join(dir, "nginx.pid")};`,
        `error_log ${join(dir, "error.log")} info;`,
        "events { worker_connections 64; }",
        "http {",
        `  access_log ${join(dir, "access.log")};`,
        ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
          (kind) => `  ${kind}_temp_path ${join(dir, kind)};`,
        ),
        `  include ${join(dir, "steward-gateway.conf")};`,
        "}",
        "",
      ].join("\n"),
    );
    let output = "";
    nginx = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    nginx.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const errorLog = () => {
      const file = join(dir, "error.log");
      return output + (existsSync(file) ? readFileSync(file, "utf8") : "");
    };
    await waitForPort(port, nginx, errorLog, 10_000);

    session = await signIn(uniqueEmail());
    const me = (await (await fetch(`${origin}/api/v1/me`, { headers: session })).json()) as { user: { id: string } };
    userId = me.user.id;
  });

  afterAll(async () => {
    // The nginx this test started, by its PID (daemon off: the master is our child).
    if (nginx?.pid && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once("exit", resolve));
      process.kill(nginx.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (nginx.exitCode === null) process.kill(nginx.pid, "SIGKILL");
    }
    await new Promise((resolve) => upstream?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is the configuration docs/gateway.md shows, character for character", () => {
    const docs = readFileSync(join(import.meta.dirname, "../../docs/gateway.md"), "utf8");
    expect(docs, "docs/gateway.md shows docs/nginx/steward-gateway.conf verbatim in its nginx block").toContain(
      "```nginx\n" + readFileSync(CONF, "utf8") + "```",
    );
  });

  it("lets a valid key through with the identity headers, never the key or the gateway secret", async () => {
    const key = await createReadKey(session, "gateway");
    const before = seen.length;
    const res = await fetch(`${gateway}/datasets/1?q=x`, {
      headers: {
        "api-key": key.secret,
        // A client cannot pose as someone else: steward's answer replaces these.
        "X-Steward-User-Id": "usr_spoofed",
        "X-Steward-Agency-Id": "agc_spoofed",
        "X-Steward-Scopes": "read,publish",
      },
    });
    expect(res.status).toBe(200);
    expect(seen.length).toBe(before + 1);
    const { url, headers } = seen.at(-1)!;
    expect(url).toBe("/datasets/1?q=x");
    expect(headers["x-steward-key-id"]).toBe(key.id);
    expect(headers["x-steward-user-id"]).toBe(userId);
    expect(headers["x-steward-scopes"]).toBe("read");
    // A read key of a person without a steward role speaks for no agency.
    expect(headers["x-steward-agency-id"]).toBeUndefined();
    expect(headers["api-key"]).toBeUndefined();
    expect(headers["authorization"]).toBeUndefined();
    expect(headers["x-steward-gateway-secret"]).toBeUndefined();

    // The same key as `Authorization: Bearer`.
    const bearer = await fetch(`${gateway}/datasets/2`, { headers: { Authorization: `Bearer ${key.secret}` } });
    expect(bearer.status).toBe(200);
    expect(seen.length).toBe(before + 2);
    expect(seen.at(-1)!.headers["x-steward-key-id"]).toBe(key.id);
  });

  it("refuses a request without a key, or with an unknown one, with 401 before the upstream", async () => {
    const before = seen.length;
    const missing = await fetch(`${gateway}/datasets/1`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("x-steward-code")).toBe("NOT_FOUND");
    const unknown = await fetch(`${gateway}/datasets/1`, {
      headers: { "api-key": "stw_thisisnotakeythisisnotakeythisisnotakey" },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("x-steward-code")).toBe("NOT_FOUND");
    expect(((await unknown.json()) as { code: string }).code).toBe("NOT_FOUND");
    expect(seen.length, "the upstream saw none of them").toBe(before);
  });

  it("refuses a revoked key with 401 REVOKED before the upstream", async () => {
    const key = await createReadKey(session, "to revoke");
    const before = seen.length;
    expect((await fetch(`${gateway}/datasets/1`, { headers: { "api-key": key.secret } })).status).toBe(200);
    const revoked = await fetch(`${origin}/api/v1/keys/${key.id}`, { method: "DELETE", headers: session });
    expect(revoked.status).toBe(204);
    const res = await fetch(`${gateway}/datasets/1`, { headers: { "api-key": key.secret } });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-steward-code")).toBe("REVOKED");
    expect(seen.length, "only the request before the revocation arrived").toBe(before + 1);
  });

  it("refuses a read key on the location that needs publish with 403, whatever the method or spelling", async () => {
    const key = await createReadKey(session, "read only");
    const before = seen.length;
    const post = await fetch(`${gateway}/publish/datasets`, {
      method: "POST",
      headers: { "api-key": key.secret, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "x" }),
    });
    expect(post.status).toBe(403);
    expect(((await post.json()) as { requiredScope: string }).requiredScope).toBe("publish");
    // nginx matches locations on the decoded path: %70 is still /publish/.
    const encoded = await fetch(`${gateway}/%70ublish/datasets`, { headers: { "api-key": key.secret } });
    expect(encoded.status).toBe(403);
    // Other spellings an upstream may read as /publish/: another case, a path parameter.
    for (const path of ["/Publish/datasets", "/publish;v=1/datasets", "/publish"])
      expect((await fetch(`${gateway}${path}`, { headers: { "api-key": key.secret } })).status, path).toBe(403);
    expect(seen.length, "the upstream saw none of them").toBe(before);
    // The same key elsewhere is fine.
    expect((await fetch(`${gateway}/datasets`, { headers: { "api-key": key.secret } })).status).toBe(200);
  });

  it("answers 429 with Retry-After once a key's requests of the minute are spent, before the upstream", async () => {
    // The read scope's limit, as wrangler.jsonc gives it to the Rate Limiting binding.
    const wrangler = readFileSync(join(import.meta.dirname, "../../wrangler.jsonc"), "utf8");
    const limit = Number(/"name":\s*"RATE_LIMIT_READ"[^}]*"limit":\s*(\d+)/.exec(wrangler)![1]);
    expect(limit).toBeGreaterThan(0);
    // The binding counts in windows of a wall-clock minute: start early in one.
    const second = new Date().getSeconds();
    if (second > 40) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));

    const key = await createReadKey(session, "busy");
    const before = seen.length;
    const statuses: number[] = [];
    const one = async () => {
      const res = await fetch(`${gateway}/datasets`, { headers: { "api-key": key.secret } });
      statuses.push(res.status);
      return res;
    };
    // The limit, eight at a time (the window is counted in one place, so this stays exact).
    for (let sent = 0; sent < limit; sent += 8)
      await Promise.all(Array.from({ length: Math.min(8, limit - sent) }, one));
    expect(statuses.filter((status) => status === 200).length).toBe(limit);
    expect(seen.length).toBe(before + limit);

    const refused = await one();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-steward-code")).toBe("RATE_LIMITED");
    expect(seen.length, "the refused request never reached the upstream").toBe(before + limit);
  }, 120_000);
});
