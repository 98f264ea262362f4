import { env } from "cloudflare:test";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { buildDeps } from "../../src/middleware/deps";
import { signInWithPasskey } from "../../src/services/identity/passkey-sign-in";
import { SESSION_COOKIE, expectProblem } from "../helpers/auth-db";
import { Client } from "../helpers/client";
import { MINUTE, address, passkeySignIn, registerPasskey, signInWith, userOf } from "../helpers/identity-auth";
import { SoftAuthenticator } from "../helpers/identity-webauthn";

interface ChallengeRow {
  challenge: string;
  purpose: string;
  user_id: string | null;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

const challengeRow = (challenge: string) =>
  env.DB.prepare("SELECT * FROM webauthn_challenges WHERE challenge = ?").bind(challenge).first<ChallengeRow>();

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

afterEach(() => setDevClockOffset(0));

describe("registration options", () => {
  it("asks for a discoverable, user-verified credential for this RP, and stores the challenge for this user", async () => {
    const email = address();
    const client = await signInWith(new Client(), email);
    const res = await client.json("POST", "/api/v1/passkeys/registration/options");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const options = await json<{
      challenge: string;
      rp: { id: string };
      user: { name: string };
      authenticatorSelection: Record<string, unknown>;
      excludeCredentials?: { id: string }[];
    }>(res);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.rp.id).toBe("localhost");
    expect(options.user.name).toBe(email);
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const row = await challengeRow(options.challenge);
    expect(row).toMatchObject({ purpose: "registration", user_id: (await userOf(client)).id, used_at: null });
    expect(row!.expires_at - row!.created_at).toBe(5 * MINUTE);
  });

  it("excludes the credentials the user already has", async () => {
    const client = await signInWith(new Client(), address());
    const { authenticator } = await registerPasskey(client);
    const options = await json<{ excludeCredentials: { id: string }[] }>(
      await client.json("POST", "/api/v1/passkeys/registration/options"),
    );
    expect(options.excludeCredentials.map((c) => c.id)).toEqual([authenticator.credentialId]);
  });

  it("needs a session, like the rest of /api/v1/passkeys", async () => {
    const anonymous = new Client();
    await expectProblem(await anonymous.json("POST", "/api/v1/passkeys/registration/options"), 401, "unauthenticated");
    await expectProblem(await anonymous.fetch("/api/v1/passkeys"), 401, "unauthenticated");
    await expectProblem(await anonymous.fetch("/api/v1/passkeys/pky_x", { method: "DELETE" }), 401, "unauthenticated");
  });
});

describe("sign-in options", () => {
  it("asks for user verification, names no credentials, and stores a fresh 5-minute challenge", async () => {
    const client = new Client();
    const first = await json<{
      challenge: string;
      rpId: string;
      userVerification: string;
      allowCredentials?: unknown[];
    }>(await client.json("POST", "/api/v1/auth/passkey/options"));
    expect(first.userVerification).toBe("required");
    expect(first.rpId).toBe("localhost");
    expect(first.allowCredentials ?? []).toEqual([]);
    const row = await challengeRow(first.challenge);
    expect(row).toMatchObject({ purpose: "authentication", user_id: null, used_at: null });
    expect(row!.expires_at - row!.created_at).toBe(5 * MINUTE);
    const second = await json<{ challenge: string }>(await client.json("POST", "/api/v1/auth/passkey/options"));
    expect(second.challenge).not.toBe(first.challenge);
    expect(client.cookies.size).toBe(0);
  });
});

