import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { requireUser } from "../../middleware/session";
import { cancelMembership } from "../../services/applications/memberships";
import { BODY_ERRORS, describe, validate } from "../operation";
import { HandoverBody, HandoverResponse, MembershipResponse } from "./schemas";
import { IdParam, RequiredReasonBody } from "../atoms";
import { requestHandover } from "../../services/applications/handovers";
import { handoverJson, membershipJson } from "./serializers";

export const membershipRoutes = new Hono<AppEnv>();

membershipRoutes.post(
  "/:id/cancel",
  describe({
    tags: ["Memberships"],
    summary: "Give up your steward role; its publish keys stop at once",
    response: MembershipResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "not_found", "invalid_transition", "conflict"],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const { user } = requireUser(c);
    const { membership, outboxIds } = await cancelMembership(
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

membershipRoutes.post(
  "/:id/handover",
  describe({
    tags: ["Memberships"],
    summary: "Hand the steward role over: the successor is invited to apply; their approval supersedes this membership",
    status: 201,
    response: HandoverResponse,
    errors: [
      ...BODY_ERRORS,
      "unauthenticated",
      "not_found",
      "invalid_transition",
      "email_domain_not_allowed",
      "email_domain_mismatch",
      "conflict",
    ],
  }),
  validate("param", IdParam),
  validate("json", HandoverBody),
  async (c) => {
    const { user } = requireUser(c);
    const { handover, outboxIds } = await requestHandover(
      c.var.deps,
      user,
      c.req.valid("param").id,
      c.req.valid("json").successorEmail,
      c.var.meta,
    );
    deliverAfterResponse(c, outboxIds);
    return c.json({ handover: handoverJson(handover) }, 201);
  },
);
