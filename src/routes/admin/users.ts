import { Hono } from "hono";
import * as v from "valibot";
import type { AdminEnv } from "../../middleware/app-env";
import { reactivateUser, removeUserPasskeys, suspendUser } from "../../services/identity/admin-users";
import { describe, validate } from "../operation";
import { IdParam, RequiredReasonBody } from "../atoms";
import { UserResponse } from "../identity/schemas";
import { userJson } from "../identity/serializers";

export const adminUserRoutes = new Hono<AdminEnv>();

adminUserRoutes.post(
  "/:id/suspend",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Suspend an account: sessions end and keys verify as DISABLED at once",
    response: UserResponse,
    errors: [
      "unsupported_media_type",
      "payload_too_large",
      "invalid_request",
      "unauthenticated",
      "forbidden",
      "not_found",
      "invalid_transition",
    ],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const user = c.var.admin;
    return c.json({
      user: userJson(
        await suspendUser(c.var.deps, user, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta),
      ),
    });
  },
);

adminUserRoutes.post(
  "/:id/reactivate",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Reactivate a suspended or locked account",
    response: UserResponse,
    errors: [
      "unsupported_media_type",
      "payload_too_large",
      "invalid_request",
      "unauthenticated",
      "forbidden",
      "not_found",
      "invalid_transition",
    ],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const user = c.var.admin;
    return c.json({
      user: userJson(
        await reactivateUser(c.var.deps, user, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta),
      ),
    });
  },
);

adminUserRoutes.post(
  "/:id/passkeys/remove",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Remove every passkey of a user who lost them (audited, with a reason)",
    response: v.object({ removed: v.number() }),
    errors: [
      "unsupported_media_type",
      "payload_too_large",
      "invalid_request",
      "unauthenticated",
      "forbidden",
      "not_found",
    ],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const user = c.var.admin;
    return c.json(
      await removeUserPasskeys(c.var.deps, user, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta),
    );
  },
);
