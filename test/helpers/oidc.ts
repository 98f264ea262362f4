import { ORIGIN } from "./client";

/**
 * Plays the browser at the OpenID provider: follows its redirects (keeping its cookies) from
 * the authorization URL the worker sent us to, until it redirects back to the worker.
 * `login_hint` chooses who signs in (see test/setup/oidc-provider.ts); `tamper` may change the
 * user-agent leg's request, as a malicious page could.
 */
export async function throughProvider(
  authorizeUrl: string,
  options: { login?: string; tamper?: (url: URL) => void } = {},
): Promise<string> {
  const url = new URL(authorizeUrl);
  url.searchParams.set("login_hint", options.login ?? "alice-sub");
  options.tamper?.(url);
  const cookies = new Map<string, string>();
  let next = url.toString();
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(next, {
      redirect: "manual",
      headers: cookies.size ? { Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {},
    });
    for (const cookie of (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!.trim(), value.join("="));
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`the provider answered ${res.status} without a redirect: ${await res.text()}`);
    const target = new URL(location, next);
    if (target.origin === ORIGIN) return target.pathname + target.search;
    next = target.toString();
  }
  throw new Error("too many redirects at the provider");
}
