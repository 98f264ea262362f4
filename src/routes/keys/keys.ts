import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { afterResponse, deliverAfterResponse } from "../../middleware/after-commit";
import { requireUser } from "../../middleware/session";
import { createApiKey, deleteApiKey, listApiKeys, rotateApiKey } from "../../services/keys/api-keys";
import { verifyApiKey } from "../../services/keys/verify";
import { BODY_ERRORS, describe, validate } from "../operation";
import { keyJson } from "./serializers";
import { IdParam } from "../atoms";
import { KeyBody, KeyCreated, KeyList, RotateBody, VerifyBody, VerifyResponse } from "./schemas";

export const keyRoutes = new Hono<AppEnv>();

keyRoutes.post(
  "/",
  describe({
    tags: ["API keys"],
    summary: "Issue an API key; the secret is in this answer only",
    status: 201,
    response: KeyCreated,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden_scope", "terms_not_accepted"],
  }),
  validate("json", KeyBody),
  async (c) => {
    const { user } = requireUser(c);
    const { key, secret, outboxIds } = await createApiKey(c.var.deps, user, c.req.valid("json"), c.var.meta);
    deliverAfterResponse(c, outboxIds);
    return c.json({ key: keyJson(key, c.var.deps.clock.now()), secret }, 201);
  },
);

keyRoutes.get(
  "/",
  describe({
    tags: ["API keys"],
    summary: "Your keys (never their secrets)",
    response: KeyList,
    errors: ["unauthenticated"],
  }),
  async (c) => {
    const { user } = requireUser(c);
    const now = c.var.deps.clock.now();
    return c.json({ keys: (await listApiKeys(c.var.deps, user)).map((k) => keyJson(k, now)) });
  },
);

keyRoutes.post(
  "/verify",
  describe({
    tags: ["API keys"],
    summary: "For the API gateway: is this key valid, and for what?",
    description:
      "Authenticated with `Authorization: Bearer <gateway secret>`. Any string key answers 200; malformed keys are NOT_FOUND.",
    response: VerifyResponse,
    errors: [...BODY_ERRORS, "invalid_gateway_secret"],
    security: "gateway",
  }),
  validate("json", VerifyBody),
  async (c) => {
    const { result, touch } = await verifyApiKey(c.var.deps, c.req.valid("json").key);
    if (touch)
      afterResponse(
        c,
        touch.catch((error) =>
          console.error("lastUsedAt not recorded", error instanceof Error ? error.message : error),
        ),
      );
    return c.json(result);
  },
);

keyRoutes.post(
  "/:id/rotate",
  describe({
    tags: ["API keys"],
    summary: "Replace a key; the old one verifies for graceSeconds more",
    status: 201,
    response: KeyCreated,
    errors: [...BODY_ERRORS, "unauthenticated", "not_found", "invalid_transition", "forbidden_scope", "conflict"],
  }),
  validate("param", IdParam),
  validate("json", RotateBody),
  async (c) => {
    const { user } = requireUser(c);
    const { key, secret } = await rotateApiKey(
      c.var.deps,
      user,
      c.req.valid("param").id,
      c.req.valid("json").graceSeconds,
      c.var.meta,
    );
    return c.json({ key: keyJson(key, c.var.deps.clock.now()), secret }, 201);
  },
);

keyRoutes.delete(
  "/:id",
  describe({
    tags: ["API keys"],
    summary: "Revoke a key at once (also during its grace)",
    status: 204,
    errors: ["unauthenticated", "not_found"],
  }),
  validate("param", IdParam),
  async (c) => {
    const { user } = requireUser(c);
    await deleteApiKey(c.var.deps, user, c.req.valid("param").id, c.var.meta);
    return c.body(null, 204);
  },
);
