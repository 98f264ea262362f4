import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../middleware/app-env";
import { PageContext } from "../../views/platform/page-context";

/**
 * Renders a page (a JSX element) in the request's language: the one way pages answer, so that
 * every component reads the language and the path from PageContext.
 */
export function html(c: Context<AppEnv>, page: unknown, status: ContentfulStatusCode = 200, back?: string) {
  return c.html(
    <PageContext.Provider value={{ lang: c.var.lang ?? "th", path: back ?? pagePath(c) }}>
      {page as any}
    </PageContext.Provider>,
    status,
  );
}

/**
 * The page a form posted from, for a POST path (`[pattern, page]`; `$1`… are the pattern's
 * groups). Browsers send no Referer here (Referrer-Policy: no-referrer), so the pages say it.
 */
const FORM_PAGES: [RegExp, string][] = [
  [/^\/account\//, "/account"],
  [/^\/admin\/agencies\/([^/]+)\/expire-keys$/, "/admin/agencies/$1/confirm/expire-keys"],
  [/^\/admin\/applications\//, "/admin/review"],
  [/^\/admin\/(people|stewards)\/([^/]+)\/([a-z-]+)$/, "/admin/$1/$2/confirm/$3"],
  [/^\/applications\/([^/]+)\/(resubmit|withdraw)$/, "/applications/$1"],
  [/^\/keys\/[^/]+\/rotate$/, "/keys"],
  [/^\/roles\//, "/roles"],
  [/^\/signin\/code$/, "/signin"],
  [/^\/terms\/accept$/, "/terms"],
];

/**
 * Where the page lives, for the language switch to come back to: the request's path and query,
 * or for a page answering a POST (a failed form) the page the form is on — the same path when
 * it has a page of its own (`/apply`, `/approvals/:token`, `/keys`), else the one FORM_PAGES names.
 */
function pagePath(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (c.req.method === "GET" || c.req.method === "HEAD") return url.pathname + url.search;
  for (const [pattern, page] of FORM_PAGES) {
    const m = pattern.exec(url.pathname);
    if (m) return page.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? "");
  }
  return url.pathname;
}
