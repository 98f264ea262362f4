import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { OIDC_TEST_PROVIDERS, OIDC_TEST_SECRETS } from "./test/setup/oidc-env.ts";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          // Tests never reach Resend: without RESEND_API_KEY mail stays local (see test/mail.test.ts for Resend).
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
      include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
      setupFiles: ["./test/setup/apply-migrations.ts"],
      globalSetup: ["./test/setup/global.ts"],
    },
  };
});
