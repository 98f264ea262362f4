import { Hono } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { AppEnv } from "../../../middleware/app-env";
import { currentSessionId, setSessionCookie } from "../../../middleware/session";
import { OIDC_FLOW_TTL_MS, flowCookieName, startOidcSignIn } from "../../../services/identity/oidc-flow";
import { completeOidcSignIn } from "../../../services/identity/oidc-sign-in";
import { sha256Hex } from "../../../lib/crypto";

/** OpenID Connect sign-in (HTML: failures render an error page in the visitor's language, never a 500). */
export const oidcPages = new Hono<AppEnv>();

oidcPages.get("/auth/oidc/:id", async (c) => {
  const link = c.req.query("link") === "1";
  const linkUserId = link ? (c.var.session?.user.id ?? null) : null;
  const { redirectTo, cookie } = await startOidcSignIn(c.var.deps, c.req.param("id"), {
    returnTo: c.req.query("returnTo") ?? null,
    linkUserId,
  });
  setCookie(c, cookie.name, cookie.value, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.config.environment !== "development",
    path: "/auth/oidc/",
    maxAge: OIDC_FLOW_TTL_MS / 1000,
  });
  c.header("Cache-Control", "no-store");
  return c.redirect(redirectTo, 302);
});

oidcPages.get("/auth/oidc/:id/callback", async (c) => {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  const url = new URL(c.req.url);
  const state = url.searchParams.get("state");
  if (state) deleteCookie(c, flowCookieName(await sha256Hex(state)), { path: "/auth/oidc/" });
  const signedIn = await completeOidcSignIn(c.var.deps, {
    providerId: c.req.param("id"),
    callbackUrl: url,
    cookies: getCookie(c),
    meta: c.var.meta,
    previousSessionId: currentSessionId(c),
  });
  setSessionCookie(c, signedIn.sessionToken);
  return c.redirect(signedIn.returnTo, 302);
});
