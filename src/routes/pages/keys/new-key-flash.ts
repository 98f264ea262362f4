import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../../middleware/app-env";

// A new key's secret between the POST that made it and the page that shows it (Post/Redirect/
// Get: a refresh never makes another key). The secret rides once in a short-lived cookie that
// only /keys receives (HttpOnly, SameSite=Strict, Secure outside development) and is cleared
// by the page that shows it; it is shown only to the key's owner.

const NAME = "steward_new_key";
const PATH = "/keys";
/** How long an unread secret waits for its page, in seconds. */
export const NEW_KEY_MAX_AGE_S = 300;

export interface NewKey {
  keyId: string;
  name: string;
  secret: string;
}

const secure = (c: Context<AppEnv>) => c.var.deps.config.environment !== "development";

/** Keeps a new key's secret for the next GET of /keys. */
export function setNewKey(c: Context<AppEnv>, key: NewKey): void {
  const value = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(key))));
  setCookie(c, NAME, value, {
    path: PATH,
    httpOnly: true,
    sameSite: "Strict",
    secure: secure(c),
    maxAge: NEW_KEY_MAX_AGE_S,
  });
}

/**
 * Takes the waiting secret (clearing it) if it is one of `ownKeyIds`: a secret left by another
 * account in this browser is dropped unseen. Null when there is none.
 */
export function takeNewKey(c: Context<AppEnv>, ownKeyIds: ReadonlySet<string>): NewKey | null {
  const value = getCookie(c, NAME);
  if (!value) return null;
  deleteCookie(c, NAME, { path: PATH, secure: secure(c) });
  try {
    const bytes = Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0));
    const key = JSON.parse(new TextDecoder().decode(bytes)) as Partial<NewKey>;
    if (typeof key.keyId !== "string" || typeof key.name !== "string" || typeof key.secret !== "string") return null;
    return ownKeyIds.has(key.keyId) ? (key as NewKey) : null;
  } catch {
    return null;
  }
}
