import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { publishTerms } from "../../services/terms/publish";
import { BODY_ERRORS, describe, validate } from "../operation";
import { TermsJson, TermsPublishBody } from "../terms/schemas";
import { termsJson } from "../terms/serializers";

export const adminTermsRoutes = new Hono<AdminEnv>();

adminTermsRoutes.post(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary:
      "Publish a new version of the terms: from effectiveAt (default now) users accept it again and stewards' publish keys wait for their acceptance",
    status: 201,
    response: TermsJson,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "conflict"],
  }),
  validate("json", TermsPublishBody),
  async (c) => {
    const user = c.var.admin;
    const { terms, outboxIds } = await publishTerms(c.var.deps, user, c.req.valid("json"), c.var.meta);
    deliverAfterResponse(c, outboxIds);
    return c.json(termsJson(terms), 201);
  },
);
