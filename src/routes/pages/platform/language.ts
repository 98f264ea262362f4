import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../../../middleware/app-env";
import { isLang, LANGUAGE_COOKIE } from "../../../text/language";
import { safeReturnTo } from "../../../services/identity/oidc-flow";
import { setPreferredLanguage } from "../../../services/identity/profile";

/**
 * The language switch ("ไทย | English" on every page): `GET /language?to=en&back=/path` keeps the
 * choice in a cookie for a year (and on the account, for e-mails), then goes back to the page
 * (same-origin paths only). An unknown language changes nothing.
 */
export const languagePages = new Hono<AppEnv>();

const YEAR_S = 365 * 24 * 60 * 60;

languagePages.get("/language", async (c) => {
  const to = c.req.query("to");
  const back = safeReturnTo(c.req.query("back"));
  if (isLang(to)) {
    setCookie(c, LANGUAGE_COOKIE, to, {
      path: "/",
      maxAge: YEAR_S,
      sameSite: "Lax",
      secure: c.var.deps.config.environment !== "development",
    });
    // Kept on the account (for e-mails) only when the person clicked the switch on our pages:
    // a link from another site changes this browser's pages, never the account's e-mails.
    const user = c.var.session?.user;
    const site = c.req.header("Sec-Fetch-Site");
    if (user && (site === "same-origin" || site === undefined)) await setPreferredLanguage(c.var.deps, user, to);
  }
  return c.redirect(back, 303);
});
