import type { Hono } from "hono";
import type { AppEnv } from "../middleware/app-env";
import { mountAdmin } from "./admin/index";
import { mountAgencies } from "./agencies/index";
import { mountApplications } from "./applications/index";
import { mountIdentity } from "./identity/index";
import { mountKeys } from "./keys/index";
import { mountPlatform } from "./platform/index";
import { mountTerms } from "./terms/index";

/** Mounts the JSON API (`/api/v1`), area by area, and the development endpoints (`/dev`). */
export function registerApi(app: Hono<AppEnv>): void {
  mountIdentity(app);
  mountAgencies(app);
  mountApplications(app);
  mountKeys(app);
  mountTerms(app);
  mountAdmin(app);
  mountPlatform(app);
}
