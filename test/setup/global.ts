import type { Server } from "node:http";
import { startOidcProvider } from "./oidc-provider";
import { oidcTestProviders } from "./oidc-env";

let server: Server | null = null;

/** Runs once in Node before the suite: the services the worker talks to on loopback. */
export default async function setup() {
  const port = Number(process.env.STEWARD_TEST_OIDC_PORT);
  const redirectUris = [
    ...new Set(oidcTestProviders(port).map((p) => `http://localhost:8787/auth/oidc/${p.id}/callback`)),
  ];
  server = await startOidcProvider(port, redirectUris);
  return async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  };
}
