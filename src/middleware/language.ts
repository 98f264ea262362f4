import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "./app-env";
import { LANGUAGE_COOKIE, negotiateLanguage } from "../text/language";

/** Puts the request's interface language in `c.var.lang` (see negotiateLanguage). */
export const languageMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set("lang", negotiateLanguage(getCookie(c, LANGUAGE_COOKIE), c.req.header("Accept-Language")));
  await next();
});
