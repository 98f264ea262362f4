import type { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { accountPages } from "./account";
import { adminPages } from "./admin";
import { adminAgencyPages } from "./admin-agencies";
import { approvalPages } from "./approvals";
import { assetPages } from "./assets";
import { keyPages } from "./keys";
import { oidcPages } from "./oidc";
import { rolesPages } from "./roles";
import { securityPages } from "./security";
import { signInPages } from "./sign-in";

/** Mounts the HTML pages (Thai first, English second). */
export function registerPages(app: Hono<AppEnv>): void {
  app.route("/", assetPages);
  app.route("/", signInPages);
  app.route("/", accountPages);
  app.route("/", keyPages);
  app.route("/", approvalPages);
  app.route("/", adminPages);
  app.route("/", adminAgencyPages);
  app.route("/", oidcPages);
  app.route("/", securityPages);
  app.route("/", rolesPages);
}
