import type { Hono } from "hono";
import type { AppEnv } from "../middleware/app-env";
import { adminAgencyRoutes } from "./admin/agencies";
import { adminApplicationRoutes } from "./admin/applications";
import { adminAuditRoutes } from "./admin/audit";
import { adminMembershipRoutes } from "./admin/memberships";
import { agencyRoutes } from "./agencies/agencies";
import { applicationRoutes } from "./applications/applications";
import { emailAuthRoutes } from "./identity/email-sign-in";
import { logoutRoutes } from "./identity/sign-out";
import { providerRoutes } from "./identity/providers";
import { passkeyAuthRoutes } from "./identity/passkey-sign-in";
import { passkeyRoutes } from "./identity/passkeys";
import { sessionRoutes } from "./identity/sessions";
import { adminUserRoutes } from "./admin/users";
import { adminTermsRoutes } from "./admin/terms";
import { devRoutes } from "./platform/dev";
import { keyRoutes } from "./keys/keys";
import { meRoutes } from "./identity/me";
import { membershipRoutes } from "./applications/memberships";
import { termsRoutes } from "./terms/terms";

/** Mounts the JSON API (`/api/v1`) and the development endpoints (`/dev`). */
export function registerApi(app: Hono<AppEnv>): void {
  app.route("/api/v1/auth/email", emailAuthRoutes);
  app.route("/api/v1/auth/logout", logoutRoutes);
  app.route("/api/v1/auth/providers", providerRoutes);
  app.route("/api/v1/auth/passkey", passkeyAuthRoutes);
  app.route("/api/v1/passkeys", passkeyRoutes);
  app.route("/api/v1/sessions", sessionRoutes);
  app.route("/api/v1/admin/users", adminUserRoutes);
  app.route("/api/v1/admin/terms", adminTermsRoutes);
  app.route("/api/v1/me", meRoutes);
  app.route("/api/v1/terms", termsRoutes);
  app.route("/api/v1/agencies", agencyRoutes);
  app.route("/api/v1/applications", applicationRoutes);
  app.route("/api/v1/keys", keyRoutes);
  app.route("/api/v1/memberships", membershipRoutes);
  app.route("/api/v1/admin/applications", adminApplicationRoutes);
  app.route("/api/v1/admin/agencies", adminAgencyRoutes);
  app.route("/api/v1/admin/memberships", adminMembershipRoutes);
  app.route("/api/v1/admin/audit", adminAuditRoutes);
  app.route("/dev", devRoutes);
}
