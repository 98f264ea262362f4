import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { changeSteward, type StewardAction } from "../../services/applications/stewards";
import { membershipJson } from "../applications/serializers";
import { BODY_ERRORS, describe, validate } from "../operation";
import { MembershipResponse } from "../applications/schemas";
import { IdParam, RequiredReasonBody } from "../atoms";

export const adminMembershipRoutes = new Hono<AdminEnv>();

const SUMMARIES: Record<StewardAction, string> = {
  suspend: "Suspend a steward: the role's publish keys verify DISABLED at once, until reinstated",
  reinstate: "Reinstate a suspended steward: the role's publish keys verify again",
  revoke: "Revoke a steward; the steward's publish keys stop verifying at once",
};

for (const action of ["suspend", "reinstate", "revoke"] as const) {
  adminMembershipRoutes.post(
    `/:id/${action}`,
    describe({
      security: "admin",
      tags: ["Administration"],
      summary: SUMMARIES[action],
      response: MembershipResponse,
      errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "not_found", "invalid_transition", "conflict"],
    }),
    validate("param", IdParam),
    validate("json", RequiredReasonBody),
    async (c) => {
      const { membership, outboxIds } = await changeSteward(
        c.var.deps,
        c.var.admin,
        c.req.valid("param").id,
        { action, reason: c.req.valid("json").reason },
        c.var.meta,
      );
      deliverAfterResponse(c, outboxIds);
      return c.json({ membership: membershipJson(membership) });
    },
  );
}
