import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { requireUser } from "../../middleware/session";
import { getProfile, renameUser } from "../../services/identity/profile";
import { meJson } from "./serializers";
import { unlinkOidcIdentity } from "../../services/identity/identities";
import { BODY_ERRORS, describe, validate } from "../operation";
import { EmailField, IdParam } from "../atoms";
import { AddressVerifyBody, CodeSent, MeResponse, ProfileBody } from "./schemas";
import * as v from "valibot";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { startEmailVerification, verifyEmailForUser } from "../../services/identity/email-verification";

export const meRoutes = new Hono<AppEnv>();

meRoutes.get(
  "/",
  describe({
    tags: ["Account"],
    summary: "The signed-in user, roles, applications and terms status",
    response: MeResponse,
    errors: ["unauthenticated"],
  }),
  async (c) => {
    const { user } = requireUser(c);
    return c.json(meJson(await getProfile(c.var.deps, user)));
  },
);

meRoutes.patch(
  "/",
  describe({
    tags: ["Account"],
    summary: "Change your name, as officials and executives will read it",
    response: MeResponse,
    errors: ["invalid_request"],
  }),
  validate("json", ProfileBody),
  async (c) => {
    const { user } = requireUser(c);
    const updated = await renameUser(c.var.deps, user, c.req.valid("json").name, c.var.meta);
    return c.json(meJson(await getProfile(c.var.deps, updated)));
  },
);

meRoutes.delete(
  "/identities/:id",
  describe({
    tags: ["Account"],
    summary: "Unlink an OpenID Connect identity (never the last way to sign in)",
    status: 204,
    errors: ["unauthenticated", "not_found", "last_sign_in_method"],
  }),
  validate("param", IdParam),
  async (c) => {
    const { user } = requireUser(c);
    await unlinkOidcIdentity(c.var.deps, user, c.req.valid("param").id, c.var.meta);
    return c.body(null, 204);
  },
);

meRoutes.post(
  "/emails",
  describe({
    tags: ["Account"],
    summary: "Add an official e-mail to your account: a 6-digit code is mailed to it",
    status: 202,
    response: CodeSent,
    errors: [...BODY_ERRORS, "unauthenticated", "email_domain_not_allowed", "rate_limited"],
  }),
  validate("json", v.object({ email: EmailField })),
  async (c) => {
    const { user } = requireUser(c);
    const { outboxIds } = await startEmailVerification(
      c.var.deps,
      user,
      c.req.valid("json").email,
      c.var.meta,
      c.var.lang,
    );
    deliverAfterResponse(c, outboxIds);
    return c.json({ status: "code_sent" as const }, 202);
  },
);

meRoutes.post(
  "/emails/verify",
  describe({
    tags: ["Account"],
    summary: "Confirm the code: the address becomes a verified official e-mail of your account",
    response: MeResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "invalid_code", "too_many_attempts", "conflict"],
  }),
  validate("json", AddressVerifyBody),
  async (c) => {
    const { user } = requireUser(c);
    const updated = await verifyEmailForUser(c.var.deps, user, c.req.valid("json"), c.var.meta);
    return c.json(meJson(await getProfile(c.var.deps, updated)));
  },
);
