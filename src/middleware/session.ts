import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AdminEnv, AppEnv } from "./app-env";
import { AppError } from "../errors";
import { SESSION_ABSOLUTE_MS, validateSession } from "../services/identity/sessions";

export function sessionCookieName(c: Context<AppEnv>): string {
  return c.var.deps.config.environment === "development" ? "steward_session" : "__Host-steward_session";
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  const secure = c.var.deps.config.environment !== "development";
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookieName(c), { path: "/", secure: c.var.deps.config.environment !== "development" });
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c));
}

/**
 * The short-lived cookie that ties an e-mail sign-in to the browser that started it: the name
 * typed there becomes the account's only when the code or link is used in that same browser.
 */
export function signInBindingCookieName(c: Context<AppEnv>): string {
  return c.var.deps.config.environment === "development" ? "steward_signin" : "__Host-steward_signin";
}

export function setSignInBinding(c: Context<AppEnv>, binding: string, maxAgeSeconds: number): void {
  setCookie(c, signInBindingCookieName(c), binding, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.config.environment !== "development",
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function signInBinding(c: Context<AppEnv>): string | null {
  return getCookie(c, signInBindingCookieName(c)) ?? null;
}

/** The id of this browser's current session, if any (replaced at the next sign-in). */
export function currentSessionId(c: Context<AppEnv>): string | null {
  return c.var.session?.sessionId ?? null;
}

/** Reads the session cookie (renewing its id after a change of rights); never refuses (see requireUser, requireAdmin). */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const session = await validateSession(c.var.deps, sessionToken(c));
  c.set("session", session);
  if (session?.rotatedToken) setSessionCookie(c, session.rotatedToken);
  await next();
});

export function requireUser(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) throw new AppError("unauthenticated");
  return session;
}

/**
 * The administrators' area's one guard: 401 without a session, 403 for anyone but an
 * administrator; the administrator is then `c.var.admin` for every operation of the area.
 */
export const requireAdmin = createMiddleware<AdminEnv>(async (c, next) => {
  const session = requireUser(c as unknown as Context<AppEnv>);
  if (!session.user.isAdmin) throw new AppError("forbidden", { th: "สำหรับผู้ดูแลระบบเท่านั้น", en: "Administrators only." });
  c.set("admin", session.user);
  await next();
});
