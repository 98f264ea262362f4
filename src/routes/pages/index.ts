import type { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { accountPages } from "./applications/applications";
import { adminPages } from "./platform/console";
import { mailPages } from "./platform/mail";
import { portalPages } from "./platform/portal";
import { webhookPages } from "./platform/webhooks";
import { adminAgencyPages } from "./agencies/agencies";
import { approvalPages } from "./applications/approvals";
import { assetPages } from "./platform/assets";
import { languagePages } from "./platform/language";
import { keyPages } from "./keys/keys";
import { oidcPages } from "./identity/oidc";
import { rolesPages } from "./applications/roles";
import { securityPages } from "./identity/account";
import { signInPages } from "./identity/sign-in";
import { peoplePages } from "./identity/people";
import { stewardPages } from "./applications/stewards";
import { adminTermsPages } from "./terms/admin-terms";
import { auditPages } from "./platform/audit";

/** Mounts the HTML pages (Thai first, English second). */
export function registerPages(app: Hono<AppEnv>): void {
  app.route("/", assetPages);
  app.route("/", languagePages);
  app.route("/", signInPages);
  app.route("/", accountPages);
  app.route("/", keyPages);
  app.route("/", approvalPages);
  app.route("/", adminPages);
  app.route("/", mailPages);
  app.route("/", portalPages);
  app.route("/", webhookPages);
  app.route("/", stewardPages);
  app.route("/", peoplePages);
  app.route("/", adminTermsPages);
  app.route("/", auditPages);
  app.route("/", adminAgencyPages);
  app.route("/", oidcPages);
  app.route("/", securityPages);
  app.route("/", rolesPages);
}
