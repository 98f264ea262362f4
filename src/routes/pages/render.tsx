import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../middleware/app-env";
import { PageContext } from "../../views/platform/page-context";

/**
 * Renders a page (a JSX element) in the request's language: the one way pages answer, so that
 * every component reads the language and the path from PageContext.
 */
export function html(c: Context<AppEnv>, page: unknown, status: ContentfulStatusCode = 200) {
  return c.html(
    <PageContext.Provider value={{ lang: c.var.lang ?? "th", path: pagePath(c) }}>{page as any}</PageContext.Provider>,
    status,
  );
}

/**
 * Where the page lives, for the language switch to come back to: the request's path, or for a
 * page answering a POST (a failed form) the same-origin page the form was on (its Referer),
 * else the home page — a POST path has no page to go back to.
 */
function pagePath(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (c.req.method === "GET" || c.req.method === "HEAD") return url.pathname + url.search;
  const referer = c.req.header("Referer");
  if (!referer) return "/";
  try {
    const from = new URL(referer);
    return from.origin === url.origin ? from.pathname + from.search : "/";
  } catch {
    return "/";
  }
}
