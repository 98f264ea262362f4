import { Hono } from "hono";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { AppEnv } from "../../middleware/app-env";
import { currentSessionId, setSessionCookie } from "../../middleware/session";
import { passkeySignInOptions, signInWithPasskey } from "../../services/identity/passkey-sign-in";
import { userJson } from "./serializers";
import { BODY_ERRORS, describe, validate } from "../operation";
import { PasskeySignInBody, UserResponse, WebAuthnOptions } from "./schemas";

export const passkeyAuthRoutes = new Hono<AppEnv>();

passkeyAuthRoutes.post(
  "/options",
  describe({
    tags: ["Sign-in"],
    summary: "Request options for signing in with a passkey (discoverable: no allowCredentials)",
    response: WebAuthnOptions,
    errors: ["rate_limited"],
    security: "none",
  }),
  async (c) => c.json(await passkeySignInOptions(c.var.deps, c.var.meta)),
);

passkeyAuthRoutes.post(
  "/verify",
  describe({
    tags: ["Sign-in"],
    summary: "Sign in with a passkey; sets the session cookie",
    response: UserResponse,
    errors: [...BODY_ERRORS, "passkey_verification_failed", "account_disabled", "too_many_attempts", "rate_limited"],
    security: "none",
  }),
  validate("json", PasskeySignInBody),
  async (c) => {
    const response = c.req.valid("json").response as unknown as AuthenticationResponseJSON;
    const signedIn = await signInWithPasskey(c.var.deps, response, c.var.meta, currentSessionId(c));
    setSessionCookie(c, signedIn.sessionToken);
    return c.json({ user: userJson(signedIn.user) });
  },
);
