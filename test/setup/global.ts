import type { Server } from "node:http";
import { startOidcProvider } from "./oidc-provider";
import { OIDC_TEST_PROVIDERS } from "./oidc-env";

let server: Server | null = null;

/** Runs once in Node before the suite: the services the worker talks to on loopback. */
export default async function setup() {
  const redirectUris = [...new Set(OIDC_TEST_PROVIDERS.map((p) => `http://localhost:8787/auth/oidc/${p.id}/callback`))];
  server = await startOidcProvider(redirectUris);
  return async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  };
}
