import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "./app-env";
import { AppError } from "../errors";
import { timingSafeEqual } from "../lib/crypto";
import { limitBody } from "./body-limit";

/**
 * Who may call an operation: anyone, a signed-in user, an administrator, the API gateway, or a
 * signed webhook (its route verifies the signature over the raw body).
 */
export type Access = "none" | "session" | "admin" | "gateway" | "webhook";

/** What an operation declares on its first middleware (`describe(...)` or `page(...)`). */
export interface Declared {
  access: Access;
  /** An HTML page: a missing session is a redirect to the sign-in page, not a 401. */
  page: boolean;
  /** The media type of the operation's body, when not JSON (e.g. `text/csv`). */
  mediaType?: string;
  /**
   * A gateway operation whose `Authorization` header is the client's (forward authentication):
   * its secret comes in `X-Steward-Gateway-Secret` only.
   */
  gatewaySecretHeaderOnly?: boolean;
}

/** Where an operation's declaration is kept on its middleware. */
export const ACCESS = Symbol("steward.access");

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A page's declaration: who may open it (the access middleware enforces it). */
export function page(access: Exclude<Access, "gateway">): MiddlewareHandler<AppEnv> {
  const declared: Declared = { access, page: true };
  return Object.assign(async (_c: Context<AppEnv>, next: () => Promise<void>) => next(), { [ACCESS]: declared });
}

/** The declaration of the matched operation; API paths without one need a session. */
export function declaredOf(c: Context): Declared {
  let declared: Declared | undefined;
  for (const route of matchedRoutes(c)) declared ??= (route.handler as { [ACCESS]?: Declared })[ACCESS];
  const path = c.req.path;
  const fallback: Declared = path.startsWith("/api/")
    ? { access: "session", page: false }
    : { access: "none", page: true };
  const result = declared ?? fallback;
  // Everything under /api/v1/admin/ is for administrators, whatever an operation says.
  return { ...result, access: path.startsWith("/api/v1/admin/") ? "admin" : result.access };
}

function requireSameOrigin(c: Context<AppEnv>): void {
  const site = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  // `Origin: null` passes only with `Sec-Fetch-Site: same-origin` (pages with
  // `Referrer-Policy: no-referrer` make browsers send exactly that).
  if (site !== "same-origin" && origin !== c.var.deps.config.appOrigin) {
    throw new AppError("cross_site_request", {
      th: "รับคำขอจากเว็บไซต์นี้เท่านั้น",
      en: "State changes are accepted only from this site.",
    });
  }
}

/**
 * The API gateway's shared secret: in `X-Steward-Gateway-Secret`, or else (unless the operation
 * reads the client's key there) as `Authorization: Bearer <secret>`. Compared in constant time.
 */
function requireGatewaySecret(c: Context<AppEnv>, headerOnly: boolean): void {
  const expected = c.var.deps.config.gatewaySecret;
  const bearer = headerOnly ? undefined : c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
  const given = c.req.header("x-steward-gateway-secret") ?? bearer ?? "";
  if (!expected || !timingSafeEqual(given, expected)) throw new AppError("invalid_gateway_secret");
}

const mediaTypeOf = (c: Context) => c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * A body's type, for API operations (CONTRACT): a JSON operation, or one that takes no body,
 * accepts a body only as `application/json` (parameters allowed); an operation with another
 * media type (a CSV import) accepts only that one. Anything else: 415 `unsupported_media_type`.
 */
async function requireMediaType(c: Context<AppEnv>, expected: string): Promise<void> {
  if (mediaTypeOf(c) === expected) return;
  if (expected === "application/json" && (await c.req.arrayBuffer()).byteLength === 0) return;
  throw new AppError("unsupported_media_type", {
    th: `กรุณาส่งข้อมูลแบบ ${expected}`,
    en: `Send the body as ${expected}.`,
  });
}

/**
 * The checks every request passes before its operation, in the contract's order: who asks
 * (401 `unauthenticated` or `invalid_gateway_secret`, 403 `forbidden`; a page without a session
 * redirects to the sign-in page), where from (403 `cross_site_request` for state changes,
 * forms and JSON alike: `hono/csrf` checks forms only), then the body: its size (413) and, for
 * the API, its type (415). Its content (400) is the operation's validators' business.
 */
export const accessControl = createMiddleware<AppEnv>(async (c, next) => {
  const declared = declaredOf(c);
  const { access } = declared;
  if (access === "session" || access === "admin") {
    const session = c.var.session;
    if (!session) {
      if (declared.page) throw new HTTPException(303, { res: c.redirect("/signin", 303) });
      throw new AppError("unauthenticated");
    }
    if (access === "admin" && !session.user.isAdmin)
      throw new AppError("forbidden", { th: "สำหรับผู้ดูแลระบบเท่านั้น", en: "Administrators only." });
  }
  if (access === "gateway") requireGatewaySecret(c, declared.gatewaySecretHeaderOnly === true);
  if (UNSAFE.has(c.req.method)) {
    // The gateway and webhooks authenticate with a secret, not with a browser's origin.
    if (access !== "gateway" && access !== "webhook") requireSameOrigin(c);
    await limitBody(c);
    if (!declared.page) await requireMediaType(c, declared.mediaType ?? "application/json");
  }
  await next();
});
