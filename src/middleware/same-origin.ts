import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// The gateway authenticates with its secret, not with a browser's origin.
const EXEMPT = new Set(["/api/v1/keys/verify"]);

/**
 * Refuses cross-site state changes, forms and JSON alike (hono/csrf checks forms only).
 * `Origin: null` passes only with `Sec-Fetch-Site: same-origin` (pages with
 * `Referrer-Policy: no-referrer` make browsers send exactly that).
 */
export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method) && !EXEMPT.has(c.req.path)) {
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    if (site !== "same-origin" && origin !== c.var.deps.config.appOrigin) {
      throw new AppError("cross_site_request", "รับคำขอจากเว็บไซต์นี้เท่านั้น / State changes are accepted only from this site.");
    }
  }
  await next();
});
