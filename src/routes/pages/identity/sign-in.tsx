import { Hono, type Context } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../../../middleware/app-env";
import { AppError } from "../../../errors";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { currentSessionId, setSessionCookie, setSignInBinding, signInBinding } from "../../../middleware/session";
import {
  findSignInLink,
  signInWithLink,
  startEmailSignIn,
  verifyEmailCode,
} from "../../../services/identity/email-sign-in";
import { safeReturnTo } from "../../../services/identity/oidc-flow";
import { signOut } from "../../../services/identity/sign-out";
import { hasAcceptedCurrentTerms } from "../../../services/terms/acceptance";
import { clearSessionCookie } from "../../../middleware/session";
import { CodePage } from "../../../views/identity/code-page";
import { EmailLinkPage } from "../../../views/identity/email-link-page";
import { errorPage } from "../../../views/platform/error-page";
import { SignInPage } from "../../../views/identity/sign-in-page";
import { AddressVerifyBody, EmailStartBody } from "../../identity/schemas";
import { attempt, formFields, messageOf } from "../helpers";

export const signInPages = new Hono<AppEnv>();

signInPages.get("/", (c) => c.redirect(c.var.session ? "/applications" : "/signin", 303));

signInPages.get("/signin", (c) => {
  const providers = c.var.deps.config.oidcProviders.map(({ id, nameTh, nameEn }) => ({ id, nameTh, nameEn }));
  return c.html(<SignInPage providers={providers} returnTo={safeReturnTo(c.req.query("returnTo"))} />);
});

signInPages.post("/signin", async (c) => {
  const form = await formFields(c);
  const input = v.safeParse(EmailStartBody, { email: form.email ?? "", name: form.name || null });
  if (!input.success)
    return c.html(<SignInPage email={form.email} error="กรุณากรอกอีเมลให้ถูกต้อง / Enter a valid e-mail address" />, 400);
  const email = input.output.email;
  const started = await attempt(() => startEmailSignIn(c.var.deps, input.output, c.var.meta));
  if (!started.ok) return c.html(<SignInPage email={email} error={messageOf(started.error)} />, started.error.status);
  setSignInBinding(c, started.value.binding, started.value.bindingMaxAgeSeconds);
  deliverAfterResponse(c, started.value.outboxIds);
  return c.redirect(`/signin/code?email=${encodeURIComponent(email)}`, 303);
});

signInPages.get("/signin/code", (c) => {
  // Only an address the sign-in form would take: a crafted link cannot show other text.
  const email = v.safeParse(EmailStartBody, { email: c.req.query("email") ?? "" });
  if (!email.success) return c.redirect("/signin", 303);
  return c.html(<CodePage email={email.output.email} />);
});

/**
 * Whether a refused code leaves nothing to type: no tries left, expired or replaced (a wait
 * after many failures is not dead: the same code works once the wait ends).
 */
function isDeadCode(error: AppError): boolean {
  if (error.code === "too_many_attempts") return error.extensions?.retryAfter === undefined;
  return error.code === "invalid_code" && (error.extensions?.attemptsLeft ?? 0) === 0;
}

/** Where a fresh session goes: the terms first if the current version is not accepted. */
async function landing(c: Context<AppEnv>, userId: string): Promise<string> {
  return (await hasAcceptedCurrentTerms(c.var.deps.db, userId, c.var.deps.clock.now())) ? "/applications" : "/terms";
}

signInPages.post("/signin/code", async (c) => {
  const form = await formFields(c);
  const input = v.safeParse(AddressVerifyBody, { email: form.email ?? "", code: form.code ?? "" });
  if (!input.success)
    return c.html(
      <CodePage email={form.email ?? ""} error="กรุณากรอกอีเมลและรหัส 6 หลัก / Enter the e-mail and the 6-digit code" />,
      400,
    );
  const { email } = input.output;
  const signedIn = await attempt(() =>
    verifyEmailCode(c.var.deps, input.output, c.var.meta, currentSessionId(c), signInBinding(c)),
  );
  if (!signedIn.ok) {
    for (const [name, value] of Object.entries(signedIn.error.headers ?? {})) c.header(name, value);
    return c.html(
      <CodePage email={email} error={messageOf(signedIn.error)} dead={isDeadCode(signedIn.error)} />,
      signedIn.error.status,
    );
  }
  setSessionCookie(c, signedIn.value.sessionToken);
  return c.redirect(await landing(c, signedIn.value.user.id), 303);
});

// The e-mailed link: GET only shows a button (mail scanners fetch links); POST signs in.
signInPages.get("/auth/email/:token", async (c) => {
  const { token, state } = await findSignInLink(c.var.deps, c.req.param("token"));
  if (state !== "valid" || !token) return c.html(errorPage(linkError(state)), linkError(state).status);
  return c.html(<EmailLinkPage email={token.email} action={c.req.path} />);
});

signInPages.post("/auth/email/:token", async (c) => {
  const signedIn = await signInWithLink(
    c.var.deps,
    c.req.param("token"),
    c.var.meta,
    currentSessionId(c),
    signInBinding(c),
  );
  if (!signedIn) {
    const { state } = await findSignInLink(c.var.deps, c.req.param("token"));
    const error = linkError(state === "valid" ? "used" : state);
    return c.html(errorPage(error), error.status);
  }
  setSessionCookie(c, signedIn.sessionToken);
  return c.redirect(await landing(c, signedIn.user.id), 303);
});

signInPages.post("/signout", async (c) => {
  await signOut(c.var.deps, c.var.session, c.var.meta);
  clearSessionCookie(c);
  return c.redirect("/signin", 303);
});

function linkError(state: "valid" | "used" | "expired" | "unknown"): AppError {
  if (state === "unknown") return new AppError("not_found", "ลิงก์เข้าสู่ระบบนี้ไม่ถูกต้อง / This sign-in link is not valid.");
  if (state === "expired")
    return new AppError(
      "link_expired",
      "ลิงก์หมดอายุแล้ว กรุณาขอรหัสใหม่ / This sign-in link has expired: ask for a new code.",
    );
  return new AppError("invalid_transition", "ลิงก์นี้ถูกใช้ไปแล้ว / This sign-in link was already used.");
}
