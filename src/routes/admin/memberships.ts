import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { revokeMembership } from "../../services/applications/memberships";
import { membershipJson } from "../applications/serializers";
import { describe, validate } from "../operation";
import { MembershipResponse } from "../applications/schemas";
import { IdParam, RequiredReasonBody } from "../atoms";

export const adminMembershipRoutes = new Hono<AdminEnv>();

adminMembershipRoutes.post(
  "/:id/revoke",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Revoke a steward; the steward's publish keys stop verifying at once",
    response: MembershipResponse,
    errors: [
      "unsupported_media_type",
      "payload_too_large",
      "invalid_request",
      "unauthenticated",
      "forbidden",
      "not_found",
      "invalid_transition",
      "conflict",
    ],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const user = c.var.admin;
    const { membership, outboxIds } = await revokeMembership(
      c.var.deps,
      user,
      c.req.valid("param").id,
      c.req.valid("json").reason,
      c.var.meta,
    );
    deliverAfterResponse(c, outboxIds);
    return c.json({ membership: membershipJson(membership) });
  },
);
