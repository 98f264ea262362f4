import type { Bindings } from "../src/env";

declare global {
  namespace Cloudflare {
    // The test runner's `env` from cloudflare:test has the Worker's bindings.
    interface Env extends Bindings {}
  }
}
