import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { throughProvider } from "../helpers/oidc";

/** The loopback provider's issuer, as the worker is configured with it. */
const ISSUER = (JSON.parse(String(env.OIDC_PROVIDERS)) as { issuer: string }[])[0]!.issuer;

const count = async (table: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;

async function start(client: Client, provider = "dga-digital-id", query = "") {
  const res = await client.fetch(`/auth/oidc/${provider}${query}`);
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

async function me(client: Client) {
  const res = await client.fetch("/api/v1/me");
  return {
    status: res.status,
    body: (await res.json()) as {
      user: { id: string; name: string; email: string | null };
      identities: { type: string; issuer: string; subject: string }[];
    },
  };
}

describe("OpenID Connect sign-in against a real provider", () => {
  afterEach(() => {});

  it("lists the configured providers", async () => {
    const res = await new Client().fetch("/api/v1/auth/providers");
    const body = (await res.json()) as { providers: { id: string; nameTh: string; nameEn: string }[] };
    expect(body.providers.map((p) => p.id)).toContain("dga-digital-id");
    expect(body.providers[0]).toEqual({ id: "dga-digital-id", nameTh: "ดิจิทัลไอดี สพร.", nameEn: "DGA Digital ID" });
  });

  it("sends the browser to the provider with PKCE, state and nonce", async () => {
    const location = new URL(await start(new Client()));
    expect(location.origin).toBe(ISSUER);
    for (const p of ["state", "nonce", "code_challenge"]) expect(location.searchParams.get(p)).toBeTruthy();
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("scope")?.split(" ")).toContain("openid");
    expect(location.searchParams.get("redirect_uri")).toBe("http://localhost:8787/auth/oidc/dga-digital-id/callback");
  });

  it("creates an account on the first sign-in and finds it on the next (client_secret_basic)", async () => {
    const first = new Client();
    const callback = await throughProvider(await start(first, "dga-digital-id", "?returnTo=/keys"));
    const res = await first.fetch(callback);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/keys");
    const profile = await me(first);
    expect(profile.status).toBe(200);
    expect(profile.body.user.name).toBe("อลิซ ทดสอบ");
    expect(profile.body.user.email).toBeNull();
    expect(profile.body.identities).toEqual([
      expect.objectContaining({ type: "oidc", issuer: ISSUER, subject: "alice-sub" }),
    ]);

    const second = new Client();
    await second.fetch(await throughProvider(await start(second)));
    expect((await me(second)).body.user.id).toBe(profile.body.user.id);
  });

  it("takes the name from given_name + family_name (client_secret_post)", async () => {
    const client = new Client();
    const res = await client.fetch(await throughProvider(await start(client, "thaid"), { login: "bob-sub" }));
    expect(res.status).toBe(302);
    expect((await me(client)).body.user.name).toBe("Bob Builder");
  });

  it("keeps sign-ins started in several tabs apart", async () => {
    const client = new Client();
    const tab1 = await start(client);
    const tab2 = await start(client);
    const back2 = await throughProvider(tab2, { login: "bob-sub" });
    const back1 = await throughProvider(tab1);
    expect((await client.fetch(back1)).status).toBe(302);
    expect((await client.fetch(back2)).status).toBe(302);
  });

  it("ignores a returnTo that leaves the site", async () => {
    for (const evil of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      const client = new Client();
      const res = await client.fetch(
        await throughProvider(await start(client, "dga-digital-id", `?returnTo=${encodeURIComponent(evil)}`)),
      );
      expect(res.headers.get("location")).toBe("/");
    }
  });

  describe("refuses, with an HTML page and no session", () => {
    async function refused(client: Client, path: string, status: number) {
      const sessionsBefore = await count("sessions");
      const res = await client.fetch(path);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("set-cookie") ?? "").not.toContain("steward_session=ses_");
      expect(await count("sessions")).toBe(sessionsBefore);
      expect((await client.fetch("/api/v1/me")).status).toBe(401);
      return res;
    }

    it("a tampered state", async () => {
      const client = new Client();
      const callback = await throughProvider(await start(client));
      await refused(client, callback.replace(/state=([^&]+)/, "state=tampered$1"), 400);
    });

    it("a wrong nonce in the ID token", async () => {
      const client = new Client();
      const callback = await throughProvider(await start(client), {
        tamper: (url) => url.searchParams.set("nonce", "not-the-nonce"),
      });
      await refused(client, callback, 400);
    });

    it("a callback from another browser (no binding cookie)", async () => {
      const callback = await throughProvider(await start(new Client()));
      await refused(new Client(), callback, 400);
    });

    it("a replayed callback", async () => {
      const client = new Client();
      const callback = await throughProvider(await start(client));
      expect((await client.fetch(callback)).status).toBe(302);
      const other = new Client();
      for (const [k, v] of client.cookies) if (k.startsWith("steward_oidc_")) other.cookies.set(k, v);
      await refused(other, callback, 400);
    });

    it("an expired code", async () => {
      const client = new Client();
      const callback = await throughProvider(await start(client, "short-codes"));
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await refused(client, callback, 400);
    });

    it("the person cancelling at the provider", async () => {
      const client = new Client();
      const res = await refused(client, await throughProvider(await start(client), { login: "cancel" }), 400);
      expect(await res.text()).toContain("ยกเลิก");
    });

    it("an issuer that is not exactly the configured one", async () => {
      await refused(new Client(), "/auth/oidc/wrong-issuer", 502);
    });

    it("an unreachable provider", async () => {
      await refused(new Client(), "/auth/oidc/unreachable", 502);
    });

    it("an unknown provider", async () => {
      await refused(new Client(), "/auth/oidc/nobody", 404);
    });
  });
});
