import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { keyRoutes } from "./keys";

/** API keys: a user's own keys, and the gateway's verification. */
export function mountKeys(app: Hono<AppEnv>): void {
  app.route("/api/v1/keys", keyRoutes);
}
