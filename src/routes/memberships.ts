import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { deliverAfterResponse } from "../lib/after-commit";
import { requireUser } from "../middleware/session";
import { cancelMembership } from "../services/memberships";
import { describe, validate } from "./validate";
import { IdParam, MembershipResponse, RequiredReasonBody } from "./schemas";

export const membershipRoutes = new Hono<AppEnv>();

membershipRoutes.post(
  "/:id/cancel",
  describe({ tags: ["Memberships"], summary: "Give up your steward role; its publish keys stop at once", response: MembershipResponse, errors: ["invalid_request", "unauthenticated", "not_found", "invalid_transition", "conflict"] }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const { user } = requireUser(c);
    const { membership, outboxIds } = await cancelMembership(c.var.deps, user, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta);
    deliverAfterResponse(c, outboxIds);
    return c.json({ membership });
  },
);
