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
import { SignInPage, type SignInProvider, type SignInValues } from "../../../views/identity/sign-in-page";
import { AddressVerifyBody, EmailStartBody } from "../../identity/schemas";
import { formProblem, type FormMessages } from "../form-problem";
import { attempt, formFields, parseForm } from "../helpers";
import { html } from "../render";

export const signInPages = new Hono<AppEnv>();

signInPages.get("/", (c) => c.redirect(c.var.session ? "/applications" : "/signin", 303));

/** The OpenID providers the sign-in page offers. */
function providersOf(c: Context<AppEnv>): SignInProvider[] {
  return c.var.deps.config.oidcProviders.map(({ id, nameTh, nameEn }) => ({ id, nameTh, nameEn }));
}

signInPages.get("/signin", (c) =>
  html(c, <SignInPage providers={providersOf(c)} returnTo={safeReturnTo(c.req.query("returnTo"))} />),
);

/** What the sign-in form says when a field is wrong, and which refusals belong to a field. */
const SIGN_IN_MESSAGES: FormMessages = {
  fields: {
    email: {
      th: "กรอกอีเมลราชการให้ถูกต้อง เช่น name@mail.go.th",
      en: "Enter your government e-mail address, like name@mail.go.th",
    },
    name: {
      th: "กรอกชื่อ-นามสกุลในบรรทัดเดียว ไม่เกิน 200 ตัวอักษร หรือเว้นว่างไว้",
      en: "Enter your full name on one line, up to 200 characters, or leave it empty",
    },
  },
  codes: { email_domain_not_allowed: "email" },
};

/** The sign-in page again after a refused start: the problem at its field, the typed values kept. */
function signInRefused(c: Context<AppEnv>, values: SignInValues, error: AppError) {
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return html(
    c,
    <SignInPage providers={providersOf(c)} values={values} problem={formProblem(error, SIGN_IN_MESSAGES)} />,
    error.status,
  );
}

signInPages.post("/signin", async (c) => {
  const form = await formFields(c);
  const values: SignInValues = { email: form.email ?? "", name: form.name ?? "" };
  const input = parseForm(EmailStartBody, { email: values.email, name: values.name || null });
  if (!input.ok) return signInRefused(c, values, input.error);
  const email = input.value.email;
  const started = await attempt(() => startEmailSignIn(c.var.deps, input.value, c.var.meta, c.var.lang));
  if (!started.ok) return signInRefused(c, values, started.error);
  setSignInBinding(c, started.value.binding, started.value.bindingMaxAgeSeconds);
  deliverAfterResponse(c, started.value.outboxIds);
  return c.redirect(`/signin/code?email=${encodeURIComponent(email)}`, 303);
});

signInPages.get("/signin/code", (c) => {
  // Only an address the sign-in form would take: a crafted link cannot show other text.
  const email = v.safeParse(EmailStartBody, { email: c.req.query("email") ?? "" });
  if (!email.success) return c.redirect("/signin", 303);
  return html(c, <CodePage email={email.output.email} />);
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

/** What the code form says when the code is wrong; the service's refusals of a code belong to its field. */
const CODE_MESSAGES: FormMessages = {
  fields: {
    code: { th: "กรอกรหัส 6 หลักจากอีเมล เป็นตัวเลขเท่านั้น", en: "Enter the 6-digit code from the e-mail, digits only" },
  },
  codes: { invalid_code: "code", too_many_attempts: "code" },
};

const NO_ADDRESS = {
  th: "ไม่ทราบว่ารหัสนี้ส่งไปที่อีเมลใด กรุณาขอรหัสใหม่",
  en: "We do not know which address this code was sent to: ask for a new code.",
};

signInPages.post("/signin/code", async (c) => {
  const form = await formFields(c);
  // The address is a hidden field: one the sign-in form would not take leaves only the way back.
  const address = v.safeParse(EmailStartBody, { email: form.email ?? "" });
  if (!address.success) return html(c, <CodePage email="" problem={{ fields: [], general: [NO_ADDRESS] }} />, 400);
  const { email } = address.output;
  const input = parseForm(AddressVerifyBody, { email, code: form.code ?? "" });
  const codePage = `/signin/code?email=${encodeURIComponent(email)}`;
  if (!input.ok)
    return html(c, <CodePage email={email} problem={formProblem(input.error, CODE_MESSAGES)} />, 400, codePage);
  const signedIn = await attempt(() =>
    verifyEmailCode(c.var.deps, input.value, c.var.meta, currentSessionId(c), signInBinding(c)),
  );
  if (!signedIn.ok) {
    for (const [name, value] of Object.entries(signedIn.error.headers ?? {})) c.header(name, value);
    const dead = isDeadCode(signedIn.error);
    // A dead code has no field left to fix: its message belongs to the whole page.
    const problem = formProblem(signedIn.error, dead ? { fields: {} } : CODE_MESSAGES);
    return html(c, <CodePage email={email} problem={problem} dead={dead} />, signedIn.error.status, codePage);
  }
  setSessionCookie(c, signedIn.value.sessionToken);
  return c.redirect(await landing(c, signedIn.value.user.id), 303);
});

// The e-mailed link: GET only shows a button (mail scanners fetch links); POST signs in.
signInPages.get("/auth/email/:token", async (c) => {
  const { token, state } = await findSignInLink(c.var.deps, c.req.param("token"));
  if (state !== "valid" || !token) return html(c, errorPage(linkError(state)), linkError(state).status);
  return html(c, <EmailLinkPage email={token.email} action={c.req.path} />);
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
    return html(c, errorPage(error), error.status);
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
  if (state === "unknown")
    return new AppError("not_found", { th: "ลิงก์เข้าสู่ระบบนี้ไม่ถูกต้อง", en: "This sign-in link is not valid." });
  if (state === "expired")
    return new AppError("link_expired", {
      th: "ลิงก์หมดอายุแล้ว กรุณาขอรหัสใหม่",
      en: "This sign-in link has expired: ask for a new code.",
    });
  return new AppError("invalid_transition", { th: "ลิงก์นี้ถูกใช้ไปแล้ว", en: "This sign-in link was already used." });
}
