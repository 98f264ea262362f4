import { env } from "cloudflare:test";

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
