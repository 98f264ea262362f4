import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { termsRoutes } from "./terms";

/** Terms of use: the version in force, and accepting it. */
export function mountTerms(app: Hono<AppEnv>): void {
  app.route("/api/v1/terms", termsRoutes);
}
