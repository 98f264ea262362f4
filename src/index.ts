import { createApp } from "./app";
import type { Bindings } from "./env";
import { buildDeps } from "./middleware/deps";
import { runScheduledWork } from "./services/platform/scheduled";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduledWork(buildDeps(env)));
  },
} satisfies ExportedHandler<Bindings>;
