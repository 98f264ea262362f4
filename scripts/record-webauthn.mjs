#!/usr/bin/env node
// Records real WebAuthn responses from Chromium's virtual authenticator (DevTools protocol)
// into test/fixtures/webauthn.json, for unit tests of the passkey ceremonies. Re-run only when
// the fixtures must change: node scripts/record-webauthn.mjs (needs Debian's chromium).
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const PORT = 9782;
const ORIGIN = `http://localhost:${PORT}`;
const b64url = (text) => Buffer.from(text).toString("base64url");

const server = createServer((_req, res) => {
  res.setHeader("Content-Type", "text/html");
  res.end("<!doctype html><title>recorder</title>");
});
await new Promise((resolve) => server.listen(PORT, "127.0.0.1", resolve));

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
});
const page = await browser.newPage();
await page.goto(`${ORIGIN}/`);
const cdp = await page.context().newCDPSession(page);
await cdp.send("WebAuthn.enable", { enableUI: false });

async function authenticator(userVerification) {
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: userVerification,
      isUserVerified: userVerification,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

const create = (options) =>
  page.evaluate(
    async (json) =>
      (
        await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) })
      ).toJSON(),
    options,
  );
const get = (options) =>
  page.evaluate(
    async (json) =>
      (await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) })).toJSON(),
    options,
  );

const creationOptions = (challenge, userVerification, userId) => ({
  rp: { id: "localhost", name: "steward" },
  user: { id: b64url(userId), name: `${userId}@dga.or.th`, displayName: userId },
  challenge: b64url(challenge),
  pubKeyCredParams: [
    { type: "public-key", alg: -7 },
    { type: "public-key", alg: -257 },
  ],
  authenticatorSelection: { residentKey: "required", userVerification },
  attestation: "none",
});
const requestOptions = (challenge, userVerification, allowId) => ({
  challenge: b64url(challenge),
  rpId: "localhost",
  userVerification,
  ...(allowId ? { allowCredentials: [{ type: "public-key", id: allowId }] } : {}),
});

const verified = await authenticator(true);
const registration = {
  challenge: b64url("registration-challenge-0001"),
  response: await create(creationOptions("registration-challenge-0001", "required", "usr_recorded")),
};
const assertion1 = {
  challenge: b64url("authentication-challenge-0001"),
  response: await get(requestOptions("authentication-challenge-0001", "required")),
};
const assertion2 = {
  challenge: b64url("authentication-challenge-0002"),
  response: await get(requestOptions("authentication-challenge-0002", "required")),
};
await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: verified });

await authenticator(false);
const registrationNoUv = {
  challenge: b64url("registration-challenge-nouv"),
  response: await create(creationOptions("registration-challenge-nouv", "discouraged", "usr_nouv")),
};
const assertionNoUv = {
  challenge: b64url("authentication-challenge-nouv"),
  response: await get(requestOptions("authentication-challenge-nouv", "discouraged", registrationNoUv.response.id)),
};

writeFileSync(
  new URL("../test/fixtures/webauthn.json", import.meta.url),
  `${JSON.stringify({ origin: ORIGIN, rpId: "localhost", registration, assertion1, assertion2, registrationNoUv, assertionNoUv }, null, 2)}\n`,
);
await browser.close();
server.close();
console.log("recorded test/fixtures/webauthn.json");
