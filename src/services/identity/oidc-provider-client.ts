import * as oauth from "oauth4webapi";
import { AppError } from "../../errors";
import type { OidcProvider } from "../../lib/oidc-config";
import type { Config } from "../../env";

const DISCOVERY_TTL_MS = 5 * 60 * 1000;
const discovered = new Map<string, { as: oauth.AuthorizationServer; at: number }>();

export function providerById(config: Config, id: string): OidcProvider {
  const provider = config.oidcProviders.find((p) => p.id === id);
  if (!provider) throw new AppError("not_found", { th: "ไม่พบผู้ให้บริการนี้", en: "No such sign-in provider." });
  return provider;
}

export function requestOptions(config: Config) {
  return { [oauth.allowInsecureRequests]: config.oidcAllowHttp, signal: AbortSignal.timeout(10_000) };
}

function unavailable(provider: OidcProvider, cause: unknown): AppError {
  console.error(`OpenID provider ${provider.id} failed:`, cause instanceof Error ? cause.message : cause);
  return new AppError("oidc_provider_unavailable", {
    th: `ไม่สามารถติดต่อ ${provider.nameTh} ได้ในขณะนี้`,
    en: `${provider.nameEn} cannot be reached now; try again later.`,
  });
}

/**
 * The provider's metadata from discovery. Its `issuer` must be exactly the configured string
 * (no normalisation: oauth4webapi compares URLs, so the raw string is checked here too).
 */
export async function discover(
  config: Config,
  provider: OidcProvider,
  now: number,
): Promise<oauth.AuthorizationServer> {
  if (!config.oidcAllowHttp && !provider.issuer.startsWith("https://"))
    throw unavailable(provider, new Error("http: issuers are not allowed here"));
  const cached = discovered.get(provider.issuer);
  if (cached && now - cached.at < DISCOVERY_TTL_MS) return cached.as;
  const issuer = new URL(provider.issuer);
  let as: oauth.AuthorizationServer;
  try {
    const response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...requestOptions(config) });
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { issuer?: unknown };
    if (body.issuer !== provider.issuer) throw new Error(`issuer ${String(body.issuer)} is not ${provider.issuer}`);
    as = await oauth.processDiscoveryResponse(issuer, response);
  } catch (error) {
    throw unavailable(provider, error);
  }
  discovered.set(provider.issuer, { as, at: now });
  return as;
}

export function clientOf(provider: OidcProvider): { client: oauth.Client; auth: oauth.ClientAuth } {
  const secret = provider.clientSecret ?? "";
  return {
    client: { client_id: provider.clientId },
    auth:
      provider.tokenEndpointAuthMethod === "client_secret_post"
        ? oauth.ClientSecretPost(secret)
        : oauth.ClientSecretBasic(secret),
  };
}

export function redirectUri(config: Config, provider: OidcProvider): string {
  return `${config.appOrigin}/auth/oidc/${provider.id}/callback`;
}

export { unavailable as providerUnavailable };
