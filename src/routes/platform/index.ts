import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { devRoutes } from "./dev";

/** Development only: the mailbox, the movable clock, a manual cron run (404 elsewhere). */
export function mountPlatform(app: Hono<AppEnv>): void {
  app.route("/dev", devRoutes);
}
