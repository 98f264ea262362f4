import { applyD1Migrations, env, type D1Migration } from "cloudflare:test";

// Setup files may run more than once per file; applyD1Migrations skips applied migrations.
await applyD1Migrations(env.DB, (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS);
