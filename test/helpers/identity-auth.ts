import { expect } from "vitest";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { SESSION_COOKIE } from "./auth-db";
import { Client, codeIn, lastMailTo } from "./client";
import { unique } from "./fixtures";
import { SoftAuthenticator } from "./identity-webauthn";

export { DAY, HOUR, MINUTE } from "../../src/lib/clock";

/** A fresh shared-domain (mail.go.th) address. */
export const address = () => `${unique("u")}@mail.go.th`;

/** A code that is certainly not `code`. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** A browser with its own User-Agent on every request. */
export class Browser extends Client {
  constructor(readonly userAgent = `vitest-browser/${unique("ua")}`) {
    super();
  }

  override fetch(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    return super.fetch(path, { ...init, headers: { "User-Agent": this.userAgent, ...init.headers } });
  }
}

export const startEmail = (client: Client, email: string) => client.json("POST", "/api/v1/auth/email/start", { email });
export const verifyEmail = (client: Client, email: string, code: string) =>
  client.json("POST", "/api/v1/auth/email/verify", { email, code });

/** Signs `client` in by e-mail code (a new start, so at most 3 per address per 10 minutes). */
export async function signInWith<C extends Client>(client: C, email: string): Promise<C> {
  expect((await startEmail(client, email)).status).toBe(202);
  const res = await verifyEmail(client, email, codeIn(await lastMailTo(email)));
  expect(res.status, await res.clone().text()).toBe(200);
  return client;
}

/** A client carrying only this session cookie value, like a stolen or remembered cookie. */
export function withCookie(value: string): Client {
  const client = new Client();
  client.cookies.set(SESSION_COOKIE, value);
  return client;
}

export async function userOf(
  client: Client,
): Promise<{ id: string; email: string | null; name: string; status: string }> {
  const res = await client.fetch("/api/v1/me");
  expect(res.status).toBe(200);
  return ((await res.json()) as { user: { id: string; email: string | null; name: string; status: string } }).user;
}

/**
 * Moves the worker's clock to just after the start of a fixed rate-limit window, so a test
 * never straddles two windows. Returns the worker's "now".
 */
export function alignClock(windowMs: number): number {
  const offset = windowMs - (Date.now() % windowMs) + 1000;
  setDevClockOffset(offset);
  return Date.now() + offset;
}

/** Registers a new software passkey for the signed-in client over HTTP (options, then verify). */
export async function registerPasskey(
  client: Client,
  name = "Soft key",
): Promise<{ authenticator: SoftAuthenticator; passkey: { id: string; name: string } }> {
  const options = await client.json("POST", "/api/v1/passkeys/registration/options");
  expect(options.status, await options.clone().text()).toBe(200);
  const authenticator = await SoftAuthenticator.create();
  const res = await client.json("POST", "/api/v1/passkeys/registration/verify", {
    response: await authenticator.register((await options.json()) as { challenge: string }),
    name,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { authenticator, passkey: ((await res.json()) as { passkey: { id: string; name: string } }).passkey };
}

/** Signs `client` in with the passkey over HTTP (fresh request options); returns the verify response. */
export async function passkeySignIn(client: Client, authenticator: SoftAuthenticator): Promise<Response> {
  const options = await client.json("POST", "/api/v1/auth/passkey/options");
  expect(options.status, await options.clone().text()).toBe(200);
  return client.json("POST", "/api/v1/auth/passkey/verify", {
    response: await authenticator.assert((await options.json()) as { challenge: string }),
  });
}
