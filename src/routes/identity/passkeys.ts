import { Hono } from "hono";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import type { AppEnv } from "../../middleware/app-env";
import { requireUser } from "../../middleware/session";
import {
  listPasskeys,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
} from "../../services/identity/passkeys";
import { passkeyJson } from "./serializers";
import { BODY_ERRORS, describe, validate } from "../operation";
import { IdParam } from "../atoms";
import { PasskeyCreated, PasskeyList, PasskeyRegistrationBody, WebAuthnOptions } from "./schemas";

export const passkeyRoutes = new Hono<AppEnv>();

passkeyRoutes.post(
  "/registration/options",
  describe({
    tags: ["Passkeys"],
    summary: "Creation options for a new passkey (residentKey and userVerification required)",
    response: WebAuthnOptions,
    errors: ["unauthenticated"],
  }),
  async (c) => {
    const { user } = requireUser(c);
    return c.json(await passkeyRegistrationOptions(c.var.deps, user));
  },
);

passkeyRoutes.post(
  "/registration/verify",
  describe({
    tags: ["Passkeys"],
    summary: "Register the passkey the browser created",
    status: 201,
    response: PasskeyCreated,
    errors: [...BODY_ERRORS, "unauthenticated", "passkey_verification_failed"],
  }),
  validate("json", PasskeyRegistrationBody),
  async (c) => {
    const { user } = requireUser(c);
    const { response, name } = c.req.valid("json");
    return c.json(
      {
        passkey: passkeyJson(
          await registerPasskey(
            c.var.deps,
            user,
            response as unknown as RegistrationResponseJSON,
            name ?? null,
            c.var.meta,
          ),
        ),
      },
      201,
    );
  },
);

passkeyRoutes.get(
  "/",
  describe({ tags: ["Passkeys"], summary: "Your passkeys", response: PasskeyList, errors: ["unauthenticated"] }),
  async (c) => {
    const { user } = requireUser(c);
    return c.json({ passkeys: (await listPasskeys(c.var.deps.db, user.id)).map(passkeyJson) });
  },
);

passkeyRoutes.delete(
  "/:id",
  describe({
    tags: ["Passkeys"],
    summary: "Remove a passkey (never the last way to sign in)",
    status: 204,
    errors: ["unauthenticated", "not_found", "last_sign_in_method"],
  }),
  validate("param", IdParam),
  async (c) => {
    const { user } = requireUser(c);
    await removePasskey(c.var.deps, user, c.req.valid("param").id, c.var.meta);
    return c.body(null, 204);
  },
);
