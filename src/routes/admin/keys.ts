import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverAfterResponse, deliverWebhooksAfterResponse } from "../../middleware/after-commit";
import { expireKeys, type KeyScope } from "../../services/keys/forced-expiry";
import { BODY_ERRORS, describe, validate } from "../operation";
import { KeyExpiryBody, KeyExpiryResponse } from "./schemas";

export const adminKeyRoutes = new Hono<AdminEnv>();

adminKeyRoutes.post(
  "/expire",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Forced rotation: every live key of a steward role, a person or an agency expires after a grace",
    description:
      "Exactly one of `membershipId`, `agencyId`, `userId`. Each key keeps verifying for `graceSeconds` (0..604800), then answers `EXPIRED`; the owners are e-mailed to create new keys. No secret is ever returned.",
    response: KeyExpiryResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "not_found"],
  }),
  validate("json", KeyExpiryBody),
  async (c) => {
    const body = c.req.valid("json");
    const scope: KeyScope = body.membershipId
      ? { membershipId: body.membershipId }
      : body.userId
        ? { userId: body.userId }
        : { agencyId: body.agencyId! };
    const { keys, outboxIds, eventIds } = await expireKeys(
      c.var.deps,
      c.var.admin,
      { scope, graceSeconds: body.graceSeconds, reason: body.reason },
      c.var.meta,
    );
    deliverAfterResponse(c, outboxIds);
    deliverWebhooksAfterResponse(c, eventIds);
    return c.json({ keys });
  },
);
