import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireUser } from "../middleware/session";
import { getProfile } from "../services/me";
import { unlinkOidcIdentity } from "../services/identities";
import { describe, validate } from "./validate";
import { IdParam, MeResponse } from "./schemas";

export const meRoutes = new Hono<AppEnv>();

meRoutes.get("/", describe({ tags: ["Account"], summary: "The signed-in user, roles, applications and terms status", response: MeResponse, errors: ["unauthenticated"] }), async (c) => {
  const { user } = requireUser(c);
  return c.json(await getProfile(c.var.deps, user));
});

meRoutes.delete(
  "/identities/:id",
  describe({ tags: ["Account"], summary: "Unlink an OpenID Connect identity (never the last way to sign in)", status: 204, errors: ["unauthenticated", "not_found", "last_sign_in_method"] }),
  validate("param", IdParam),
  async (c) => {
    const { user } = requireUser(c);
    await unlinkOidcIdentity(c.var.deps, user, c.req.valid("param").id, c.var.meta);
    return c.body(null, 204);
  },
);
