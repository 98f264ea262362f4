import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireUser } from "../middleware/session";
import { getProfile } from "../services/me";
import { describe } from "./validate";
import { MeResponse } from "./schemas";

export const meRoutes = new Hono<AppEnv>();

meRoutes.get("/", describe({ tags: ["Account"], summary: "The signed-in user, roles, applications and terms status", response: MeResponse, errors: ["unauthenticated"] }), async (c) => {
  const { user } = requireUser(c);
  return c.json(await getProfile(c.var.deps, user));
});
