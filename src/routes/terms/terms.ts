import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { requireUser } from "../../middleware/session";
import { acceptTerms, requireCurrentTerms } from "../../services/terms/acceptance";
import { termsAcceptedJson, termsJson } from "./serializers";
import { BODY_ERRORS, describe, validate } from "../operation";
import { TermsAcceptBody, TermsAccepted, TermsJson } from "./schemas";

export const termsRoutes = new Hono<AppEnv>();

termsRoutes.get(
  "/",
  describe({
    tags: ["Terms"],
    summary: "The current terms of use",
    response: TermsJson,
    errors: ["not_found"],
    security: "none",
  }),
  async (c) => {
    const { deps } = c.var;
    return c.json(termsJson(await requireCurrentTerms(deps.db, deps.clock.now())));
  },
);

termsRoutes.post(
  "/accept",
  describe({
    tags: ["Terms"],
    summary: "Accept the current terms (evidence: version, sha256, time, IP, user agent)",
    response: TermsAccepted,
    errors: [...BODY_ERRORS, "unauthenticated", "terms_version_mismatch"],
  }),
  validate("json", TermsAcceptBody),
  async (c) => {
    const { user } = requireUser(c);
    return c.json(
      termsAcceptedJson(
        await acceptTerms(c.var.deps, user.id, user.email ?? user.id, c.req.valid("json").version, c.var.meta),
      ),
    );
  },
);
