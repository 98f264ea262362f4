import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { createServer } from "node:net";
import { readFileSync } from "node:fs";
import { OIDC_TEST_SECRETS, oidcTestProviders } from "./test/setup/oidc-env.ts";

/**
 * A real CKAN for the portal tests when one answers here (`bash ../shared/ckan/ckan-up.sh`, or
 * CKAN_TEST_URL and CKAN_TEST_TOKEN_FILE): its URL and sysadmin token as bindings; else none,
 * and those tests are skipped with a notice.
 */
async function ckanBindings(): Promise<Record<string, string>> {
  const url = process.env.CKAN_TEST_URL ?? "http://127.0.0.1:5055";
  let token = "";
  try {
    token = readFileSync(process.env.CKAN_TEST_TOKEN_FILE ?? "/tmp/ckan-ci/token", "utf8").trim();
    const status = await fetch(`${url}/api/3/action/status_show`, { signal: AbortSignal.timeout(3000) });
    if (!status.ok) return {};
  } catch {
    return {};
  }
  return token ? { CKAN_TEST_URL: url, CKAN_TEST_TOKEN: token } : {};
}

/** A free loopback port for the test OpenID provider (kept for the run in the environment). */
async function oidcPort(): Promise<number> {
  if (process.env.STEWARD_TEST_OIDC_PORT) return Number(process.env.STEWARD_TEST_OIDC_PORT);
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  process.env.STEWARD_TEST_OIDC_PORT = String(port);
  return port;
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  const port = await oidcPort();
  const ckan = await ckanBindings();
  return {
    test: {
      projects: [
        {
          // Unit and integration tests inside workerd, with a real local D1 (storage per file).
          plugins: [
            cloudflareTest({
              main: "./src/index.ts",
              wrangler: { configPath: "./wrangler.jsonc" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  // A real OpenID provider on loopback (test/setup/global.ts); http only because tests allow it.
                  OIDC_PROVIDERS: JSON.stringify(oidcTestProviders(port)),
                  OIDC_ALLOW_HTTP: "true",
                  ...OIDC_TEST_SECRETS,
                  ...ckan,
                },
              },
            }),
          ],
          test: {
            name: "workers",
            // Two files at a time (each in its own workerd isolate and D1): on a 2-CPU machine this
            // takes the suite from about 12 to about 8 minutes. The browser tests run after them.
            maxWorkers: 2,
            sequence: { groupOrder: 0 },
            include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
            exclude: ["test/e2e/**"],
            setupFiles: ["./test/setup/apply-migrations.ts"],
            globalSetup: ["./test/setup/global.ts"],
          },
        },
        {
          // Real Chromium against `wrangler dev` (skipped, with a notice, without chromium).
          test: {
            name: "e2e",
            environment: "node",
            // One file at a time against the one `wrangler dev`, after the workers project.
            maxWorkers: 1,
            sequence: { groupOrder: 1 },
            include: ["test/e2e/**/*.test.ts"],
            globalSetup: ["./test/e2e/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
