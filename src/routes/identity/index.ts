import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { emailAuthRoutes } from "./email-sign-in";
import { meRoutes } from "./me";
import { passkeyAuthRoutes } from "./passkey-sign-in";
import { passkeyRoutes } from "./passkeys";
import { providerRoutes } from "./providers";
import { sessionRoutes } from "./sessions";
import { logoutRoutes } from "./sign-out";

/** Identity: sign-in (e-mail, passkeys, OpenID providers), sign-out, the account, sessions, passkeys. */
export function mountIdentity(app: Hono<AppEnv>): void {
  app.route("/api/v1/auth/email", emailAuthRoutes);
  app.route("/api/v1/auth/logout", logoutRoutes);
  app.route("/api/v1/auth/providers", providerRoutes);
  app.route("/api/v1/auth/passkey", passkeyAuthRoutes);
  app.route("/api/v1/me", meRoutes);
  app.route("/api/v1/sessions", sessionRoutes);
  app.route("/api/v1/passkeys", passkeyRoutes);
}
