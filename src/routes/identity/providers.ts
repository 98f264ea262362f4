import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { describe } from "../operation";
import { ProviderList } from "./schemas";

export const providerRoutes = new Hono<AppEnv>();

providerRoutes.get(
  "/",
  describe({
    tags: ["Sign-in"],
    summary: "OpenID Connect providers to sign in with (start at GET /auth/oidc/{id})",
    response: ProviderList,
    security: "none",
  }),
  (c) => {
    return c.json({
      providers: c.var.deps.config.oidcProviders.map(({ id, nameTh, nameEn }) => ({ id, nameTh, nameEn })),
    });
  },
);
