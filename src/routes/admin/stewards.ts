import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { getSteward, listStewards } from "../../services/applications/stewards";
import { describe, validate } from "../operation";
import { IdParam } from "../atoms";
import { StewardList, StewardResponse, StewardsQuery } from "./schemas";
import { keySummaryJson, stewardJson } from "./serializers";

export const adminStewardRoutes = new Hono<AdminEnv>();

adminStewardRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "The stewards directory: search by name (Thai or English), e-mail or agency; paged, newest first",
    description: "`status` defaults to `active` (live stewards only); `all` lists every role.",
    response: StewardList,
    errors: ["invalid_request", "unauthenticated", "forbidden"],
  }),
  validate("query", StewardsQuery),
  async (c) => {
    const query = c.req.valid("query");
    const page = await listStewards(c.var.deps, query);
    return c.json({
      stewards: page.items.map(stewardJson),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  },
);

adminStewardRoutes.get(
  "/:id",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "One steward role (by membership id) with its keys (never secrets) and pending handover",
    response: StewardResponse,
    errors: ["invalid_request", "unauthenticated", "forbidden", "not_found"],
  }),
  validate("param", IdParam),
  async (c) => {
    const { steward, keys, pendingHandover } = await getSteward(c.var.deps, c.req.valid("param").id);
    const now = c.var.deps.clock.now();
    return c.json({
      steward: stewardJson(steward),
      keys: keys.map((k) => keySummaryJson(k, now)),
      pendingHandover: pendingHandover
        ? {
            successorEmail: pendingHandover.successorEmail,
            createdAt: new Date(pendingHandover.createdAt).toISOString(),
          }
        : null,
    });
  },
);
