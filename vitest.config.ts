import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { OIDC_TEST_PROVIDERS, OIDC_TEST_SECRETS } from "./test/setup/oidc-env.ts";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
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
                  OIDC_PROVIDERS: JSON.stringify(OIDC_TEST_PROVIDERS),
                  OIDC_ALLOW_HTTP: "true",
                  ...OIDC_TEST_SECRETS,
                },
              },
            }),
          ],
          test: {
            name: "workers",
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