describe("the whole ceremony over HTTP (software authenticator)", () => {
  it("registers (201, the server's own id), lists, and signs in a new browser with a session", async () => {
    const owner = await signInWith(new Client(), address());
    const ownerId = (await userOf(owner)).id;
    const { authenticator, passkey } = await registerPasskey(owner, "  แล็ปท็อป  ");
    expect(passkey).toMatchObject({ name: "แล็ปท็อป", lastUsedAt: null });
    expect(passkey.id).not.toBe(authenticator.credentialId);
    const listed = await json<{
      passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
    }>(await owner.fetch("/api/v1/passkeys"));
    expect(listed.passkeys).toEqual([
      { id: passkey.id, name: "แล็ปท็อป", createdAt: expect.any(String), lastUsedAt: null },
    ]);

    const browser = new Client();
    const res = await passkeySignIn(browser, authenticator);
    const body = await json<{ user: { id: string } }>(res);
    expect(body.user.id).toBe(ownerId);
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=.*HttpOnly`, "i"));
    expect((await userOf(browser)).id).toBe(ownerId);
    const after = await json<{ passkeys: { lastUsedAt: string | null }[] }>(await owner.fetch("/api/v1/passkeys"));
    expect(after.passkeys[0]!.lastUsedAt).not.toBeNull();
  });

  it("uses each challenge once: a replayed assertion gets 400 and no session", async () => {
    const { authenticator } = await registerPasskey(await signInWith(new Client(), address()));
    const options = await json<{ challenge: string }>(await new Client().json("POST", "/api/v1/auth/passkey/options"));
    const assertion = await authenticator.assert(options);
    expect((await new Client().json("POST", "/api/v1/auth/passkey/verify", { response: assertion })).status).toBe(200);
    expect((await challengeRow(options.challenge))!.used_at).not.toBeNull();
    const replay = new Client();
    await expectProblem(
      await replay.json("POST", "/api/v1/auth/passkey/verify", { response: assertion }),
      400,
      "passkey_verification_failed",
    );
    expect(replay.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("refuses a challenge older than 5 minutes", async () => {
    const { authenticator } = await registerPasskey(await signInWith(new Client(), address()));
    const client = new Client();
    const options = await json<{ challenge: string }>(await client.json("POST", "/api/v1/auth/passkey/options"));
    setDevClockOffset(5 * MINUTE + 1000);
    await expectProblem(
      await client.json("POST", "/api/v1/auth/passkey/verify", { response: await authenticator.assert(options) }),
      400,
      "passkey_verification_failed",
    );
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("refuses an assertion made for another origin", async () => {
    const { authenticator } = await registerPasskey(await signInWith(new Client(), address()));
    const client = new Client();
    const options = await json<{ challenge: string }>(await client.json("POST", "/api/v1/auth/passkey/options"));
    await expectProblem(
      await client.json("POST", "/api/v1/auth/passkey/verify", {
        response: await authenticator.assert(options, "https://evil.example"),
      }),
      400,
      "passkey_verification_failed",
    );
  });

  it("refuses registering the same credential twice, and a replayed registration", async () => {
    const client = await signInWith(new Client(), address());
    const options = await json<{ challenge: string }>(
      await client.json("POST", "/api/v1/passkeys/registration/options"),
    );
    const authenticator = await SoftAuthenticator.create();
    const response = await authenticator.register(options);
    expect((await client.json("POST", "/api/v1/passkeys/registration/verify", { response })).status).toBe(201);
    await expectProblem(
      await client.json("POST", "/api/v1/passkeys/registration/verify", { response }),
      400,
      "passkey_verification_failed",
    );
    const again = await json<{ challenge: string }>(await client.json("POST", "/api/v1/passkeys/registration/options"));
    await expectProblem(
      await client.json("POST", "/api/v1/passkeys/registration/verify", {
        response: await authenticator.register(again),
      }),
      400,
      "passkey_verification_failed",
    );
    expect((await json<{ passkeys: unknown[] }>(await client.fetch("/api/v1/passkeys"))).passkeys).toHaveLength(1);
  });
});

describe("bad input to passkey sign-in", () => {
  it("garbage is 400 invalid_request", async () => {
    const client = new Client();
    for (const body of [
      {},
      { response: "nope" },
      { response: { id: "a b", rawId: "x", type: "public-key", response: {} } },
    ]) {
      await expectProblem(await client.json("POST", "/api/v1/auth/passkey/verify", body), 400, "invalid_request");
    }
    const res = await client.fetch("/api/v1/auth/passkey/verify", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    await expectProblem(res, 400, "invalid_request");
  });

  it("a well-formed response from an unknown credential is 400 passkey_verification_failed", async () => {
    const client = new Client();
    const options = await json<{ challenge: string }>(await client.json("POST", "/api/v1/auth/passkey/options"));
    const stranger = await SoftAuthenticator.create();
    await expectProblem(
      await client.json("POST", "/api/v1/auth/passkey/verify", { response: await stranger.assert(options) }),
      400,
      "passkey_verification_failed",
    );
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe("managing passkeys", () => {
  it("a new user has none; unknown ids and other users' passkeys are 404", async () => {
    const client = await signInWith(new Client(), address());
    expect(await json(await client.fetch("/api/v1/passkeys"))).toEqual({ passkeys: [] });
    await expectProblem(await client.fetch("/api/v1/passkeys/pky_unknown", { method: "DELETE" }), 404, "not_found");
    const other = await signInWith(new Client(), address());
    const { passkey } = await registerPasskey(other);
    await expectProblem(await client.fetch(`/api/v1/passkeys/${passkey.id}`, { method: "DELETE" }), 404, "not_found");
    expect((await json<{ passkeys: unknown[] }>(await other.fetch("/api/v1/passkeys"))).passkeys).toHaveLength(1);
  });

  it("DELETE removes my passkey (204): it no longer signs in", async () => {
    const client = await signInWith(new Client(), address());
    const { authenticator, passkey } = await registerPasskey(client);
    expect((await client.fetch(`/api/v1/passkeys/${passkey.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await json(await client.fetch("/api/v1/passkeys"))).toEqual({ passkeys: [] });
    await expectProblem(await passkeySignIn(new Client(), authenticator), 400, "passkey_verification_failed");
  });
});

