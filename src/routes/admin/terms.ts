import { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../../middleware/app-env";
import { multiLine, singleLine } from "../../lib/fields";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { requireAdmin } from "../../middleware/session";
import { publishTerms } from "../../services/terms/publish";
import { describe, validate } from "../operation";
import { TermsJson } from "../atoms";

export const TermsPublishBody = v.object({
  version: v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9._-]{1,50}$/, "letters, digits, . _ -")),
  titleTh: singleLine(300),
  titleEn: singleLine(300),
  bodyTh: multiLine(30000),
  bodyEn: multiLine(30000),
  effectiveAt: v.optional(v.nullable(v.pipe(v.string(), v.isoTimestamp()))),
});

export const adminTermsRoutes = new Hono<AppEnv>();

adminTermsRoutes.post(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Publish a new version of the terms: from effectiveAt (default now) users accept it again and stewards' publish keys wait for their acceptance",
    status: 201,
    response: TermsJson,
    errors: ["unsupported_media_type", "payload_too_large", "invalid_request", "unauthenticated", "forbidden", "conflict"],
  }),
  validate("json", TermsPublishBody),
  async (c) => {
    const { user } = requireAdmin(c);
    const { terms, outboxIds } = await publishTerms(c.var.deps, user, c.req.valid("json"), c.var.meta);
    deliverAfterResponse(c, outboxIds);
    return c.json(terms, 201);
  },
);
