import { env } from "cloudflare:test";
import type { Deps } from "../../src/deps";
import { createDb } from "../../src/db/client";
import { fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import { loadUser } from "../../src/services/identity/people";
import { ADMIN_EMAIL, signInAdmin } from "./auth-db";
import { rows } from "./db";

// Requests that change one row at the same moment, through the services: on a fixed clock (one
// millisecond for all), or with another request landing between a service's reads and its batch.

export const META = { ip: "192.0.2.1", userAgent: "same-moment" };
/** The one moment (ms) the requests of these tests share. */
export const AT = Date.now();
/** The worker's deps on a clock fixed at `ms`. */
export const at = (ms = AT): Deps => ({ ...buildDeps(env), clock: fixedClock(ms) });

/** The administrator of the tests (signed in once), as the services take them. */
export async function adminUser() {
  await signInAdmin();
  return loadUser(at(), await userIdOf(ADMIN_EMAIL));
}

/** The account id of an address. */
export async function userIdOf(email: string): Promise<string> {
  const [row] = await rows("SELECT id FROM users WHERE email = ?", email);
  return row!.id as string;
}

/**
 * The test D1, except that its first `batch` waits for `meanwhile` to land first: another
 * request's change between a service's reads and its batch, deterministically (D1 has no
 * interactive transactions, so this is the window every compare-and-swap must survive).
 */
export function batchAfter(meanwhile: () => Promise<unknown>): D1Database {
  const real = env.DB;
  let fired = false;
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          if (!fired) {
            fired = true;
            await meanwhile();
          }
          return target.batch(statements);
        };
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Deps at AT whose first batch lets `meanwhile` land first (see batchAfter). */
export function racedBy(meanwhile: () => Promise<unknown>): Deps {
  return { ...at(), db: createDb(batchAfter(meanwhile)) };
}

/** Runs `action` three times at once: the values of those that succeeded, the codes of the others. */
export async function threeAtOnce<T>(action: () => Promise<T>) {
  const settled = await Promise.allSettled([action(), action(), action()]);
  return {
    fulfilled: settled.filter((s) => s.status === "fulfilled").map((s) => (s as PromiseFulfilledResult<T>).value),
    rejected: settled
      .filter((s) => s.status === "rejected")
      .map((s) => ((s as PromiseRejectedResult).reason as { code?: string }).code),
  };
}
