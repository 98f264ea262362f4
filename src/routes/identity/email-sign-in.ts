import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { currentSessionId, setSessionCookie, setSignInBinding, signInBinding } from "../../middleware/session";
import { startEmailSignIn, verifyEmailCode } from "../../services/identity/email-sign-in";
import { userJson } from "./serializers";
import { BODY_ERRORS, describe, validate } from "../operation";
import { CodeSent, EmailStartBody, EmailVerifyBody, UserResponse } from "./schemas";

export const emailAuthRoutes = new Hono<AppEnv>();

emailAuthRoutes.post(
  "/start",
  describe({
    tags: ["Sign-in"],
    summary: "Start an e-mail sign-in (also signs up): sends a 6-digit code and a link",
    description:
      "The e-mail is in the request's language: the `steward_lang` cookie, else `Accept-Language` (Thai or English), else Thai.",
    status: 202,
    response: CodeSent,
    errors: [...BODY_ERRORS, "email_domain_not_allowed", "rate_limited", "cross_site_request"],
    security: "none",
  }),
  validate("json", EmailStartBody),
  async (c) => {
    const { outboxIds, binding, bindingMaxAgeSeconds } = await startEmailSignIn(
      c.var.deps,
      c.req.valid("json"),
      c.var.meta,
      c.var.lang,
    );
    setSignInBinding(c, binding, bindingMaxAgeSeconds);
    deliverAfterResponse(c, outboxIds);
    return c.json({ status: "code_sent" as const }, 202);
  },
);

emailAuthRoutes.post(
  "/verify",
  describe({
    tags: ["Sign-in"],
    summary: "Verify the e-mailed code; sets the session cookie",
    description:
      "A new account takes the `name` sent here, or else the one sent to /start from the same browser (the cookie /start sets); a name someone else typed for the address is never used.",
    response: UserResponse,
    errors: [...BODY_ERRORS, "invalid_code", "too_many_attempts", "account_disabled", "rate_limited"],
    security: "none",
  }),
  validate("json", EmailVerifyBody),
  async (c) => {
    const signedIn = await verifyEmailCode(
      c.var.deps,
      c.req.valid("json"),
      c.var.meta,
      currentSessionId(c),
      signInBinding(c),
    );
    setSessionCookie(c, signedIn.sessionToken);
    return c.json({ user: userJson(signedIn.user) });
  },
);
