import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newContext, origin, signInByEmail, uniqueEmail } from "./browser";

/** Chromium's DevTools virtual authenticator: a platform authenticator with user verification. */
async function virtualAuthenticator(
  page: Page,
  options: { isUserVerified?: boolean } = {},
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function me(page: Page) {
  const res = await page.request.get("/api/v1/me");
  return { status: res.status(), body: res.ok() ? ((await res.json()) as { user: { email: string } }) : null };
}

async function registerPasskey(page: Page, name: string) {
  await page.goto(`${origin}/account`);
  await page.fill("[data-passkey-name]", name);
  await Promise.all([
    page.waitForURL(`${origin}/account`, { waitUntil: "load" }),
    page.click("[data-passkey-register]"),
  ]);
  await page.waitForSelector(`text=${name}`);
}

async function signOut(page: Page) {
  if ((await me(page)).status === 200) {
    await page.goto(`${origin}/account`);
    await Promise.all([page.waitForURL(/\/signin/), page.click('form[action="/signout"] button')]);
  }
  expect((await me(page)).status).toBe(401);
}

/**
 * Clicks "sign in with a passkey" and returns the answer of the verify request; after a success,
 * once the page's script has navigated away from the sign-in page (a test's next navigation
 * would otherwise interrupt it, or be interrupted by it).
 */
async function clickPasskeySignIn(page: Page) {
  await page.goto(`${origin}/signin`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/passkey/verify")),
    page.click("[data-passkey-signin]"),
  ]);
  if (response.status() === 200) await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  return response;
}

describe.skipIf(!origin)("passkeys in real Chromium with a virtual authenticator", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let authenticator: { cdp: CDPSession; authenticatorId: string };
  const email = uniqueEmail();

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    // Chromium's virtual authenticator answers autofill (conditional) requests by itself; these
    // tests use the button, as in a browser without conditional UI. Conditional UI has its own test.
    await context.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
    page = await context.newPage();
    authenticator = await virtualAuthenticator(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("registers a passkey after an e-mail sign-in, signs out, and signs in with it", async () => {
    await signInByEmail(page, email);
    await registerPasskey(page, "แล็ปท็อปทดสอบ");
    const list = (await (await page.request.get("/api/v1/passkeys")).json()) as { passkeys: { name: string }[] };
    expect(list.passkeys.map((p) => p.name)).toEqual(["แล็ปท็อปทดสอบ"]);

    await signOut(page);
    const response = await clickPasskeySignIn(page);
    expect(response.status()).toBe(200);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    expect((await me(page)).body?.user.email).toBe(email);
  });

  it("refuses a replayed assertion (the challenge is single use)", async () => {
    await signOut(page);
    let captured: string | null = null;
    await page.route("**/api/v1/auth/passkey/verify", async (route) => {
      captured = route.request().postData();
      await route.continue();
    });
    expect((await clickPasskeySignIn(page)).status()).toBe(200);
    await page.unroute("**/api/v1/auth/passkey/verify");
    await signOut(page);
    const replay = await page.request.post("/api/v1/auth/passkey/verify", {
      data: JSON.parse(captured!),
      headers: { Origin: origin! },
    });
    expect(replay.status()).toBe(400);
    expect(((await replay.json()) as { code: string }).code).toBe("passkey_verification_failed");
    expect((await me(page)).status).toBe(401);
  });

  it("refuses an assertion made for another origin", async () => {
    await page.route("**/api/v1/auth/passkey/verify", async (route) => {
      const body = JSON.parse(route.request().postData()!);
      const clientData = JSON.parse(Buffer.from(body.response.response.clientDataJSON, "base64url").toString());
      clientData.origin = "http://evil.localhost:8788";
      body.response.response.clientDataJSON = Buffer.from(JSON.stringify(clientData)).toString("base64url");
      await route.continue({ postData: JSON.stringify(body) });
    });
    const response = await clickPasskeySignIn(page);
    await page.unroute("**/api/v1/auth/passkey/verify");
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/origin/i);
    expect((await me(page)).status).toBe(401);
  });

  it("refuses an assertion without user verification when it is required", async () => {
    await page.route("**/api/v1/auth/passkey/verify", async (route) => {
      const body = JSON.parse(route.request().postData()!);
      const authData = Buffer.from(body.response.response.authenticatorData, "base64url");
      authData[32] = authData[32]! & ~0x04; // clear the UV flag
      body.response.response.authenticatorData = authData.toString("base64url");
      await route.continue({ postData: JSON.stringify(body) });
    });
    const response = await clickPasskeySignIn(page);
    await page.unroute("**/api/v1/auth/passkey/verify");
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/verif/i);
    expect((await me(page)).status).toBe(401);
  });

  it("an authenticator that cannot verify the user gets no session", async () => {
    const other = await (await newContext(browser)).newPage();
    await virtualAuthenticator(other, { isUserVerified: false });
    await other.goto(`${origin}/signin`);
    await other.click("[data-passkey-signin]");
    await other.waitForFunction(
      () => (document.querySelector("[data-passkey-status]")?.textContent ?? "").trim().length > 0,
    );
    expect((await me(other)).status).toBe(401);
  });
  it("signs in through conditional UI (passkey autofill) on the sign-in page", async () => {
    await signOut(page);
    const { credentials } = await authenticator.cdp.send("WebAuthn.getCredentials", {
      authenticatorId: authenticator.authenticatorId,
    });
    expect(credentials).toHaveLength(1);
    // The same passkey in a browser that offers conditional UI: opening the page is enough.
    const autofill = await newContext(browser);
    const other = await autofill.newPage();
    const second = await virtualAuthenticator(other);
    await second.cdp.send("WebAuthn.addCredential", {
      authenticatorId: second.authenticatorId,
      credential: credentials[0]!,
    });
    const verified = other.waitForResponse((r) => r.url().endsWith("/api/v1/auth/passkey/verify"));
    await other.goto(`${origin}/signin`);
    expect((await verified).status()).toBe(200);
    await other.waitForURL((url) => !url.pathname.startsWith("/signin"));
    expect((await me(other)).body?.user.email).toBe(email);
    await autofill.close();

    // The copy moved the signature counter on; the original authenticator is now behind it,
    // as a cloned authenticator would be: refused.
    expect((await clickPasskeySignIn(page)).status()).toBe(400);
    expect((await me(page)).status).toBe(401);
  });
});
