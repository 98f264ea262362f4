import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { clearSessionCookie } from "../../middleware/session";
import { signOut } from "../../services/identity/sign-out";
import { describe } from "../operation";

export const logoutRoutes = new Hono<AppEnv>();

logoutRoutes.post(
  "/",
  describe({
    tags: ["Sign-in"],
    summary: "Sign out: ends this session",
    status: 204,
    errors: ["cross_site_request"],
    security: "none",
  }),
  async (c) => {
    await signOut(c.var.deps, c.var.session, c.var.meta);
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);
