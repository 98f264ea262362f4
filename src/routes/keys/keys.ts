import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { deliverAfterResponse, deliverWebhooksAfterResponse } from "../../middleware/after-commit";
import { requireUser } from "../../middleware/session";
import { createApiKey, deleteApiKey, listApiKeys } from "../../services/keys/api-keys";
import { rotateApiKey } from "../../services/keys/key-rotation";
import { checkApiKey } from "../../services/keys/rate-limits";
import { usageOfKey } from "../../services/keys/usage";
import { AppError } from "../../errors";
import { BODY_ERRORS, describe, validate } from "../operation";
import { NO_STORE, clientKey, recordUse, registerAuthorize } from "./authorize";
import { keyJson } from "./serializers";
import { IdParam } from "../atoms";
import {
  KeyBody,
  KeyCreated,
  KeyList,
  RotateBody,
  UsageQuery,
  UsageResponse,
  VerifyBody,
  VerifyResponse,
} from "./schemas";

export const keyRoutes = new Hono<AppEnv>();

keyRoutes.post(
  "/",
  describe({
    tags: ["API keys"],
    summary: "Issue an API key; the secret is in this answer only",
    status: 201,
    description:
      "Every key expires. Without `expiresInDays` a key lives the longest its scopes allow (configuration: `KEY_MAX_DAYS_READ`, default 730 days; `KEY_MAX_DAYS_PUBLISH`, default 365; a key's maximum is the smallest of its scopes'); more than that is 422 `expiry_too_long`, whose detail and `maxDays` name the maximum. The owner is e-mailed 14 and 3 days before a key expires.",
    response: KeyCreated,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden_scope", "terms_not_accepted", "expiry_too_long"],
  }),
  validate("json", KeyBody),
  async (c) => {
    const { user } = requireUser(c);
    const { key, secret, outboxIds, eventIds } = await createApiKey(c.var.deps, user, c.req.valid("json"), c.var.meta);
    deliverAfterResponse(c, outboxIds);
    deliverWebhooksAfterResponse(c, eventIds);
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
      "Authenticated with `Authorization: Bearer <gateway secret>` (or `X-Steward-Gateway-Secret`). Any string key answers 200; malformed keys are NOT_FOUND. " +
      "The key is the body's `key`, else the `api-key` header; with neither, 400 `invalid_request` (a request without its key is malformed, not an unknown key). " +
      "A valid key past its requests of this minute answers RATE_LIMITED, with `Retry-After`.",
    response: VerifyResponse,
    errors: [...BODY_ERRORS, "invalid_gateway_secret"],
    security: "gateway",
    headers: { "api-key": { description: "The client's key, read when the body has no `key`" } },
  }),
  validate("json", VerifyBody),
  async (c) => {
    const key = c.req.valid("json").key ?? clientKey(c, false);
    if (key === undefined)
      throw new AppError(
        "invalid_request",
        { th: "ไม่มีกุญแจ API ในคำขอ", en: "The request has no API key." },
        { errors: [{ path: "key", message: "a key in the body or in the api-key header" }] },
      );
    const checked = await checkApiKey(c.var.deps, key);
    const { result, retryAfterSeconds } = checked;
    recordUse(c, checked);
    return c.json(result, 200, {
      ...NO_STORE,
      ...(retryAfterSeconds === null ? {} : { "Retry-After": String(retryAfterSeconds) }),
    });
  },
);

registerAuthorize(keyRoutes);

keyRoutes.get(
  "/:id/usage",
  describe({
    tags: ["API keys"],
    summary: "Your key's verifications per day (valid and refused)",
    description:
      "One entry per Bangkok date (`YYYY-MM-DD`), oldest first, for the last `days` days including today (default 30, at most 90); days without use are zeros. " +
      "`valid` counts answers that let the key through (verify VALID, authorize 204); `refused` counts answers about this key that did not (REVOKED, EXPIRED, DISABLED, RATE_LIMITED, a missing scope). " +
      "Unknown keys belong to nobody and are not counted. Figures are written in batches, about 20 seconds late (the answering isolate's own counts are added at once).",
    response: UsageResponse,
    errors: ["invalid_request", "unauthenticated", "not_found"],
  }),
  validate("param", IdParam),
  validate("query", UsageQuery),
  async (c) => {
    const { user } = requireUser(c);
    const days = c.req.valid("query").days ?? 30;
    return c.json({ usage: await usageOfKey(c.var.deps, user, c.req.valid("param").id, days) });
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
    const { key, secret, eventIds } = await rotateApiKey(
      c.var.deps,
      user,
      c.req.valid("param").id,
      c.req.valid("json").graceSeconds,
      c.var.meta,
    );
    deliverWebhooksAfterResponse(c, eventIds);
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
    const { eventIds } = await deleteApiKey(c.var.deps, user, c.req.valid("param").id, c.var.meta);
    deliverWebhooksAfterResponse(c, eventIds);
    return c.body(null, 204);
  },
);
