// Browser tests: the worker served by `wrangler dev` (workerd + a local D1 in a temporary
// directory, migrated and seeded like `npm run dev`), driven by Debian's Chromium.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

export const CHROMIUM = "/usr/bin/chromium";
export const E2E_PORT = 8788;
export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;

declare module "vitest" {
  export interface ProvidedContext {
    e2eOrigin: string | null;
  }
}

function wrangler(args: string[], persist: string): void {
  const result = spawnSync("npx", ["wrangler", ...args, "--local", "--persist-to", persist], {
    stdio: "pipe",
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed: ${result.stderr.toString()}`);
}

async function waitFor(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    console.warn(
      `\n[e2e] SKIPPED: the browser tests (passkeys in real Chromium, the approval form) need Debian's chromium at ${CHROMIUM}.\n` +
        "[e2e] Enable them with: apt-get install -y chromium\n",
    );
    project.provide("e2eOrigin", null);
    return;
  }
  const persist = mkdtempSync(join(tmpdir(), "steward-e2e-"));
  wrangler(["d1", "migrations", "apply", "DB"], persist);
  spawnSync("node", ["scripts/seed.mjs", join(persist, "seed.sql")]);
  wrangler(["d1", "execute", "DB", "--file", join(persist, "seed.sql")], persist);
  const child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--port",
      String(E2E_PORT),
      "--persist-to",
      persist,
      "--var",
      `APP_ORIGIN:${E2E_ORIGIN}`,
      "--var",
      "RP_ID:localhost",
      "--show-interactive-dev-session=false",
    ],
    { detached: true, stdio: "ignore", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
  try {
    await waitFor(`${E2E_ORIGIN}/api/v1/agencies`, child, 90_000);
  } catch (error) {
    process.kill(-child.pid!, "SIGTERM");
    throw error;
  }
  project.provide("e2eOrigin", E2E_ORIGIN);
  return () => {
    // wrangler dev leaves workerd children: end the whole process group.
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    rmSync(persist, { recursive: true, force: true });
  };
}
