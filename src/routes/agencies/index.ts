import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { agencyRoutes } from "./agencies";

/** Agencies: the public directory to choose from. */
export function mountAgencies(app: Hono<AppEnv>): void {
  app.route("/api/v1/agencies", agencyRoutes);
}
