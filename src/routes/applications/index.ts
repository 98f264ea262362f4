import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { applicationRoutes } from "./applications";
import { membershipRoutes } from "./memberships";

/** Applications and the memberships they grant (handover, giving up a role). */
export function mountApplications(app: Hono<AppEnv>): void {
  app.route("/api/v1/applications", applicationRoutes);
  app.route("/api/v1/memberships", membershipRoutes);
}
