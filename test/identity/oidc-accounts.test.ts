import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, expectProblem } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo } from "../helpers/client";
import { applicationBody, createAgency, ensureTerms, unique } from "../helpers/fixtures";
import { address, registerPasskey, signInWith, wrongCode } from "../helpers/identity-auth";
import { throughProvider } from "../helpers/oidc";
import { auditOf } from "../helpers/db";

/** The loopback provider's issuer, as the worker is configured with it. */
const ISSUER = (JSON.parse(String(env.OIDC_PROVIDERS)) as { issuer: string }[])[0]!.issuer;

interface Identity {
  id: string;
  type: "email" | "oidc";
  email: string | null;
  provider: string | null;
  issuer: string | null;
  subject: string | null;
}
interface Profile {
  user: { id: string; email: string | null; name: string };
  identities: Identity[];
}

/** Goes through the provider as `login` (any subject signs in there) and back; returns the callback response. */
async function viaProvider(client: Client, login: string, query = ""): Promise<Response> {
  const start = await client.fetch(`/auth/oidc/dga-digital-id${query}`);
  expect(start.status).toBe(302);
  return client.fetch(await throughProvider(start.headers.get("location")!, { login }));
}

async function oidcUser(login = unique("sub-")): Promise<{ client: Client; login: string }> {
  const client = new Client();
  const res = await viaProvider(client, login);
  expect(res.status, await res.clone().text()).toBe(302);
  return { client, login };
}

async function profile(client: Client): Promise<Profile> {
  const res = await client.fetch("/api/v1/me");
  expect(res.status).toBe(200);
  return (await res.json()) as Profile;
}

const addEmail = (client: Client, email: string) => client.json("POST", "/api/v1/me/emails", { email });
const confirmEmail = (client: Client, email: string, code: string) =>
  client.json("POST", "/api/v1/me/emails/verify", { email, code });
const oidcIdentity = (p: Profile) => p.identities.find((i) => i.type === "oidc")!;

describe("an account made through OpenID Connect", () => {
  it("has one oidc identity and no e-mail, and cannot apply until it verifies an official address", async () => {
    const { client, login } = await oidcUser();
    const me = await profile(client);
    expect(me.user.email).toBeNull();
    expect(me.identities).toEqual([
      expect.objectContaining({ type: "oidc", provider: "dga-digital-id", issuer: ISSUER, subject: login }),
    ]);

    const agency = await createAgency();
    await expectProblem(
      await client.json("POST", "/api/v1/applications", applicationBody(agency.id)),
      409,
      "terms_not_accepted",
    );
    expect((await client.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() })).status).toBe(200);
    await expectProblem(
      await client.json("POST", "/api/v1/applications", applicationBody(agency.id)),
      422,
      "email_domain_mismatch",
    );

    const official = `${unique("o")}@${agency.domain}`;
    const started = await addEmail(client, official);
    expect(started.status).toBe(202);
    expect(await started.json()).toEqual({ status: "code_sent" });
    const code = codeIn(await lastMailTo(official));
    await expectProblem(await confirmEmail(client, official, wrongCode(code)), 400, "invalid_code");
    const confirmed = await confirmEmail(client, official, code);
    expect(confirmed.status).toBe(200);
    const after = (await confirmed.json()) as Profile;
    expect(after.user).toMatchObject({ id: me.user.id, email: official });
    expect(after.identities.map((i) => [i.type, i.email ?? i.subject]).sort()).toEqual([
      ["email", official],
      ["oidc", login],
    ]);
    expect((await auditOf(`user:${me.user.id}`, "email.verified")).map((e) => e.detail)).toEqual([{ email: official }]);

    const applied = await client.json("POST", "/api/v1/applications", applicationBody(agency.id));
    expect(applied.status, await applied.clone().text()).toBe(201);
    expect(
      ((await applied.json()) as { application: { applicant: { email: string } } }).application.applicant.email,
    ).toBe(official);
  });

  it("the verified address then signs in to the same account by e-mail code", async () => {
    const { client } = await oidcUser();
    const email = address();
    await addEmail(client, email);
    expect((await confirmEmail(client, email, codeIn(await lastMailTo(email)))).status).toBe(200);
    const byEmail = await signInWith(new Client(), email);
    expect((await profile(byEmail)).user.id).toBe((await profile(client)).user.id);
  });

  it("cannot take an address that belongs to another account (409 conflict), nor use a code sent for someone else", async () => {
    const taken = address();
    const owner = await signInWith(new Client(), taken);
    const ownerId = (await profile(owner)).user.id;
    const { client } = await oidcUser();
    expect((await addEmail(client, taken)).status).toBe(202);
    await expectProblem(await confirmEmail(client, taken, codeIn(await lastMailTo(taken))), 409, "conflict");
    const me = await profile(client);
    expect(me.user.email).toBeNull();
    expect(me.identities.map((i) => i.type)).toEqual(["oidc"]);
    expect((await profile(owner)).user).toMatchObject({ id: ownerId, email: taken });

    // A code is bound to the account that asked for it.
    const free = address();
    await addEmail(client, free);
    const { client: intruder } = await oidcUser();
    await expectProblem(await confirmEmail(intruder, free, codeIn(await lastMailTo(free))), 400, "invalid_code");
    expect((await profile(intruder)).user.email).toBeNull();
  });

  it("refuses a non-government address (422) and needs a session", async () => {
    const { client } = await oidcUser();
    await expectProblem(await addEmail(client, `${unique("x")}@gmail.com`), 422, "email_domain_not_allowed");
    await expectProblem(await addEmail(new Client(), address()), 401, "unauthenticated");
  });
});

