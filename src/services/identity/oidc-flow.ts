import * as oauth from "oauth4webapi";
import { oidcFlows } from "../../db/schema";
import { MINUTE } from "../../lib/clock";
import { randomBase62, sha256Hex } from "../../lib/crypto";
import type { Deps } from "../../deps";
import { discover, providerById, providerUnavailable, redirectUri } from "./oidc-provider-client";

// The start of an OpenID Connect sign-in: the flow stored, the browser sent to the provider.

export const OIDC_FLOW_TTL_MS = 10 * MINUTE;

/** Only same-origin paths: `/x`, never `//x`, `/\x` or an absolute URL. */
export function safeReturnTo(value: string | null | undefined): string {
  if (
    !value ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\") ||
    /[\u0000-\u001f]/.test(value)
  )
    return "/";
  return value;
}

/** The cookie that binds a flow to the browser that started it: one per flow (several tabs). */
export function flowCookieName(stateHash: string): string {
  return `steward_oidc_${stateHash.slice(0, 16)}`;
}

/**
 * Starts an authorization code flow with PKCE (S256), `state` and `nonce` (oauth4webapi): stores
 * the flow (its state hashed) for OIDC_FLOW_TTL_MS and returns the provider's authorization URL
 * and the cookie that binds the flow to this browser. Throws 404 for an unknown provider, 502
 * when its discovery document cannot be read.
 */
export async function startOidcSignIn(
  deps: Deps,
  providerId: string,
  options: { returnTo: string | null; linkUserId: string | null },
) {
  const provider = providerById(deps.config, providerId);
  const now = deps.clock.now();
  const as = await discover(deps.config, provider, now);
  if (!as.authorization_endpoint) throw providerUnavailable(provider, new Error("no authorization_endpoint"));
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const binding = randomBase62(32);
  const stateHash = await sha256Hex(state);
  await deps.db.insert(oidcFlows).values({
    stateHash,
    providerId,
    nonce,
    codeVerifier,
    bindingHash: await sha256Hex(binding),
    returnTo: safeReturnTo(options.returnTo),
    linkUserId: options.linkUserId,
    expiresAt: now + OIDC_FLOW_TTL_MS,
    createdAt: now,
  });
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: redirectUri(deps.config, provider),
    response_type: "code",
    scope: provider.scopes.join(" "),
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  }).toString();
  return { redirectTo: url.toString(), cookie: { name: flowCookieName(stateHash), value: binding } };
}
