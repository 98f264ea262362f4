import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env";
import { createDb } from "../db/client";
import { readConfig } from "../env";
import { appClock } from "../lib/dev-clock";
import { localMailer, resendMailer } from "../services/platform/mailer";
import { keyRateLimits } from "../services/keys/rate-limits";
import type { Deps, KeyRateLimits } from "../deps";
import { UsageBuffer } from "../lib/usage-buffer";
import type { Bindings, Config } from "../env";

// The configuration is read once per `env` object (the isolate's bindings), not per request:
// key verification is the hot path.
const configs = new WeakMap<Bindings, Config>();

function configOf(env: Bindings): Config {
  let config = configs.get(env);
  if (!config) configs.set(env, (config = readConfig(env)));
  return config;
}

// The rate limiters too: without the bindings, their windows must outlive a request.
const limits = new WeakMap<Bindings, KeyRateLimits>();

function rateLimitsOf(env: Bindings, config: Config): KeyRateLimits {
  let found = limits.get(env);
  if (!found) limits.set(env, (found = keyRateLimits(env, config, appClock(config.environment === "development"))));
  return found;
}

// Verifications are counted per isolate (one buffer for every request and cron run it serves).
const usage = new UsageBuffer();

export function buildDeps(env: Bindings): Deps {
  const config = configOf(env);
  return {
    db: createDb(env.DB),
    clock: appClock(config.environment === "development"),
    config,
    mail: config.resendApiKey ? resendMailer(config.resendApiKey, config.mailTimeoutMs) : localMailer,
    rateLimits: rateLimitsOf(env, config),
    usage,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/** Builds the services' dependencies once per request. */
export const depsMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set("deps", buildDeps(c.env));
  c.set("meta", {
    ip: c.req.header("cf-connecting-ip") ?? null,
    userAgent: c.req.header("user-agent")?.slice(0, 300) ?? null,
  });
  c.set("session", null);
  await next();
});