describe("a cloned authenticator racing itself", () => {
  it("sequential assertions with the same counter: the second is refused", async () => {
    const { authenticator } = await registerPasskey(await signInWith(new Client(), address()));
    expect((await passkeySignIn(new Client(), authenticator)).status).toBe(200);
    authenticator.counter -= 1; // the clone signs with the counter already used
    await expectProblem(await passkeySignIn(new Client(), authenticator), 400, "passkey_verification_failed");
  });

  it("losing the counter compare-and-swap (a concurrent sign-in won) opens no session and records no sign-in", async () => {
    const owner = await signInWith(new Client(), address());
    const ownerId = (await userOf(owner)).id;
    const { authenticator } = await registerPasskey(owner);
    const options = await json<{ challenge: string }>(await new Client().json("POST", "/api/v1/auth/passkey/options"));
    const assertion = await authenticator.assert(options);
    // The winner's batch commits between this sign-in's read of the counter and its own batch.
    const racing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            await target.prepare("UPDATE passkeys SET counter = counter + 1 WHERE user_id = ?").bind(ownerId).run();
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const deps = { ...buildDeps(env), db: createDb(racing) };
    await expect(
      signInWithPasskey(
        deps,
        assertion as unknown as AuthenticationResponseJSON,
        { ip: "10.9.9.9", userAgent: "race" },
        null,
      ),
    ).rejects.toMatchObject({ code: "passkey_verification_failed" });

    const sessions = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL")
      .bind(ownerId)
      .first<{ n: number }>();
    expect.soft(sessions!.n).toBe(1); // only the owner's e-mail session
    const signIns = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'user.signed_in' AND subject = ? AND detail LIKE '%\"passkey\"%'",
    )
      .bind(`user:${ownerId}`)
      .first<{ n: number }>();
    expect.soft(signIns!.n).toBe(0);
  });
});
