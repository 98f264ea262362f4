import { MINUTE, type Clock } from "../../lib/clock";
import type { Bindings, Config } from "../../env";
import type { Deps, KeyRateLimits, RateLimiter } from "../../deps";
import { verifyApiKey, type VerifyResult } from "./verify";

// Requests per minute per API key. Deployed (and under `wrangler dev`, which simulates it), the
// Workers Rate Limiting binding counts: one binding per scope, since a binding has one fixed
// limit, keyed by the key's id. Without the bindings (and in tests on a fixed clock) a
// fixed-window count in this isolate stands in, driven by the injected clock.

/** The binding as a limiter: it does not say when its window ends, so a refusal waits a period. */
export function bindingRateLimiter(binding: RateLimit): RateLimiter {
  return {
    limit: (options) => binding.limit(options),
    retryAfterSeconds: () => MINUTE / 1000,
  };
}

/** A fixed one-minute window per key, counted in this isolate on `clock`. */
export function memoryRateLimiter(limit: number, clock: Clock): RateLimiter {
  const windowStart = () => clock.now() - (clock.now() % MINUTE);
  // One window for every key (as miniflare's simulation): a new minute forgets the last one's counts.
  let start = Number.NaN;
  const counts = new Map<string, number>();
  return {
    async limit({ key }) {
      if (windowStart() !== start) {
        start = windowStart();
        counts.clear();
      }
      const count = counts.get(key) ?? 0;
      if (count >= limit) return { success: false };
      counts.set(key, count + 1);
      return { success: true };
    },
    retryAfterSeconds: () => Math.max(1, Math.ceil((windowStart() + MINUTE - clock.now()) / 1000)),
  };
}

/**
 * The bindings when present, else the isolate's own windows with the configured limits. Outside
 * development a missing binding is logged (once per isolate): an isolate's count is no real limit.
 */
export function keyRateLimits(env: Bindings, config: Config, clock: Clock): KeyRateLimits {
  if (config.environment !== "development" && (!env.RATE_LIMIT_READ || !env.RATE_LIMIT_PUBLISH))
    console.warn(
      "RATE_LIMIT_READ / RATE_LIMIT_PUBLISH bindings missing: API keys are rate limited per isolate only (wrangler.jsonc ratelimits)",
    );
  return {
    read: env.RATE_LIMIT_READ
      ? bindingRateLimiter(env.RATE_LIMIT_READ)
      : memoryRateLimiter(config.rateLimitPerMinute.read, clock),
    publish: env.RATE_LIMIT_PUBLISH
      ? bindingRateLimiter(env.RATE_LIMIT_PUBLISH)
      : memoryRateLimiter(config.rateLimitPerMinute.publish, clock),
  };
}

export interface CheckedKey {
  result: VerifyResult;
  touch: Promise<unknown> | null;
  /** Set when the answer is RATE_LIMITED: seconds until the key may try again. */
  retryAfterSeconds: number | null;
}

/**
 * The gateway's question with the key's rate limit: a valid key past its requests of this
 * minute is RATE_LIMITED. Only valid keys are counted (a refused key costs its caller nothing
 * more); a key with the publish scope counts against the publish limit.
 */
export async function checkApiKey(deps: Deps, key: string): Promise<CheckedKey> {
  const { result, touch } = await verifyApiKey(deps, key);
  if (!result.valid || !result.keyId) return { result, touch, retryAfterSeconds: null };
  const limiter = result.scopes?.includes("publish") ? deps.rateLimits.publish : deps.rateLimits.read;
  if ((await limiter.limit({ key: result.keyId })).success) return { result, touch, retryAfterSeconds: null };
  const { keyId, userId, agencyId } = result;
  return {
    result: { valid: false, code: "RATE_LIMITED", keyId, userId, agencyId },
    touch,
    retryAfterSeconds: limiter.retryAfterSeconds(result.keyId),
  };
}
