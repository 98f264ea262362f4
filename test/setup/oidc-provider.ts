// Starts a real OpenID Provider (panva's oidc-provider, OpenID Certified) on loopback for the
// whole test run. Who signs in is chosen by the user-agent leg: the tests add `login_hint`
// to the authorization URL the worker redirects to; `login_hint=cancel` refuses (access_denied).
import { createServer, type Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

import { oidcIssuer } from "./oidc-env";

const OIDC_CLIENTS = [
  { client_id: "steward-basic", client_secret: "secret-basic", token_endpoint_auth_method: "client_secret_basic" },
  { client_id: "steward-post", client_secret: "secret-post", token_endpoint_auth_method: "client_secret_post" },
  // Codes of this client live one second: for the expired-code test.
  { client_id: "steward-short", client_secret: "secret-short", token_endpoint_auth_method: "client_secret_basic" },
] as const;

const ACCOUNTS: Record<string, Record<string, string>> = {
  "alice-sub": { name: "อลิซ ทดสอบ" },
  "bob-sub": { given_name: "Bob", family_name: "Builder" },
  // A provider's claim that breaks the one-line text rule: line breaks, a bell, a bidi override, 1,900 characters.
  "hostile-name-sub": { name: `Evil\r\nBcc: victim@x\r\n\u0007\u202Egnp.exe ${"x".repeat(1900)}` },
};

function configuration(redirectUris: string[]): Configuration {
  return {
    clients: OIDC_CLIENTS.map((c) => ({
      ...c,
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["name", "given_name", "family_name"], email: ["email"] },
    features: { devInteractions: { enabled: false } },
    ttl: {
      AuthorizationCode: (_ctx, _token, client) => (client.clientId === "steward-short" ? 1 : 60),
      Interaction: 600,
      Session: 600,
      Grant: 600,
      IdToken: 600,
      AccessToken: 600,
    },
    async findAccount(_ctx, sub) {
      const claims = ACCOUNTS[sub] ?? {};
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  };
}

export async function startOidcProvider(port: number, redirectUris: string[]): Promise<Server> {
  const provider = new Provider(oidcIssuer(port), configuration(redirectUris));
  const callback = provider.callback();
  const server = createServer(async (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? "");
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const hint = String(details.params.login_hint ?? "alice-sub");
      if (hint === "cancel") {
        await provider.interactionFinished(
          req,
          res,
          { error: "access_denied", error_description: "The user cancelled" },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({ accountId: hint, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: hint }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  // Node closes an idle keep-alive connection after 5 s; workerd may reuse a pooled one at that
  // very moment and see "Network connection lost" (it did, under load, in a long test). Keep idle
  // connections longer than workerd's pool does.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}
