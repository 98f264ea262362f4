import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { timingSafeEqual } from "../lib/crypto";
import { limitBody } from "./body-limit";

/** Who may call an operation: anyone, a signed-in user, an administrator, the API gateway. */
export type Access = "none" | "session" | "admin" | "gateway";

/** Where an operation's declared access is kept on its `describe(...)` middleware. */
export const ACCESS = Symbol("steward.access");

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The access the matched operation declares; API paths without one need a session. */
export function declaredAccess(c: Context): Access | "page" {
  for (const route of matchedRoutes(c)) {
    const access = (route.handler as { [ACCESS]?: Access })[ACCESS];
    if (access) return c.req.path.startsWith("/api/v1/admin/") ? "admin" : access;
  }
  if (c.req.path.startsWith("/api/v1/admin/")) return "admin";
  return c.req.path.startsWith("/api/") ? "session" : "page";
}

function requireSameOrigin(c: Context<AppEnv>): void {
  const site = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  // `Origin: null` passes only with `Sec-Fetch-Site: same-origin` (pages with
  // `Referrer-Policy: no-referrer` make browsers send exactly that).
  if (site !== "same-origin" && origin !== c.var.deps.config.appOrigin) {
    throw new AppError("cross_site_request", "รับคำขอจากเว็บไซต์นี้เท่านั้น / State changes are accepted only from this site.");
  }
}

/**
 * The API gateway's shared secret: in `X-Steward-Gateway-Secret`, or else as
 * `Authorization: Bearer <secret>`. Compared in constant time.
 */
function requireGatewaySecret(c: Context<AppEnv>): void {
  const expected = c.var.deps.config.gatewaySecret;
  const given = c.req.header("x-steward-gateway-secret") ?? c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (!expected || !timingSafeEqual(given, expected)) throw new AppError("invalid_gateway_secret");
}

/**
 * The checks every request passes before its operation, in the contract's order: who asks
 * (401 `unauthenticated` or `invalid_gateway_secret`, 403 `forbidden`), where from (403 `cross_site_request` for state
 * changes, forms and JSON alike: `hono/csrf` checks forms only), then the body's size (413).
 * The body's type and content (415, 400) are the operation's validators' business.
 */
export const accessControl = createMiddleware<AppEnv>(async (c, next) => {
  const access = declaredAccess(c);
  if (access === "session" || access === "admin") {
    const session = c.var.session;
    if (!session) throw new AppError("unauthenticated");
    if (access === "admin" && !session.user.isAdmin) throw new AppError("forbidden", "สำหรับผู้ดูแลระบบเท่านั้น / Administrators only.");
  }
  if (access === "gateway") requireGatewaySecret(c);
  // The gateway authenticates with its secret, not with a browser's origin.
  if (UNSAFE.has(c.req.method) && access !== "gateway") requireSameOrigin(c);
  await limitBody(c);
  await next();
});
