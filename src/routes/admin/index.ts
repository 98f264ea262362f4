import { Hono } from "hono";
import type { AdminEnv, AppEnv } from "../../middleware/app-env";
import { requireAdmin } from "../../middleware/session";
import { adminAgencyRoutes } from "./agencies";
import { adminApplicationRoutes } from "./applications";
import { adminAuditRoutes } from "./audit";
import { adminMembershipRoutes } from "./memberships";
import { adminTermsRoutes } from "./terms";
import { adminUserRoutes } from "./users";
import { adminKeyRoutes } from "./keys";
import { adminStewardRoutes } from "./stewards";
import { adminSummaryRoutes } from "./summary";
import { adminMailRoutes, adminSuppressionRoutes } from "./mail";
import { adminPortalRoutes } from "./portal";
import { adminWebhookDeliveryRoutes, adminWebhookRoutes } from "./webhooks";

/** The administrators' area, behind one guard (requireAdmin). */
export function mountAdmin(app: Hono<AppEnv>): void {
  const admin = new Hono<AdminEnv>();
  admin.use("*", requireAdmin);
  admin.route("/applications", adminApplicationRoutes);
  admin.route("/agencies", adminAgencyRoutes);
  admin.route("/memberships", adminMembershipRoutes);
  admin.route("/users", adminUserRoutes);
  admin.route("/stewards", adminStewardRoutes);
  admin.route("/keys", adminKeyRoutes);
  admin.route("/summary", adminSummaryRoutes);
  admin.route("/terms", adminTermsRoutes);
  admin.route("/audit", adminAuditRoutes);
  admin.route("/mail", adminMailRoutes);
  admin.route("/suppressions", adminSuppressionRoutes);
  admin.route("/portal", adminPortalRoutes);
  admin.route("/webhooks", adminWebhookRoutes);
  admin.route("/webhook-deliveries", adminWebhookDeliveryRoutes);
  app.route("/api/v1/admin", admin as unknown as Hono<AppEnv>);
}
