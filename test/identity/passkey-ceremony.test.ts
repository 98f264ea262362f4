import { env } from "cloudflare:test";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passkeys, users, webauthnChallenges, type User } from "../../src/db/schema";
import { fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import { registerPasskey } from "../../src/services/identity/passkeys";
import { signInWithPasskey } from "../../src/services/identity/passkey-sign-in";
import recorded from "../fixtures/webauthn.json";
import { db, unique } from "../helpers/fixtures";

// Responses recorded from Chromium's virtual authenticator (scripts/record-webauthn.mjs).
const NOW = Date.parse("2026-11-26T10:00:00Z");
const meta = { ip: "127.0.0.1", userAgent: "vitest" };

function depsAt(origin = recorded.origin, now = NOW): Deps {
  const base = buildDeps(env);
  return { ...base, clock: fixedClock(now), config: { ...base.config, appOrigin: origin, rpId: recorded.rpId } };
}

async function newUser(): Promise<User> {
  const user: User = {
    id: unique("usr_"),
    email: `${unique("p")}@mail.go.th`,
    name: "พาสคีย์ ทดสอบ",
    status: "active",
    isAdmin: false,
    rightsVersion: 0,
    locale: null,
    transitionId: null,
    createdAt: NOW,
    updatedAt: NOW,
  };
  await db.insert(users).values(user);
  return user;
}

async function challenge(
  value: string,
  purpose: "registration" | "authentication",
  userId: string | null,
  expiresAt = NOW + 5 * 60_000,
) {
  await db.delete(webauthnChallenges).where(eq(webauthnChallenges.challenge, value));
  await db.insert(webauthnChallenges).values({ challenge: value, purpose, userId, expiresAt, createdAt: NOW });
}

async function registered(fixture: { challenge: string; response: unknown } = recorded.registration) {
  await db.delete(passkeys).where(eq(passkeys.credentialId, (fixture.response as { id: string }).id));
  const user = await newUser();
  await challenge(fixture.challenge, "registration", user.id);
  const passkey = await registerPasskey(depsAt(), user, fixture.response as RegistrationResponseJSON, "แล็ปท็อป", meta);
  return { user, passkey };
}

const signIn = (fixture: { response: unknown }, deps = depsAt()) =>
  signInWithPasskey(deps, fixture.response as AuthenticationResponseJSON, meta, null);

describe("passkey registration (recorded authenticator responses)", () => {
  it("registers a discoverable, user-verified credential", async () => {
    const { user, passkey } = await registered();
    expect(passkey.name).toBe("แล็ปท็อป");
    const [row] = await db.select().from(passkeys).where(eq(passkeys.id, passkey.id));
    expect(row).toMatchObject({ userId: user.id, credentialId: recorded.registration.response.id });
  });

  it("refuses a response made for another origin", async () => {
    const user = await newUser();
    await challenge(recorded.registration.challenge, "registration", user.id);
    await expect(
      registerPasskey(
        depsAt("http://localhost:8787"),
        user,
        recorded.registration.response as RegistrationResponseJSON,
        null,
        meta,
      ),
    ).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });

  it("refuses a reused challenge, an expired one, and another user's", async () => {
    const { user } = await registered();
    await db.delete(passkeys).where(eq(passkeys.userId, user.id));
    await expect(
      registerPasskey(depsAt(), user, recorded.registration.response as RegistrationResponseJSON, null, meta),
    ).rejects.toMatchObject({ code: "passkey_verification_failed" });

    await challenge(recorded.registration.challenge, "registration", user.id, NOW - 1);
    await expect(
      registerPasskey(depsAt(), user, recorded.registration.response as RegistrationResponseJSON, null, meta),
    ).rejects.toMatchObject({ code: "passkey_verification_failed" });

    const other = await newUser();
    await challenge(recorded.registration.challenge, "registration", other.id);
    await expect(
      registerPasskey(depsAt(), user, recorded.registration.response as RegistrationResponseJSON, null, meta),
    ).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });

  it("refuses a credential made without user verification", async () => {
    const user = await newUser();
    await challenge(recorded.registrationNoUv.challenge, "registration", user.id);
    await expect(
      registerPasskey(depsAt(), user, recorded.registrationNoUv.response as RegistrationResponseJSON, null, meta),
    ).rejects.toMatchObject({ code: "passkey_verification_failed" });
    expect(await db.select().from(passkeys).where(eq(passkeys.userId, user.id))).toHaveLength(0);
  });

  it("refuses the same credential twice", async () => {
    const { user } = await registered();
    await challenge(recorded.registration.challenge, "registration", user.id);
    await expect(
      registerPasskey(depsAt(), user, recorded.registration.response as RegistrationResponseJSON, null, meta),
    ).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });
});

describe("passkey sign-in (recorded authenticator responses)", () => {
  it("signs in, stores the counter and opens a session", async () => {
    const { user, passkey } = await registered();
    await challenge(recorded.assertion1.challenge, "authentication", null);
    const result = await signIn(recorded.assertion1);
    expect(result.user.id).toBe(user.id);
    expect(result.sessionToken).toMatch(/^ses_/);
    const [row] = await db.select().from(passkeys).where(eq(passkeys.id, passkey.id));
    expect(row!.counter).toBe(2);
    expect(row!.lastUsedAt).toBe(NOW);
  });

  it("refuses a replayed assertion (the challenge is single use)", async () => {
    await registered();
    await challenge(recorded.assertion1.challenge, "authentication", null);
    await signIn(recorded.assertion1);
    await expect(signIn(recorded.assertion1)).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });

  it("refuses an expired challenge (5 minutes)", async () => {
    await registered();
    await challenge(recorded.assertion1.challenge, "authentication", null, NOW);
    await expect(signIn(recorded.assertion1)).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });

  it("refuses a counter that went backwards (a cloned authenticator)", async () => {
    await registered();
    await challenge(recorded.assertion2.challenge, "authentication", null);
    await signIn(recorded.assertion2);
    await challenge(recorded.assertion1.challenge, "authentication", null);
    await expect(signIn(recorded.assertion1)).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });

  it("refuses another origin, and the refusal locks nothing: the owner signs in right after", async () => {
    await registered();
    await challenge(recorded.assertion1.challenge, "authentication", null);
    await expect(signIn(recorded.assertion1, depsAt("https://evil.example"))).rejects.toMatchObject({
      code: "passkey_verification_failed",
    });
    await challenge(recorded.assertion1.challenge, "authentication", null);
    await expect(signIn(recorded.assertion1)).resolves.toMatchObject({ sessionToken: expect.any(String) });
  });

  it("refuses an assertion without user verification", async () => {
    const user = await newUser();
    const reg = recorded.registrationNoUv.response;
    // Registered as an old, already-trusted credential so that only the assertion's UV flag is at stake.
    const { verifyRegistrationResponse } = await import("@simplewebauthn/server");
    const info = await verifyRegistrationResponse({
      response: reg as RegistrationResponseJSON,
      expectedChallenge: recorded.registrationNoUv.challenge,
      expectedOrigin: recorded.origin,
      expectedRPID: "localhost",
      requireUserVerification: false,
    });
    const { isoBase64URL } = await import("@simplewebauthn/server/helpers");
    await db.delete(passkeys).where(eq(passkeys.credentialId, reg.id));
    await db.insert(passkeys).values({
      id: unique("pky_"),
      userId: user.id,
      credentialId: reg.id,
      publicKey: isoBase64URL.fromBuffer(info.registrationInfo!.credential.publicKey),
      counter: 0,
      name: "no UV",
      createdAt: NOW,
    });
    await challenge(recorded.assertionNoUv.challenge, "authentication", null);
    await expect(signIn(recorded.assertionNoUv)).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });

  it("refuses a suspended account and an unknown credential", async () => {
    const { user } = await registered();
    await db.update(users).set({ status: "suspended" }).where(eq(users.id, user.id));
    await challenge(recorded.assertion1.challenge, "authentication", null);
    await expect(signIn(recorded.assertion1)).rejects.toMatchObject({ code: "account_disabled" });
    await db.delete(passkeys).where(eq(passkeys.userId, user.id));
    await expect(signIn(recorded.assertion1)).rejects.toMatchObject({ code: "passkey_verification_failed" });
  });
});
