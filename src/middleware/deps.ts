import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env";
import { createDb } from "../db/client";
import { readConfig } from "../env";
import { appClock } from "../lib/dev-clock";
import { localMailer, resendMailer } from "../services/platform/mailer";
import type { Deps } from "../deps";
import type { Bindings, Config } from "../env";

// The configuration is read once per `env` object (the isolate's bindings), not per request:
// key verification is the hot path.
const configs = new WeakMap<Bindings, Config>();

function configOf(env: Bindings): Config {
  let config = configs.get(env);
  if (!config) configs.set(env, (config = readConfig(env)));
  return config;
}

export function buildDeps(env: Bindings): Deps {
  const config = configOf(env);
  return {
    db: createDb(env.DB),
    clock: appClock(config.environment === "development"),
    config,
    mail: config.resendApiKey ? resendMailer(config.resendApiKey) : localMailer,
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