describe("unlinking an identity", () => {
  it("refuses to unlink the only way to sign in (409); after adding an e-mail it unlinks (204)", async () => {
    const { client, login } = await oidcUser();
    const me = await profile(client);
    const oidc = oidcIdentity(me);
    await expectProblem(
      await client.fetch(`/api/v1/me/identities/${oidc.id}`, { method: "DELETE" }),
      409,
      "last_sign_in_method",
    );
    expect((await profile(client)).identities).toHaveLength(1);

    const email = address();
    await addEmail(client, email);
    expect((await confirmEmail(client, email, codeIn(await lastMailTo(email)))).status).toBe(200);
    expect((await client.fetch(`/api/v1/me/identities/${oidc.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await profile(client)).identities.map((i) => i.type)).toEqual(["email"]);
    expect(await auditOf(`user:${me.user.id}`, "identity.unlinked")).toHaveLength(1);

    // The provider's identity no longer leads to this account.
    const { client: later } = await oidcUser(login);
    expect((await profile(later)).user.id).not.toBe(me.user.id);
  });

  it("a passkey counts as a way to sign in: the identity unlinks, then the last passkey cannot be removed", async () => {
    const { client } = await oidcUser();
    const { passkey } = await registerPasskey(client);
    const oidc = oidcIdentity(await profile(client));
    expect((await client.fetch(`/api/v1/me/identities/${oidc.id}`, { method: "DELETE" })).status).toBe(204);
    await expectProblem(
      await client.fetch(`/api/v1/passkeys/${passkey.id}`, { method: "DELETE" }),
      409,
      "last_sign_in_method",
    );
    expect(((await (await client.fetch("/api/v1/passkeys")).json()) as { passkeys: unknown[] }).passkeys).toHaveLength(
      1,
    );
  });

  it("another user's identity or an unknown id is 404", async () => {
    const { client: victim } = await oidcUser();
    const victimIdentity = oidcIdentity(await profile(victim));
    const attacker = await signInWith(new Client(), address());
    await expectProblem(
      await attacker.fetch(`/api/v1/me/identities/${victimIdentity.id}`, { method: "DELETE" }),
      404,
      "not_found",
    );
    await expectProblem(
      await attacker.fetch("/api/v1/me/identities/oid_unknown", { method: "DELETE" }),
      404,
      "not_found",
    );
    expect((await profile(victim)).identities).toHaveLength(1);
  });
});

describe("linking an OpenID identity to a signed-in account", () => {
  it("?link=1 adds the identity to the same account; later provider sign-ins find that account", async () => {
    const email = address();
    const client = await signInWith(new Client(), email);
    const before = await profile(client);
    const res = await viaProvider(client, "bob-sub", "?link=1&returnTo=/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account");
    const after = await profile(client);
    expect(after.user).toMatchObject({ id: before.user.id, email });
    expect(after.identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "email", email }),
        expect.objectContaining({ type: "oidc", provider: "dga-digital-id", subject: "bob-sub" }),
      ]),
    );
    expect(after.identities).toHaveLength(2);
    expect(await auditOf(`user:${before.user.id}`, "identity.linked")).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ sub: "bob-sub" }) }),
    ]);

    const elsewhere = new Client();
    expect((await viaProvider(elsewhere, "bob-sub")).status).toBe(302);
    expect((await profile(elsewhere)).user.id).toBe(before.user.id);
  });

  it("an identity already linked to another account cannot be linked: 400 HTML, nothing changes", async () => {
    const { login } = await oidcUser();
    const client = await signInWith(new Client(), address());
    const before = await profile(client);
    const cookie = client.cookies.get(SESSION_COOKIE);
    const res = await viaProvider(client, login, "?link=1");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    const after = await profile(client);
    expect(after.identities).toEqual(before.identities);
    expect(client.cookies.get(SESSION_COOKIE)).toBe(cookie);
  });
});
