import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;
import type { AppEnv } from "./app-env";

/**
 * The page policy (OWASP Secure Headers; MDN CSP): scripts and styles only from this origin's
 * `/assets/` (no inline script or style at all), no framing, no plugins, forms post here only.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

const common: Partial<SecureHeadersOptions> = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  // Nothing here uses these; WebAuthn (publickey-credentials-*) keeps its same-origin default.
  permissionsPolicy: { camera: false, microphone: false, geolocation: false, payment: false },
};

// HSTS only where the origin is https (every environment but local development).
const production = secureHeaders({ ...common, strictTransportSecurity: "max-age=31536000; includeSubDomains" });
const development = secureHeaders({ ...common, strictTransportSecurity: false });

/** Security headers on every answer, pages and JSON alike (errors included). */
export const securityHeaders = createMiddleware<AppEnv>((c, next) =>
  (c.var.deps.config.environment === "development" ? development : production)(c, next),
);

/**
 * Pages reached through an e-mailed secret link (approval and sign-in links): never cached,
 * and the URL never leaks through a Referer. Set before the page runs, so errors carry them too.
 */
export const secretLinkHeaders = createMiddleware<AppEnv>(async (c, next) => {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  await next();
});
