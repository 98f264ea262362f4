import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/env";
import { clientSecretName, readOidcProviders } from "../../src/lib/oidc-config";
import { discover } from "../../src/services/identity/oidc-provider-client";

/** The loopback provider's issuer, as the worker is configured with it. */
const ISSUER = (JSON.parse(String(env.OIDC_PROVIDERS)) as { issuer: string }[])[0]!.issuer;

const provider = {
  id: "dga-digital-id",
  nameTh: "ดิจิทัลไอดี",
  nameEn: "Digital ID",
  issuer: ISSUER,
  clientId: "steward-basic",
};

describe("OpenID provider configuration", () => {
  it("reads OIDC_PROVIDERS as a JSON string or a JSON-typed variable, always asking for openid", () => {
    for (const value of [JSON.stringify([provider]), [provider]]) {
      const [p] = readOidcProviders({ OIDC_PROVIDERS: value, OIDC_CLIENT_SECRET_DGA_DIGITAL_ID: "s3cret" });
      expect(p).toMatchObject({
        id: "dga-digital-id",
        scopes: ["openid"],
        tokenEndpointAuthMethod: "client_secret_basic",
        clientSecret: "s3cret",
      });
    }
    expect(clientSecretName("thai-d")).toBe("OIDC_CLIENT_SECRET_THAI_D");
  });

  it("offers no provider when the variable is malformed or an id is not [a-z0-9-]+", () => {
    expect(readOidcProviders({ OIDC_PROVIDERS: "{not json" })).toEqual([]);
    expect(readOidcProviders({ OIDC_PROVIDERS: JSON.stringify([{ ...provider, id: "Bad_Id" }]) })).toEqual([]);
  });

  it("allows http: issuers only with OIDC_ALLOW_HTTP outside production", async () => {
    const dev = readConfig({ ...env, ENVIRONMENT: "development", OIDC_ALLOW_HTTP: "true" });
    const prod = readConfig({ ...env, ENVIRONMENT: "production", OIDC_ALLOW_HTTP: "true" });
    const unset = readConfig({ ...env, ENVIRONMENT: "development", OIDC_ALLOW_HTTP: undefined });
    expect([dev.oidcAllowHttp, prod.oidcAllowHttp, unset.oidcAllowHttp]).toEqual([true, false, false]);
    const p = prod.oidcProviders[0]!;
    await expect(discover(prod, { ...p, issuer: ISSUER }, Date.now())).rejects.toMatchObject({
      code: "oidc_provider_unavailable",
    });
    await expect(discover(dev, dev.oidcProviders[0]!, Date.now() + 20 * 60_000)).resolves.toMatchObject({
      issuer: ISSUER,
    });
  });
});
