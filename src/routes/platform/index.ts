import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { devRoutes } from "./dev";
import { webhookRoutes } from "./webhooks";

/**
 * Webhooks from outside services (`/api/v1/webhooks`), and, in development only, the mailbox,
 * the movable clock and a manual cron run (`/dev`, 404 elsewhere).
 */
export function mountPlatform(app: Hono<AppEnv>): void {
  app.route("/api/v1/webhooks", webhookRoutes);
  app.route("/dev", devRoutes);
}
